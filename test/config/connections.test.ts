import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { parseConnectionsCsv } from '../../src/config/connections.ts';
import { loadConfig } from '../../src/config/load.ts';
import { tempDir } from '../harness/tempDir.ts';
import { invitation } from '../support/notifications.ts';

// As LinkedIn exports it: notes first, then the header row.
const EXPORT = [
  'Notes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"',
  '',
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Jane,Doe,https://www.linkedin.com/in/jane-doe-42,,"Example, Inc.",Engineer,12 Nov 2024',
  'Ahmed,Haddad,https://www.linkedin.com/in/ahaddad,ahmed@example.org,Acme,CTO,01 Mar 2023',
  '',
].join('\r\n');

describe("LinkedIn's Connections.csv", () => {
  it('reads names, emails and profile links after the notes', () => {
    expect(parseConnectionsCsv(EXPORT, 'Connections.csv')).toEqual({
      names: ['Jane Doe', 'Ahmed Haddad'],
      emails: ['ahmed@example.org'],
      profileUrls: [
        'https://www.linkedin.com/in/jane-doe-42',
        'https://www.linkedin.com/in/ahaddad',
      ],
    });
  });

  it('says so when the file is not the export', () => {
    expect(() => parseConnectionsCsv('a,b\n1,2\n', 'x.csv')).toThrow(
      /rules\.knownPeople\.connectionsCsv: x\.csv has no header row/,
    );
  });

  it('makes everyone in it known, relative to the config file', async () => {
    const dir = tempDir('wherewemet-csv');
    writeFileSync(join(dir, 'Connections.csv'), EXPORT);
    writeFileSync(
      join(dir, 'wherewemet.yaml'),
      'rules: { knownPeople: { connectionsCsv: Connections.csv } }\ntemplates:\n  where-we-met: { subject: s, body: b }\n  not-now: { subject: s, body: b }\n',
    );
    const config = await loadConfig(join(dir, 'wherewemet.yaml'), {});
    expect(classify(invitation(), config.rules)).toMatchObject({
      category: 'known',
      action: 'none',
    });
    expect(
      classify(invitation({ inviter: { name: 'Someone Else', profileUrl: null } }), config.rules)
        .category,
    ).toBe('no-context');
  });

  it('names the key when the file is missing', async () => {
    const dir = tempDir('wherewemet-csv');
    writeFileSync(
      join(dir, 'c.yaml'),
      'rules: { knownPeople: { connectionsCsv: nope.csv } }\ntemplates:\n  where-we-met: { subject: s, body: b }\n  not-now: { subject: s, body: b }\n',
    );
    await expect(loadConfig(join(dir, 'c.yaml'), {})).rejects.toThrow(
      /rules\.knownPeople\.connectionsCsv: cannot read .*nope\.csv \(file not found\)/,
    );
  });
});

// Notices a mail gateway adds above or below the body are neither LinkedIn's nor a note; a note
// that merely mentions the outside world is still a note.
import { describe, expect, it } from 'vitest';
import { isGatewayNotice } from '../../src/parse/gatewayNotices.ts';

describe('isGatewayNotice', () => {
  it.each([
    'CAUTION: This email originated from outside of the organization. Do not click links or open attachments unless you recognize the sender and know the content is safe.',
    'Caution: This message came from outside your organization.',
    "You don't often get email from invitations@linkedin.com. Learn why this is important",
    '[EXTERNAL] This message came from an external sender. Be careful with links and attachments.',
    'EXTERNAL EMAIL: Use caution when clicking links or opening attachments.',
    'This email has been scanned for viruses and malware by Mimecast Ltd.',
    'This email has been scanned by the Symantec Email Security.cloud service.',
    'Scanned by the Corp.example mail gateway. Report suspicious mail to security@corp.example.',
  ])('%s', (line) => {
    expect(isGatewayNotice(line)).toBe(true);
  });

  it.each([
    'We met at RSA',
    'Caution: I am a very careful person, we met at the safety summit',
    'You often get email from me, we worked together at Siemens',
    'External advisor at Bosch, we met in Stuttgart',
    'Scanned by chance your profile, we met at the Berlin security meetup',
    'Scanned by my colleague Anna at the mail conference',
    'Scanned by the security team at RSA, where we met',
    `CAUTION: This email originated from outside of the organization. ${'x'.repeat(400)}`,
  ])('not: %s', (line) => {
    expect(isGatewayNotice(line)).toBe(false);
  });
});

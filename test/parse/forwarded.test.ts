// Invitations the user forwarded (src/parse/forward.ts), beyond the fixture table: what can and
// cannot prove them, and so whom their draft is addressed to. The fixtures are in
// test/fixtures/forwarded/; their attached originals are signed with test/support/fixtureDkim.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { loadConfig } from '../../src/config/load.ts';
import { verifyLinkedInDkim } from '../../src/dns/dkim.ts';
import { replyAddress } from '../../src/draft/composeDraft.ts';
import { parseMail, parseNotification } from '../../src/parse/parseNotification.ts';
import { fixtureDkimResolver } from '../support/fixtureDkim.ts';
import { BLIND_CLASSES, generateBlind } from './blind/generator.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/forwarded/${name}`, import.meta.url));
const ourCheck = { verifyDkim: (raw: Buffer) => verifyLinkedInDkim(raw, fixtureDkimResolver) };
const USER_SERVER = { trustedAuthservId: 'mx.example.net' };

describe('an invitation forwarded as an attachment', () => {
  it("is verified by LinkedIn's own signature on it, and only then drafted to the inviter", async () => {
    const signed = await parseNotification(fixture('attached-outlook-2012-signed.eml'), {
      ...USER_SERVER,
      ...ourCheck,
    });
    expect(signed.authenticity).toBe('verified');
    expect(replyAddress(signed)).toBe('dmitri.alvarez@example.org');

    const reencoded = await parseNotification(fixture('attached-outlook-2012-reencoded.eml'), {
      ...USER_SERVER,
      ...ourCheck,
    });
    expect(reencoded.inviter.email).toBe('dmitri.alvarez@example.org');
    expect(reencoded.authenticity).toBe('unverified');
    expect(replyAddress(reencoded)).toBeNull();
  });

  it('is unverified without our own check, whatever the headers inside it say', async () => {
    // The forwarder can write any Authentication-Results into the original, even one in the name
    // of the user's own server: only the server's headers on the mail it received count.
    const raw = fixture('attached-outlook-2012-signed.eml')
      .toString('latin1')
      .replace(
        'Content-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n',
        '$&Authentication-Results: mx.example.net; dkim=pass header.d=linkedin.com; dmarc=pass header.from=linkedin.com\r\n',
      );
    expect(raw).toContain(
      '\r\nAuthentication-Results: mx.example.net; dkim=pass header.d=linkedin',
    );
    const n = await parseNotification(Buffer.from(raw, 'latin1'), USER_SERVER);
    expect(n.kind).toBe('invitation');
    expect(n.authenticity).toBe('unverified');
    expect(n.authenticityReasons).toEqual([
      "forwarded by arjun.menon@example.org as an attachment; LinkedIn's signature on it is not verified (our own check)",
    ]);
  });
});

describe('an invitation forwarded inline', () => {
  it('can never be verified: a quoted copy carries no signature of its own', async () => {
    const n = await parseNotification(fixture('gmail-inline-2026-nonote-en.eml'), {
      ...USER_SERVER,
      verifyDkim: async () => true,
    });
    expect(n.authenticity).toBe('unverified');
    expect(replyAddress(n)).toBeNull();
  });
});

describe('an invitation forwarded as plain text', () => {
  it("is read below the header block, the forwarder's words left out", async () => {
    // ugly/forwarded-inline.eml quotes Ingrid's own invitation; sent to Nora, it is Nora's.
    const raw = readFileSync(new URL('../fixtures/ugly/forwarded-inline.eml', import.meta.url))
      .toString('latin1')
      .replace(
        'To: Ingrid Solberg <ingrid.solberg@example.org>',
        'To: Nora Lindqvist <nora.lindqvist@example.com>',
      );
    const n = await parseNotification(Buffer.from(raw, 'latin1'), USER_SERVER);
    // "He says he met you at the AWS Summit" is Ingrid's, above the block: not the inviter's note.
    expect(n).toMatchObject({
      kind: 'invitation',
      inviter: { name: 'Harlan Pike' },
      note: "I'd like to join your LinkedIn network.",
      noteKind: 'default',
      authenticity: 'unverified',
    });
  });
});

describe("the blind generator's forwards (Gmail, Outlook, attached)", () => {
  it('are each read as an invitation, none verified, drafted where no note says where', async () => {
    const { rules } = await loadConfig(
      fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
    );
    const cls = BLIND_CLASSES.find((c) => c.name.startsWith('forwarded'));
    const seen = new Set<string>();
    for (const c of generateBlind(cls as (typeof BLIND_CLASSES)[number], 30, 5)) {
      const { notification: n } = await parseMail(c.raw, {
        trustedAuthservId: c.trustedAuthservId,
      });
      const drafted = classify(n, rules).action === 'draft';
      seen.add(`${n.kind} ${n.authenticity} ${drafted === (c.want === 'draft')}`);
    }
    expect([...seen]).toEqual(['invitation unverified true']);
  });
});

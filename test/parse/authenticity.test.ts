// The two options that change what counts as proof: pinning the Authentication-Results of one
// server (trustedAuthservId), and our own DKIM verdict (dkimVerified, from verifyLinkedInDkim).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNotification } from '../../src/parse/parseNotification.ts';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const verifiedMail = fixture('invitations/2019-default-join-en-verified.eml');
const unsignedMail = fixture('invitations/2016-default-add-en.eml');
const forgedLowerPass = fixture('suspicious/topmost-authres-fail-lower-pass.eml');

describe('trustedAuthservId', () => {
  it('keeps a pass written by the named server', async () => {
    const n = await parseNotification(verifiedMail, { trustedAuthservId: 'mx.example.net' });
    expect(n.authenticity).toBe('verified');
  });

  it('ignores Authentication-Results of any other server', async () => {
    const n = await parseNotification(verifiedMail, { trustedAuthservId: 'mx.elsewhere.example' });
    expect(n.authenticity).toBe('unverified');
  });

  it("still reads the named server's fail below or above a sender's forged pass", async () => {
    // Topmost: our server's dkim/spf/dmarc=fail; lower: a forged 'mx.linkedin.com' pass.
    const n = await parseNotification(forgedLowerPass, { trustedAuthservId: 'mx.example.net' });
    expect(n.authenticity).toBe('suspicious');
  });
});

describe('dkimVerified', () => {
  it('verifies mail from linkedin.com whose signature we checked ourselves', async () => {
    expect((await parseNotification(unsignedMail)).authenticity).toBe('unverified');
    const n = await parseNotification(unsignedMail, { dkimVerified: true });
    expect(n.authenticity).toBe('verified');
  });

  it('does not make mail suspicious when our check fails: re-encoding breaks signatures', async () => {
    const n = await parseNotification(unsignedMail, { dkimVerified: false });
    expect(n.authenticity).toBe('unverified');
  });

  it('never verifies an imitation', async () => {
    const n = await parseNotification(forgedLowerPass, { dkimVerified: true });
    expect(n.authenticity).toBe('suspicious');
  });
});

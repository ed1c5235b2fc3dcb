// The two options that change what counts as proof: pinning the Authentication-Results of one
// server (trustedAuthservId), and our own DKIM check (verifyDkim, verifyLinkedInDkim in `run`).
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

describe("the user's server", () => {
  const senderWritten = fixture('suspicious/replyto-phisher-sender-authres.eml');
  const exchange = fixture('invitations/2021-outlook-reencoded-cp1252-en.eml');

  it("ignores a pass the sender wrote under another server's name", async () => {
    // Its only Authentication-Results is "mx.example.net; dkim=pass": the recipient's is mx.example.org.
    const n = await parseNotification(senderWritten, { trustedAuthservId: 'mx.example.org' });
    expect(n.authenticity).toBe('unverified');
    expect(n.inviter.email).toBe('collect@phisher.example');
  });

  it('trusts no pass while the server is not known, the topmost included', async () => {
    const n = await parseNotification(senderWritten);
    expect(n.authenticity).toBe('unverified');
    expect(n.authenticityReasons[0]).toMatch(/not known to be your mail server's/);
    // Its failures still count: they can only make mail less trusted.
    expect((await parseNotification(forgedLowerPass)).authenticity).toBe('suspicious');
  });

  it('reads the header of a server that names none (Exchange Online) when that is the server', async () => {
    expect((await parseNotification(exchange, { trustedAuthservId: '' })).authenticity).toBe(
      'verified',
    );
    expect(
      (await parseNotification(exchange, { trustedAuthservId: 'mx.example.net' })).authenticity,
    ).toBe('unverified');
  });
});

describe('links in the note', () => {
  it("count against mail not proven to be LinkedIn's: an imitation cannot hide its links there", async () => {
    const n = await parseNotification(fixture('suspicious/phishing-link-in-note.eml'), {
      trustedAuthservId: 'mx.example.org',
    });
    expect(n.authenticity).toBe('suspicious');
    expect(n.authenticityReasons).toEqual([
      'links lead away from LinkedIn: collect.phisher.example',
    ]);
  });

  it("are the inviter's text in mail LinkedIn is proven to have sent", async () => {
    const n = await parseNotification(fixture('invitations/2020-note-paragraphs-en.eml'), {
      verifyDkim: async () => true,
    });
    expect(n.note).toContain('https://blog.brightwell.io/');
    expect(n.authenticity).toBe('verified');
  });
});

describe('our own DKIM check (verifyDkim)', () => {
  it('verifies mail from linkedin.com whose signature we checked ourselves', async () => {
    expect((await parseNotification(unsignedMail)).authenticity).toBe('unverified');
    const n = await parseNotification(unsignedMail, { verifyDkim: async () => true });
    expect(n.authenticity).toBe('verified');
  });

  it("makes mail suspicious when our check fails, unless the user's server passed it", async () => {
    // A LinkedIn signature that does not verify is a forgery, or a body changed on the way: the
    // server, which saw the mail as it arrived, tells the two apart.
    const n = await parseNotification(unsignedMail, { verifyDkim: async () => false });
    expect(n.authenticity).toBe('suspicious');
    expect(n.authenticityReasons).toEqual([
      "LinkedIn's DKIM signature does not verify (our own check)",
    ]);
    const passed = await parseNotification(verifiedMail, {
      trustedAuthservId: 'mx.example.net',
      verifyDkim: async () => false,
    });
    expect(passed.authenticity).toBe('verified');
  });

  it('never verifies an imitation', async () => {
    const n = await parseNotification(forgedLowerPass, { verifyDkim: async () => true });
    expect(n.authenticity).toBe('suspicious');
  });
});

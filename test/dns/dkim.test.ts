// verifyLinkedInDkim against a real signature: a throw-away RSA key signs as linkedin.com, and a
// fake resolver publishes its public key, so no DNS is needed.
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { describe, expect, it } from 'vitest';
import { type DnsResolver, verifyLinkedInDkim } from '../../src/dns/dkim.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyBase64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

const message = [
  'From: Jane Doe <invitations@linkedin.com>',
  'To: Paul Smith <paul@example.com>',
  'Subject: Jane Doe wants to connect',
  'Date: Tue, 03 Mar 2026 10:00:00 +0000',
  'Message-ID: <dkim-test@linkedin.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Hi Paul,',
  "I'd like to join your LinkedIn network.",
  '',
].join('\r\n');

async function signed(domain: string, body = message): Promise<string> {
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' });
  const { signatures, errors } = await dkimSign(body, {
    signatureData: [{ signingDomain: domain, selector: 's2026', privateKey: key }],
  } as Parameters<typeof dkimSign>[1]);
  expect(signatures).toMatch(/^DKIM-Signature:/);
  expect(errors).toEqual([]);
  return signatures + body;
}

const resolver: DnsResolver = async (name, rrtype) => {
  if (rrtype === 'TXT' && /^s2026\._domainkey\.(?:[\w-]+\.)*linkedin\.com$/.test(name)) {
    return [[`v=DKIM1; k=rsa; p=${publicKeyBase64}`]];
  }
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

const dnsDown: DnsResolver = async () => {
  throw Object.assign(new Error('queryTxt ETIMEOUT'), { code: 'ETIMEOUT' });
};

describe('verifyLinkedInDkim', () => {
  it('is true for an intact message signed by linkedin.com', async () => {
    expect(await verifyLinkedInDkim(Buffer.from(await signed('linkedin.com')), resolver)).toBe(
      true,
    );
  });

  it('accepts a subdomain of linkedin.com as signer', async () => {
    const raw = Buffer.from(await signed('e.linkedin.com'));
    expect(await verifyLinkedInDkim(raw, resolver)).toBe(true);
  });

  it('is false when the body was changed after signing', async () => {
    const tampered = (await signed('linkedin.com')).replace(
      "I'd like to join your LinkedIn network.",
      'Please wire me 500 EUR.',
    );
    expect(await verifyLinkedInDkim(Buffer.from(tampered), resolver)).toBe(false);
  });

  it('is false when a signed header was changed', async () => {
    const tampered = (await signed('linkedin.com')).replace(
      'Subject: Jane Doe wants to connect',
      'Subject: Urgent: verify your account',
    );
    expect(await verifyLinkedInDkim(Buffer.from(tampered), resolver)).toBe(false);
  });

  it('is null for an unsigned message', async () => {
    expect(await verifyLinkedInDkim(Buffer.from(message), resolver)).toBeNull();
  });

  it('is null when only another domain signed', async () => {
    const raw = Buffer.from(await signed('linkedin-security.net'));
    expect(await verifyLinkedInDkim(raw, resolver)).toBeNull();
  });

  it('is null when DNS cannot be asked', async () => {
    const raw = Buffer.from(await signed('linkedin.com'));
    expect(await verifyLinkedInDkim(raw, dnsDown)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { passwordCredentials } from '../../src/auth/credentials.ts';
import type { ImapSettings } from '../../src/config/accounts.ts';
import type { MailProvider } from '../../src/config/providers.ts';
import { BlockedError } from '../../src/errors.ts';
import { describeImapFailure, warnPlaintext } from '../../src/imap/connect.ts';

const refused = Object.assign(new Error('Command failed'), {
  authenticationFailed: true,
  responseText: 'Invalid credentials (Failure)',
});

function settings(host: string, provider: MailProvider | null): ImapSettings {
  return {
    host,
    port: 993,
    secure: true,
    user: 'paul@example.com',
    credentials: passwordCredentials('paul@example.com', 'wrong'),
    tlsRejectUnauthorized: true,
    allowPlaintext: false,
    idleRestartSeconds: 300,
    provider,
  };
}

function fixFor(provider: MailProvider | null): string {
  const err = describeImapFailure(refused, settings('imap.example.com', provider));
  if (!(err instanceof BlockedError)) throw new Error(`not blocked: ${err.message}`);
  return err.fix;
}

describe('a refused password login says what to check for the provider', () => {
  it('Gmail: an app password, where to make one, or OAuth2', () => {
    const fix = fixFor('gmail');
    expect(fix).toContain('app password');
    expect(fix).toContain('https://myaccount.google.com/apppasswords');
    expect(fix).toContain('imap.oauth2 with provider google');
  });

  it('Outlook: passwords are refused, only OAuth2 works', () => {
    const fix = fixFor('outlook');
    expect(fix).toMatch(/refuses passwords/);
    expect(fix).toContain('imap.oauth2 with provider microsoft');
    expect(fix).not.toContain('app password');
  });

  it('iCloud: an app-specific password, no OAuth2 offered', () => {
    const fix = fixFor('icloud');
    expect(fix).toContain('https://account.apple.com');
    expect(fix).not.toContain('oauth2');
  });

  it('no provider: the user name and password', () => {
    expect(fixFor(null)).toBe(
      'check the user name and password (an app password where the provider asks for one)',
    );
  });
});

describe('the plaintext warning (imap.allowPlaintext)', () => {
  it('comes once per server and process, and never for a server on this machine', () => {
    const warnings: string[] = [];
    const log = { warn: (msg: string) => warnings.push(msg) } as never;
    for (let i = 0; i < 3; i++) {
      warnPlaintext(settings('mail.example.net', null), log);
      warnPlaintext(settings('127.0.0.1', null), log);
    }
    warnPlaintext(settings('other.example.net', null), log);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/mail\.example\.net:993 offers no STARTTLS.*imap\.allowPlaintext/);
    expect(warnings[1]).toContain('other.example.net:993');
  });
});

describe('a refused OAuth2 access token', () => {
  it('is retryable while the credentials have a fresh one to try, and blocks after that', () => {
    const oauth2 = {
      ...settings('imap.example.com', null),
      credentials: { ...passwordCredentials('paul@example.com', ''), kind: 'oauth2' as const },
    };
    expect(describeImapFailure(refused, oauth2, true)).toMatchObject({
      code: 'TOKEN_REFUSED',
      kind: 'retryable',
    });
    expect(describeImapFailure(refused, oauth2, false)).toMatchObject({
      code: 'LOGIN_REFUSED',
      kind: 'blocked',
      fix: expect.stringContaining('wherewemet login'),
    });
  });
});

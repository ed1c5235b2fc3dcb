// The oauth2, provider, state and smtp keys of the config, as check-config reports them.
import { describe, expect, it } from 'vitest';
import { chooseFlow } from '../../src/cli/login.ts';
import { requireImap, requireSmtp, resolveOAuth2 } from '../../src/config/accounts.ts';
import { parseConfig } from '../../src/config/load.ts';
import { PROVIDER_PROFILES } from '../../src/config/providers.ts';
import { ConfigError } from '../../src/errors.ts';

const BASE = `
rules: { actions: { no-context: none, pitch: none } }
`;

const load = (yaml: string, env: Record<string, string> = {}) =>
  parseConfig(`${BASE}${yaml}`, 'test.yaml', env);

const problems = (yaml: string, env: Record<string, string> = {}): string[] => {
  try {
    load(yaml, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('oauth2 settings', () => {
  it("fills in Google's documented endpoints and scope, and asks for offline access", () => {
    const config = load(
      'imap: { oauth2: { provider: google, clientId: abc.apps.googleusercontent.com } }',
    );
    const settings = resolveOAuth2(config.imap.oauth2 as NonNullable<typeof config.imap.oauth2>);
    expect(settings).toMatchObject({
      authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      deviceAuthorizationUrl: null,
      scopes: ['https://mail.google.com/'],
      authorizeParams: { access_type: 'offline', prompt: 'consent' },
    });
    // Google's device flow does not grant the Gmail scope: login uses the browser.
    expect(chooseFlow(settings)).toBe('browser');
    expect(() => chooseFlow(settings, 'device')).toThrow(/google has no deviceAuthorizationUrl/);
  });

  it("fills in Microsoft's v2.0 endpoints and IMAP, SMTP and offline scopes, and uses a device code", () => {
    const config = load('imap: { oauth2: { provider: microsoft, clientId: 00000000-1111 } }');
    const settings = resolveOAuth2(config.imap.oauth2 as NonNullable<typeof config.imap.oauth2>);
    expect(settings).toMatchObject({
      authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      deviceAuthorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/devicecode',
      scopes: [
        'https://outlook.office.com/IMAP.AccessAsUser.All',
        'https://outlook.office.com/SMTP.Send',
        'offline_access',
      ],
      clientSecret: null,
    });
    expect(chooseFlow(settings)).toBe('device');
    expect(chooseFlow(settings, 'browser')).toBe('browser');
  });

  it('names each key a custom server is missing', () => {
    expect(problems('imap: { oauth2: { provider: custom, clientId: x } }')).toEqual([
      'test.yaml: imap.oauth2.tokenUrl: required for provider custom',
      'test.yaml: imap.oauth2.scopes: required for provider custom',
    ]);
    expect(problems('imap: { oauth2: { provider: yahoo, clientId: x } }')).toEqual([
      expect.stringMatching(
        /^test\.yaml: imap\.oauth2\.provider: .*"google"\|"microsoft"\|"custom"/,
      ),
    ]);
  });

  it('refuses a token endpoint over plain http unless it is on this machine', () => {
    const custom = (url: string) =>
      `imap: { oauth2: { provider: custom, clientId: x, scopes: [mail], tokenUrl: "${url}" } }`;
    expect(problems(custom('http://auth.example.com/token'))).toEqual([
      'test.yaml: imap.oauth2.tokenUrl: must be https (http only on loopback)',
    ]);
    expect(problems(custom('http://127.0.0.1:8080/token'))).toEqual([]);
  });

  it('takes a password or oauth2, not both', () => {
    expect(problems('imap: { password: pw, oauth2: { provider: google, clientId: x } }')).toEqual([
      'test.yaml: imap.oauth2: set either password or oauth2, not both',
    ]);
  });

  it('needs no password once oauth2 is set, also with IMAP_URL', () => {
    const config = load(
      'imap: { oauth2: { provider: google, clientId: x, refreshToken: "1//r" } }',
      {
        IMAP_URL: 'imaps://me%40gmail.com@imap.gmail.com',
      },
    );
    const imap = requireImap(config, {});
    expect(imap.credentials.kind).toBe('oauth2');
    expect(imap.user).toBe('me@gmail.com');
  });
});

describe('provider profiles', () => {
  it('fill in the servers and habits of Gmail; keys in the file win', () => {
    const config = load('provider: gmail\nimap: { user: me@gmail.com, password: app, port: 1993 }');
    expect(config.imap).toMatchObject({ host: 'imap.gmail.com', port: 1993, secure: true });
    expect(config.smtp).toMatchObject({
      url: 'smtps://smtp.gmail.com:465',
      providerSavesToSent: true,
    });
    // Gmail drops long IDLEs: re-issued within 10 minutes.
    expect(requireImap(config, {}).idleRestartSeconds).toBeLessThan(10 * 60);
  });

  it('know which providers file sent mail and have app passwords', () => {
    expect(PROVIDER_PROFILES.outlook).toMatchObject({
      imap: { host: 'outlook.office365.com', port: 993, secure: true },
      providerSavesToSent: true,
      auth: { oauth2: 'microsoft', appPassword: false },
    });
    expect(PROVIDER_PROFILES.gmail).toMatchObject({ providerSavesToSent: true });
    expect(PROVIDER_PROFILES.fastmail).toMatchObject({ providerSavesToSent: false });
    for (const profile of Object.values(PROVIDER_PROFILES)) {
      // RFC 2177: re-issue IDLE at least every 29 minutes.
      expect(profile.idleRestartSeconds).toBeLessThan(29 * 60);
      expect(profile.auth.appPassword).toBe(profile.appPasswordUrl !== null);
    }
  });

  it('names an unknown provider', () => {
    expect(problems('provider: hotmail')).toEqual([
      expect.stringMatching(/^test\.yaml: provider: .*"gmail"/),
    ]);
  });
});

describe('smtp settings', () => {
  it('validate smtp.url when the config loads, without echoing the password', () => {
    const found = problems('smtp: { url: "smtps://me:hunter2@smtp.example.com:46x5" }');
    expect(found).toEqual([
      'test.yaml: smtp.url: must be smtp://host:port or smtps://host:port (user and password URL-encoded, port a number)',
    ]);
    expect(found.join('\n')).not.toContain('hunter2');
    expect(problems('smtp: { url: "https://smtp.example.com" }')).toHaveLength(1);
    // SMTP_URL goes through the same check.
    expect(problems('', { SMTP_URL: 'smtp://me:hunter2@host:99999' })).toHaveLength(1);
  });

  it("use imap's OAuth2 and user unless smtp says otherwise", () => {
    const config = load(
      'provider: gmail\nimap: { user: me@gmail.com, oauth2: { provider: google, clientId: x, refreshToken: "1//r" } }',
    );
    const smtp = requireSmtp({ smtp: config.smtp, imapConfig: config.imap }, config, {});
    expect(smtp.url).toBe('smtps://smtp.gmail.com:465');
    expect(smtp.credentials).toMatchObject({ user: 'me@gmail.com', kind: 'oauth2' });
    // A password in the URL is the URL's business, and imap's password is not reused.
    const withPassword = load('imap: { user: a, password: b }\nsmtp: { url: "smtp://u:p@h:587" }');
    expect(
      requireSmtp({ smtp: withPassword.smtp, imapConfig: withPassword.imap }, withPassword, {})
        .credentials,
    ).toBeNull();
    const noPassword = load('imap: { user: a, password: b }\nsmtp: { url: "smtp://h:587" }');
    expect(
      requireSmtp({ smtp: noPassword.smtp, imapConfig: noPassword.imap }, noPassword, {})
        .credentials,
    ).toBeNull();
  });
});

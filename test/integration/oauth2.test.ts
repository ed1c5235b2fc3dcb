// OAuth2 end to end on loopback: Dovecot's oauth2 passdb checks every access token at the
// introspection endpoint of a real authorization server (oidc-provider) whose access tokens live
// three seconds, so tests see them expire, get refreshed, and see a revoked grant stop everything.
import { readFile, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadOAuthClient } from '../../src/auth/clients.ts';
import type { OAuthClient } from '../../src/auth/oauthClient.ts';
import { signInWithBrowser } from '../../src/auth/signIn.ts';
import {
  requireImap,
  requireSmtp,
  resolveOAuth2,
  tokenStoreFor,
} from '../../src/config/accounts.ts';
import { parseConfig } from '../../src/config/load.ts';
import { BlockedError } from '../../src/errors.ts';
import { connectImap } from '../../src/imap/connect.ts';
import { createLogger } from '../../src/log.ts';
import { smtpSender } from '../../src/smtp/sendApproved.ts';
import { uniqueUser } from '../harness/context.ts';
import { type DovecotServer, startDovecot } from '../harness/dovecot.ts';
import { freePort, LOOPBACK, waitFor } from '../harness/freePort.ts';
import { type OAuthServer, startOAuthServer } from '../harness/oauthServer.ts';
import { removeTempDirs, tempDir } from '../harness/tempDir.ts';

afterAll(removeTempDirs);

const log = createLogger({ level: 'silent' });
let auth: OAuthServer;
let dovecot: DovecotServer;
let stateDir: string;

beforeAll(async () => {
  auth = await startOAuthServer({ accessTokenTtl: 3 });
  dovecot = await startDovecot({ oauth2IntrospectionUrl: auth.introspectionUrl });
  stateDir = tempDir('wwm-state');
});
afterAll(async () => {
  await dovecot?.stop();
  await auth?.stop();
});

/** A config for `user` on the OAuth2 Dovecot, as a person would write it. */
function configFor(
  user: string,
  oauth2: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  const yaml = stringify({
    imap: {
      host: LOOPBACK,
      port: dovecot.port,
      secure: false,
      allowPlaintext: true,
      user,
      oauth2: {
        provider: 'custom',
        clientId: auth.publicClientId,
        tokenUrl: auth.tokenUrl,
        scopes: ['mail'],
        ...oauth2,
      },
    },
    state: { dir: stateDir },
    rules: { actions: { 'no-context': 'none', pitch: 'none' } },
    ...extra,
  });
  return parseConfig(yaml, 'test.yaml', {});
}

async function logIn(settings: ReturnType<typeof requireImap>): Promise<void> {
  const client = await connectImap(settings, log);
  await client.logout();
}

/** Resolves once the stored access token is past its refresh time (it expires a moment later). */
async function tokenAged(config: ReturnType<typeof configFor>, user: string): Promise<void> {
  const store = tokenStoreFor(config, {});
  const file = JSON.parse(await readFile(store.file, 'utf8')) as {
    tokens: Record<string, { refreshAfter: number; expiresAt: number }>;
  };
  const entry = Object.entries(file.tokens).find(([key]) => key.startsWith(`${user} `))?.[1];
  if (!entry) throw new Error(`no stored token for ${user}`);
  await waitFor(
    () => Date.now() > entry.expiresAt,
    10_000,
    () => 'token did not expire',
  );
}

describe('OAuth2 IMAP login against Dovecot', () => {
  it('logs in with an access token, reuses it while fresh, refreshes it once it expired', async () => {
    const user = uniqueUser('oauth');
    const config = configFor(user, {
      refreshToken: await auth.refreshTokenFor(user, auth.publicClientId),
    });
    const settings = requireImap(config, {});
    const before = auth.tokenRequests;

    await logIn(settings);
    const first = await settings.credentials.login();
    await logIn(settings);
    expect(auth.tokenRequests - before).toBe(1);

    await tokenAged(config, user);
    // The old token really is dead: Dovecot refuses it.
    const stale = new ImapFlow({
      host: LOOPBACK,
      port: dovecot.port,
      secure: false,
      auth: first,
      logger: false,
    });
    await expect(stale.connect()).rejects.toMatchObject({ authenticationFailed: true });

    await logIn(settings);
    expect(auth.tokenRequests - before).toBe(2);
    expect((await settings.credentials.login()) as object).not.toEqual(first);
  });

  it('keeps the rotated refresh token in a 0600 file, and across a restart', async () => {
    const user = uniqueUser('rotate');
    const seed = await auth.refreshTokenFor(user, auth.publicClientId);
    const config = configFor(user, { refreshToken: seed });
    await logIn(requireImap(config, {}));
    const store = tokenStoreFor(config, {});
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
    expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
    const text = await readFile(store.file, 'utf8');
    // The public client's refresh tokens rotate; the config's seed is spent.
    expect(text).not.toContain(seed);

    await tokenAged(config, user);
    // A new process (new credentials) refreshes with the rotated token from the store.
    await logIn(requireImap(configFor(user, { refreshToken: seed }), {}));
  });

  it('a revoked grant blocks with LOGIN_NEEDED and asks the server once, until the token store changes', async () => {
    const user = uniqueUser('revoked');
    const config = configFor(user, {
      refreshToken: await auth.refreshTokenFor(user, auth.publicClientId),
    });
    const settings = requireImap(config, {});
    await logIn(settings);
    await auth.revoke(user);
    await tokenAged(config, user);

    const before = auth.tokenRequests;
    for (let i = 0; i < 5; i++) {
      await expect(logIn(settings)).rejects.toSatisfy(
        (err) =>
          err instanceof BlockedError &&
          err.code === 'LOGIN_NEEDED' &&
          /wherewemet login/.test(err.fix),
      );
    }
    expect(auth.tokenRequests - before).toBe(1);

    // `login` writes a new refresh token to the store: the account works again.
    const store = tokenStoreFor(config, {});
    const key = Object.keys(JSON.parse(await readFile(store.file, 'utf8')).tokens).find((k) =>
      k.startsWith(`${user} `),
    );
    await store.set(key as string, {
      refreshToken: await auth.refreshTokenFor(user, auth.publicClientId),
    });
    // (A refreshToken in the config would still win over it, so the person removed that.)
    await logIn(requireImap(configFor(user), {}));
  });

  it('a refused token is refreshed once; refused again, the account blocks without a login storm', async () => {
    // Dovecot refuses: the token's subject is someone else.
    const user = uniqueUser('mismatch');
    const config = configFor(user, {
      refreshToken: await auth.refreshTokenFor(`${user}-other`, auth.publicClientId),
    });
    const settings = requireImap(config, {});
    const before = auth.tokenRequests;
    // The first refusal is for a refresh to cure (retryable); only a refused fresh token blocks.
    await expect(logIn(settings)).rejects.toMatchObject({
      code: 'TOKEN_REFUSED',
      kind: 'retryable',
    });
    await expect(logIn(settings)).rejects.toMatchObject({
      code: 'LOGIN_REFUSED',
      kind: 'blocked',
      fix: expect.stringMatching(/freshly refreshed.*wherewemet login/),
    });
    for (let i = 0; i < 3; i++)
      await expect(logIn(settings)).rejects.toMatchObject({ code: 'LOGIN_REFUSED' });
    expect(auth.tokenRequests - before).toBe(2);
  });

  it('several connections at once share one refresh', async () => {
    const user = uniqueUser('flight');
    const config = configFor(user, {
      refreshToken: await auth.refreshTokenFor(user, auth.publicClientId),
    });
    const imap = requireImap(config, {});
    const smtp = requireImap(config, {});
    const before = auth.tokenRequests;
    await Promise.all([logIn(imap), logIn(imap), logIn(smtp), logIn(smtp)]);
    expect(auth.tokenRequests - before).toBe(1);
  });

  it('encrypts the token store with WHEREWEMET_SECRET', async () => {
    const user = uniqueUser('secret');
    const dir = tempDir('wwm-state');
    const env = { WHEREWEMET_SECRET: 'correct horse battery staple' };
    const seed = await auth.refreshTokenFor(user);
    const config = configFor(
      user,
      {
        clientId: auth.confidentialClient.id,
        clientSecret: auth.confidentialClient.secret,
        refreshToken: seed,
      },
      { state: { dir } },
    );
    const settings = requireImap(config, env);
    await logIn(settings);
    const access = (await settings.credentials.login()) as { accessToken: string };
    const text = await readFile(join(dir, 'tokens.json'), 'utf8');
    expect(text).not.toContain(seed);
    expect(text).not.toContain(access.accessToken);
    // Without the secret the store cannot be read: a person must act, nothing is sent anywhere.
    await expect(
      tokenStoreFor(config, {}).get(Object.keys(JSON.parse(text).tokens)[0] as string),
    ).rejects.toMatchObject({
      code: 'LOGIN_NEEDED',
    });
  });

  it("Google's code path (google-auth-library) refreshes against the same server", async () => {
    const user = uniqueUser('google');
    const config = configFor(user, {
      provider: 'google',
      clientId: auth.confidentialClient.id,
      clientSecret: auth.confidentialClient.secret,
      tokenUrl: auth.tokenUrl,
      scopes: null,
      refreshToken: await auth.refreshTokenFor(user),
    });
    const before = auth.tokenRequests;
    await logIn(requireImap(config, {}));
    expect(auth.tokenRequests - before).toBe(1);
  });
});

describe('approve over SMTP with XOAUTH2', () => {
  it('sends with a fresh access token that the SMTP server checks at the introspection endpoint', async () => {
    const user = uniqueUser('smtp');
    const accepted: Array<{ user: string; method: string }> = [];
    const received: string[] = [];
    const server = new SMTPServer({
      authMethods: ['XOAUTH2'],
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 500,
      async onAuth(login, _session, callback) {
        // Checked as Dovecot checks it: RFC 7662 introspection with the resource server's credentials.
        const introspection = new URL(auth.introspectionUrl);
        const basic = Buffer.from(
          `${decodeURIComponent(introspection.username)}:${decodeURIComponent(introspection.password)}`,
        ).toString('base64');
        introspection.username = '';
        introspection.password = '';
        const response = await fetch(introspection, {
          method: 'POST',
          headers: {
            authorization: `Basic ${basic}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ token: login.accessToken ?? '' }),
        });
        const token = (await response.json()) as { active: boolean; sub?: string };
        if (!token.active || token.sub !== login.username)
          return callback(new Error('invalid token'));
        accepted.push({ user: login.username ?? '', method: login.method });
        callback(null, { user: login.username });
      },
      onData(stream, _session, callback) {
        let text = '';
        stream.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        stream.on('end', () => {
          received.push(text);
          callback();
        });
      },
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, LOOPBACK, resolve));
    try {
      const config = configFor(
        user,
        { refreshToken: await auth.refreshTokenFor(user, auth.publicClientId) },
        // A test server without STARTTLS: the token goes out in clear only because this says so.
        { smtp: { url: `smtp://${LOOPBACK}:${port}`, allowPlaintext: true } },
      );
      const smtp = requireSmtp({ smtp: config.smtp, imapConfig: config.imap }, config, {});
      expect(smtp.credentials?.user).toBe(user);
      const send = smtpSender(smtp.url, smtp.credentials, smtp);
      const raw = Buffer.from(
        `From: ${user}@example.test\r\nTo: inviter@example.test\r\nSubject: Your LinkedIn invitation\r\n\r\nHi\r\n`,
      );
      await send({ raw, from: `${user}@example.test`, to: ['inviter@example.test'] });
      await tokenAged(config, user);
      await send({ raw, from: `${user}@example.test`, to: ['inviter@example.test'] });
      expect(accepted).toEqual([
        { user, method: 'XOAUTH2' },
        { user, method: 'XOAUTH2' },
      ]);
      expect(received).toHaveLength(2);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('the browser sign-in page', () => {
  /** The test server's public client. */
  const publicClient = () =>
    loadOAuthClient(
      resolveOAuth2({
        provider: 'custom',
        clientId: auth.publicClientId,
        clientSecret: null,
        tokenUrl: auth.tokenUrl,
        authorizeUrl: auth.authorizeUrl,
        deviceAuthorizationUrl: null,
        scopes: ['mail'],
        refreshToken: null,
      }),
    );

  /** Starts a browser sign-in with `client`; the page is fetched by hand. */
  async function startSignIn(client: OAuthClient) {
    let told = '';
    const signedIn = signInWithBrowser(client, {
      tell: (line) => {
        told = line;
      },
    });
    signedIn.catch(() => undefined);
    await waitFor(
      () => told !== '',
      5_000,
      () => 'no sign-in address',
    );
    const url = new URL(/http\S+/.exec(told)?.[0] ?? '');
    const callback = (params: Record<string, string>) => {
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.search = new URLSearchParams({
        state: url.searchParams.get('state') ?? '',
        ...params,
      }).toString();
      return fetch(back);
    };
    return { signedIn, url, callback };
  }

  it('says the sign-in failed, with the token endpoint’s error, when the code is refused', async () => {
    const { signedIn, callback } = await startSignIn(await publicClient());
    const page = await callback({ code: 'a-code-the-server-never-issued' });
    const text = await page.text();
    expect(page.status).toBe(400);
    expect(text).toMatch(/^wherewemet: sign-in failed: invalid_grant/);
    expect(text).not.toContain('signed in.');
    await expect(signedIn).rejects.toMatchObject({
      code: 'LOGIN_REFUSED',
      message: expect.stringMatching(/^sign-in failed: invalid_grant/),
      fix: expect.stringMatching(/sign in again$/),
    });
  });

  it('shows the refusal the browser came back with (declined consent)', async () => {
    const { signedIn, callback } = await startSignIn(await publicClient());
    const page = await callback({ error: 'access_denied', error_description: 'the user said no' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(
      'sign-in failed: access_denied: the user said no; the sign-in was declined',
    );
    await expect(signedIn).rejects.toMatchObject({ code: 'LOGIN_REFUSED' });
  });

  it('settles when the browser has gone before the token exchange ended', async () => {
    let exchanging: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => {
      exchanging = resolve;
    });
    let refuse: (err: Error) => void = () => undefined;
    const client: OAuthClient = {
      refresh: () => Promise.reject(new Error('not used')),
      authorizationUrl: ({ redirectUri, state }) =>
        new URL(
          `${auth.authorizeUrl}?${new URLSearchParams({ redirect_uri: redirectUri, state })}`,
        ),
      exchangeCode: () => {
        exchanging();
        return new Promise((_, reject) => {
          refuse = reject;
        });
      },
      startDevice: () => null,
    };
    const { signedIn, url } = await startSignIn(client);
    const back = new URL(url.searchParams.get('redirect_uri') ?? '');
    const socket = connect(Number(back.port), LOOPBACK);
    socket.write(`GET /?code=c&state=${url.searchParams.get('state')} HTTP/1.1\r\nHost: x\r\n\r\n`);
    await asked;
    socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    refuse(new Error('the server is slow and then says no'));
    await expect(signedIn).rejects.toMatchObject({ code: 'LOGIN_REFUSED' });
  });
});

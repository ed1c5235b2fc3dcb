import { afterAll, describe, expect, it } from 'vitest';
import {
  nodemailerAuth,
  oauth2Credentials,
  passwordCredentials,
} from '../../src/auth/credentials.ts';
import type { OAuth2Settings, OAuthClient, TokenSet } from '../../src/auth/oauthClient.ts';
import { TokenStore } from '../../src/auth/tokenStore.ts';
import { GrantRevokedError } from '../../src/errors.ts';
import { removeTempDirs, tempDir } from '../harness/tempDir.ts';

afterAll(removeTempDirs);

const SETTINGS: OAuth2Settings = {
  provider: 'custom',
  clientId: 'client',
  clientSecret: null,
  tokenUrl: 'https://auth.example.test/token',
  authorizeUrl: null,
  deviceAuthorizationUrl: null,
  scopes: ['mail'],
  authorizeParams: {},
  refreshToken: 'seed',
};

/** A token endpoint that answers from a script and counts the refreshes. */
function scripted(answer: (refreshToken: string, n: number) => Promise<TokenSet>) {
  const calls: string[] = [];
  const client: OAuthClient = {
    refresh: (refreshToken) => {
      calls.push(refreshToken);
      return answer(refreshToken, calls.length);
    },
    authorizationUrl: () => null,
    exchangeCode: () => Promise.reject(new Error('not here')),
    startDevice: () => null,
  };
  return { client, calls };
}

async function setup(answer: Parameters<typeof scripted>[0], now = () => Date.now()) {
  const store = new TokenStore(tempDir('wwm-cred'), undefined);
  const server = scripted(answer);
  const credentials = oauth2Credentials({
    user: 'me',
    settings: SETTINGS,
    store,
    client: async () => server.client,
    now,
  });
  return { store, credentials, calls: server.calls };
}

describe('OAuth2 credentials', () => {
  it('use a rotated refresh token next time, and the stored access token while it is fresh', async () => {
    let clock = 1_000_000;
    const { credentials, calls } = await setup(
      async (_rt, n) => ({
        accessToken: `access-${n}`,
        refreshToken: `rotated-${n}`,
        expiresIn: 600,
      }),
      () => clock,
    );
    expect(await credentials.login()).toEqual({ user: 'me', accessToken: 'access-1' });
    expect(await credentials.login()).toEqual({ user: 'me', accessToken: 'access-1' });
    clock += 600_000;
    expect(await credentials.login()).toEqual({ user: 'me', accessToken: 'access-2' });
    expect(calls).toEqual(['seed', 'rotated-1']);
  });

  it('refresh before expiry: a minute early, or half the lifetime of a short token', async () => {
    let clock = 0;
    const { credentials, calls } = await setup(
      async (_rt, n) => ({ accessToken: `a${n}`, expiresIn: 3600 }),
      () => clock,
    );
    await credentials.login();
    clock = 3600_000 - 61_000;
    await credentials.login();
    expect(calls).toHaveLength(1);
    clock = 3600_000 - 59_000;
    await credentials.login();
    expect(calls).toHaveLength(2);
  });

  it('an unreachable token endpoint is retryable and does not block', async () => {
    let up = false;
    const { credentials } = await setup(async () => {
      if (!up) throw new TypeError('fetch failed');
      return { accessToken: 'ok', expiresIn: 60 };
    });
    await expect(credentials.login()).rejects.toMatchObject({
      code: 'AUTH_SERVER_UNAVAILABLE',
      kind: 'retryable',
    });
    up = true;
    expect(await credentials.login()).toMatchObject({ accessToken: 'ok' });
  });

  it('after a revoked grant, ask nothing until the token store changes', async () => {
    let revoked = true;
    const { credentials, calls, store } = await setup(async () => {
      if (revoked) throw new GrantRevokedError('invalid_grant', 'revoked');
      return { accessToken: 'again', expiresIn: 60 };
    });
    for (let i = 0; i < 3; i++) {
      await expect(credentials.login()).rejects.toMatchObject({
        code: 'LOGIN_NEEDED',
        kind: 'blocked',
      });
    }
    expect(calls).toHaveLength(1);
    revoked = false;
    await store.set('unrelated', { refreshToken: 'x' });
    expect(await credentials.login()).toMatchObject({ accessToken: 'again' });
    expect(calls).toHaveLength(2);
  });

  it('an access token refused because the grant was revoked: one refresh finds out, then nothing', async () => {
    let revoked = false;
    const { credentials, calls } = await setup(async () => {
      if (revoked) throw new GrantRevokedError('invalid_grant', 'revoked');
      return { accessToken: 'a1', expiresIn: 3600 };
    });
    await credentials.login();
    revoked = true; // the access token went with the grant: the mail server refuses it
    credentials.refused();
    for (let i = 0; i < 3; i++) {
      await expect(credentials.login()).rejects.toMatchObject({ code: 'LOGIN_NEEDED' });
      credentials.refused(); // the other connection, still on the old token, is refused too
    }
    expect(calls).toHaveLength(2);
  });

  it('refresh once after a refusal', async () => {
    const { credentials, calls } = await setup(async (_rt, n) => ({
      accessToken: `a${n}`,
      expiresIn: 3600,
    }));
    await credentials.login();
    credentials.refused();
    expect(await credentials.login()).toMatchObject({ accessToken: 'a2' });
    expect(calls).toHaveLength(2);
  });
});

describe('nodemailer auth', () => {
  it('is XOAUTH2 with the access token, or the password', async () => {
    const { credentials } = await setup(async () => ({ accessToken: 'tok', expiresIn: 60 }));
    expect(await nodemailerAuth(credentials)).toEqual({
      type: 'OAuth2',
      user: 'me',
      accessToken: 'tok',
    });
    expect(await nodemailerAuth(passwordCredentials('me', 'pw'))).toEqual({
      user: 'me',
      pass: 'pw',
    });
  });
});

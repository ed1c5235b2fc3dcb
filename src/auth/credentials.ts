/**
 * How an account logs in: a password, or an OAuth2 access token that is refreshed before it runs
 * out. One refresh at a time per token (within the process by a shared promise, between
 * processes by the token store's lock); a grant the server revoked blocks the account with
 * LOGIN_NEEDED and nothing asks the server again until the token store file changes (`login`
 * rewrites it).
 */
import { createHash } from 'node:crypto';
import {
  AuthServerUnavailableError,
  BlockedError,
  GrantRevokedError,
  WherewemetError,
} from '../errors.ts';
import type { OAuth2Settings, OAuthClient, TokenSet } from './oauthClient.ts';
import type { StoredTokens, TokenStore } from './tokenStore.ts';

export type ImapLogin = { user: string; pass: string } | { user: string; accessToken: string };

export interface Credentials {
  readonly user: string;
  /** What the mailbox knows the account by: `password`, or `oauth2` with the provider. */
  readonly kind: 'password' | 'oauth2';
  /**
   * A login for a new connection: a fresh access token (refreshed when near expiry). Throws
   * BlockedError('LOGIN_NEEDED') once the grant is revoked, without calling the server again
   * until the token store changes.
   */
  login(): Promise<ImapLogin>;
  /** The server refused the last login: drop the cached access token so the next login() refreshes once. */
  refused(): void;
}

export function passwordCredentials(user: string, pass: string): Credentials {
  return { user, kind: 'password', login: async () => ({ user, pass }), refused: () => {} };
}

/** The token store's key for an account: a refresh token belongs to one user, client and server. */
export function tokenKey(
  user: string,
  settings: Pick<OAuth2Settings, 'clientId' | 'tokenUrl'>,
): string {
  return `${user} ${settings.clientId} ${settings.tokenUrl}`;
}

/** Refresh this long before expiry (at most half the token's lifetime), so a new connection never races it. */
const MARGIN_MS = 60_000;
/** Assumed when a token response says nothing about expiry (expires_in is only RECOMMENDED). */
const DEFAULT_LIFETIME_S = 3600;

/** Refreshes under way in this process, by store file and key: IMAP and SMTP may share a token. */
const inFlight = new Map<string, Promise<StoredTokens>>();

export interface OAuth2CredentialsOptions {
  user: string;
  settings: OAuth2Settings;
  store: TokenStore;
  /** The library that talks to the token endpoint, loaded on the first refresh. */
  client: () => Promise<OAuthClient>;
  now?: () => number;
}

export function oauth2Credentials(options: OAuth2CredentialsOptions): Credentials {
  const { user, settings, store, client } = options;
  const now = options.now ?? Date.now;
  const key = tokenKey(user, settings);
  const seed = settings.refreshToken ? sha256(settings.refreshToken) : undefined;
  let current: StoredTokens | undefined;
  let lastGiven: string | undefined;
  /** Tokens the server refused; one refresh follows a refusal, a refused fresh token blocks. */
  const refusedTokens = new Set<string>();
  /** A token refreshed because the last one was refused: if it is refused too, refreshing is no cure. */
  let refreshedAfterRefusal: string | undefined;
  let refusedWhenFresh = false;
  let blocked: { fingerprint: string; error: BlockedError } | undefined;

  const usable = (t: StoredTokens | undefined): t is StoredTokens & { accessToken: string } =>
    t?.accessToken !== undefined &&
    (t.refreshAfter ?? 0) > now() &&
    !refusedTokens.has(t.accessToken);

  const block = (
    fingerprint: string,
    message: string,
    fix: string,
    cause?: unknown,
    code: 'LOGIN_NEEDED' | 'LOGIN_REFUSED' = 'LOGIN_NEEDED',
  ): never => {
    const error = new BlockedError(code, message, fix, cause);
    blocked = { fingerprint, error };
    throw error;
  };

  /** The refresh token to use: the stored one, unless the config names another. */
  const pick = (stored: StoredTokens | undefined): StoredTokens | undefined => {
    if (settings.refreshToken && stored?.seed !== seed)
      return { refreshToken: settings.refreshToken, seed };
    return stored;
  };

  async function obtain(): Promise<StoredTokens> {
    return store.locked(async () => {
      const fingerprint = await store.fingerprint();
      const stored = pick(await store.get(key));
      // Another process (or this one's other connection) may have refreshed while we waited.
      if (usable(stored)) return stored;
      if (!stored) {
        return block(
          fingerprint,
          `no OAuth2 refresh token for ${user} in ${store.file}`,
          'run `wherewemet login` to sign in (or set oauth2.refreshToken)',
        );
      }
      let tokens: TokenSet;
      try {
        tokens = await (await client()).refresh(stored.refreshToken);
      } catch (err) {
        if (err instanceof GrantRevokedError) {
          return block(
            fingerprint,
            `sign-in for ${user} is no longer valid (${err.error}): the grant was revoked or expired`,
            err.fix,
            err,
          );
        }
        if (err instanceof WherewemetError) throw err;
        throw new AuthServerUnavailableError(settings.tokenUrl, err);
      }
      const fresh = toStore(tokens, stored, now());
      await store.set(key, fresh);
      refreshedAfterRefusal = refusedTokens.size > 0 ? fresh.accessToken : undefined;
      return fresh;
    });
  }

  return {
    user,
    kind: 'oauth2',
    async login() {
      if (blocked) {
        if ((await store.fingerprint()) === blocked.fingerprint) throw blocked.error;
        blocked = undefined;
        refusedTokens.clear();
        refusedWhenFresh = false;
      }
      if (refusedWhenFresh) {
        block(
          await store.fingerprint(),
          `the mail server refuses even a freshly refreshed access token for ${user}`,
          'check that IMAP is enabled for the account and the OAuth2 scopes, then run `wherewemet login`',
          undefined,
          'LOGIN_REFUSED',
        );
      }
      if (!usable(current)) {
        const flight = `${store.file}\0${key}`;
        let pending = inFlight.get(flight);
        if (!pending) {
          pending = obtain().finally(() => inFlight.delete(flight));
          inFlight.set(flight, pending);
        }
        current = await pending;
      }
      const accessToken = current.accessToken as string;
      lastGiven = accessToken;
      return { user, accessToken };
    },
    refused() {
      if (!lastGiven) return;
      refusedTokens.add(lastGiven);
      if (lastGiven === refreshedAfterRefusal) refusedWhenFresh = true;
      current = undefined;
    },
  };
}

/** What the token store keeps of a token response; the refresh token stays when none came back. */
export function toStore(
  tokens: TokenSet,
  previous: Pick<StoredTokens, 'refreshToken' | 'seed'>,
  now: number,
): StoredTokens {
  const lifetimeMs = (tokens.expiresIn ?? DEFAULT_LIFETIME_S) * 1000;
  return {
    refreshToken: tokens.refreshToken ?? previous.refreshToken,
    accessToken: tokens.accessToken,
    expiresAt: now + lifetimeMs,
    refreshAfter: now + lifetimeMs - Math.min(MARGIN_MS, lifetimeMs / 2),
    ...(previous.seed ? { seed: previous.seed } : {}),
  };
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** nodemailer's `auth` for one SMTP connection: XOAUTH2 with a fresh access token, or a password. */
export async function nodemailerAuth(
  credentials: Credentials,
): Promise<{ user: string; pass: string } | { type: 'OAuth2'; user: string; accessToken: string }> {
  const login = await credentials.login();
  return 'accessToken' in login
    ? { type: 'OAuth2', user: login.user, accessToken: login.accessToken }
    : login;
}

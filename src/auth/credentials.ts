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
  /**
   * The server refused the last login: drop the cached access token so the next login()
   * refreshes once. Whether that may help: false for a password, or for a token refreshed
   * because the one before was refused.
   */
  refused(): boolean;
}

export function passwordCredentials(user: string, pass: string): Credentials {
  return { user, kind: 'password', login: async () => ({ user, pass }), refused: () => false };
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
  const { user, settings, store } = options;
  const account: OAuth2Account = {
    ...options,
    now: options.now ?? Date.now,
    key: tokenKey(user, settings),
    seed: settings.refreshToken ? sha256(settings.refreshToken) : undefined,
  };
  // Kept in this closure, not on the object returned: nothing that prints it shows a token.
  const state: LoginState = { refusedTokens: new Set(), refusedWhenFresh: false };

  return {
    user,
    kind: 'oauth2',
    async login() {
      await throwIfBlocked(account, state);
      if (!usable(account, state, state.current)) {
        const flight = `${store.file}\0${account.key}`;
        let pending = inFlight.get(flight);
        if (!pending) {
          pending = obtain(account, state).finally(() => inFlight.delete(flight));
          inFlight.set(flight, pending);
        }
        state.current = await pending;
      }
      const accessToken = state.current.accessToken as string;
      state.lastGiven = accessToken;
      return { user, accessToken };
    },
    refused() {
      if (!state.lastGiven) return false;
      state.refusedTokens.add(state.lastGiven);
      if (state.lastGiven === state.refreshedAfterRefusal) state.refusedWhenFresh = true;
      state.current = undefined;
      return !state.refusedWhenFresh;
    },
  };
}

/** One account's OAuth2 login: who, where its tokens are kept, and the seed of a configured token. */
interface OAuth2Account extends Required<OAuth2CredentialsOptions> {
  key: string;
  seed: string | undefined;
}

/** What one account's credentials remember between logins. */
interface LoginState {
  current?: StoredTokens;
  lastGiven?: string;
  /** Tokens the server refused; one refresh follows a refusal, a refused fresh token blocks. */
  refusedTokens: Set<string>;
  /** A token refreshed because the last one was refused: if it is refused too, refreshing is no cure. */
  refreshedAfterRefusal?: string;
  refusedWhenFresh: boolean;
  blocked?: { fingerprint: string; error: BlockedError };
}

function usable(
  account: OAuth2Account,
  state: LoginState,
  t: StoredTokens | undefined,
): t is StoredTokens & { accessToken: string } {
  return (
    t?.accessToken !== undefined &&
    (t.refreshAfter ?? 0) > account.now() &&
    !state.refusedTokens.has(t.accessToken)
  );
}

/** Blocks the account until the token store file is no longer as it is (`fingerprint`). */
function block(
  state: LoginState,
  fingerprint: string,
  message: string,
  fix: string,
  cause?: unknown,
  code: 'LOGIN_NEEDED' | 'LOGIN_REFUSED' = 'LOGIN_NEEDED',
): never {
  const error = new BlockedError(code, message, fix, cause);
  state.blocked = { fingerprint, error };
  throw error;
}

/**
 * A blocked account stays blocked until the token store changes (`login` rewrote it); a fresh
 * token the server refused too blocks it.
 */
async function throwIfBlocked({ store, user }: OAuth2Account, state: LoginState): Promise<void> {
  if (state.blocked) {
    if ((await store.fingerprint()) === state.blocked.fingerprint) throw state.blocked.error;
    state.blocked = undefined;
    state.refusedTokens.clear();
    state.refusedWhenFresh = false;
  }
  if (state.refusedWhenFresh) {
    block(
      state,
      await store.fingerprint(),
      `the mail server refuses even a freshly refreshed access token for ${user}`,
      'check that IMAP is enabled for the account and the OAuth2 scopes, then run `wherewemet login`',
      undefined,
      'LOGIN_REFUSED',
    );
  }
}

/** The refresh token to use: the stored one, unless the config names another. */
function pick({ settings, seed }: OAuth2Account, stored: StoredTokens | undefined) {
  if (settings.refreshToken && stored?.seed !== seed)
    return { refreshToken: settings.refreshToken, seed };
  return stored;
}

/** A usable access token: the stored one if another refresh got there first, else a refresh. */
async function obtain(account: OAuth2Account, state: LoginState): Promise<StoredTokens> {
  const { store, key, user, settings } = account;
  return store.locked(async () => {
    const fingerprint = await store.fingerprint();
    const stored = pick(account, await store.get(key));
    // Another process (or this one's other connection) may have refreshed while we waited.
    if (usable(account, state, stored)) return stored;
    if (!stored) {
      return block(
        state,
        fingerprint,
        `no OAuth2 refresh token for ${user} in ${store.file}`,
        'run `wherewemet login` to sign in (or set oauth2.refreshToken)',
      );
    }
    let tokens: TokenSet;
    try {
      tokens = await (await account.client()).refresh(stored.refreshToken);
    } catch (err) {
      if (err instanceof GrantRevokedError) {
        return block(
          state,
          fingerprint,
          `sign-in for ${user} is no longer valid (${err.error}): the grant was revoked or expired`,
          err.fix,
          err,
        );
      }
      if (err instanceof WherewemetError) throw err;
      throw new AuthServerUnavailableError(settings.tokenUrl, err);
    }
    const fresh = toStore(tokens, stored, account.now());
    await store.set(key, fresh);
    state.refreshedAfterRefusal = state.refusedTokens.size > 0 ? fresh.accessToken : undefined;
    return fresh;
  });
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

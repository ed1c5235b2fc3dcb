/**
 * The mailboxes a config describes, each with everything needed to work it: connection settings
 * and credentials (a password, or OAuth2 tokens from the token store), and its own rules,
 * templates and folders. Without `accounts:` the top-level keys are the one account `default`
 * (IMAP_URL applies to it); with `accounts:` each entry has already inherited what it left out
 * (load.ts), so this only checks that each can connect and names the key that is missing.
 */
import { homedir } from 'node:os';
import { loadOAuthClient } from '../auth/clients.ts';
import { type Credentials, oauth2Credentials, passwordCredentials } from '../auth/credentials.ts';
import type { OAuth2Settings } from '../auth/oauthClient.ts';
import { TokenStore } from '../auth/tokenStore.ts';
import { ConfigError } from '../errors.ts';
import { defaultStateDir } from '../paths.ts';
import { DEFAULT_IDLE_RESTART_SECONDS, OAUTH2_ENDPOINTS, PROVIDER_PROFILES } from './providers.ts';
import type { AccountEntry, Config, OAuth2Config } from './schema.ts';

type Env = Record<string, string | undefined>;

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  credentials: Credentials;
  tlsRejectUnauthorized: boolean;
  allowPlaintext: boolean;
  /** Re-issue IDLE this often (the provider's habit, or 5 minutes). */
  idleRestartSeconds: number;
  /** The provider, for what to say when a login is refused. */
  provider: AccountEntry['provider'];
}

export interface Account extends Omit<AccountEntry, 'imap'> {
  imap: ImapSettings;
  /** Its imap section as configured, for the OAuth2 settings `login` needs. */
  imapConfig: AccountEntry['imap'];
}

export const DEFAULT_ACCOUNT_ID = 'default';

/** Every account with its connection settings; a ConfigError lists what is missing where. */
export function resolveAccounts(config: Config, env: Env = process.env): Account[] {
  const entries: Array<{ entry: AccountEntry; where: string }> = config.accounts
    ? config.accounts.map((entry, i) => ({ entry, where: `accounts.${i}.` }))
    : [{ entry: { ...config, id: DEFAULT_ACCOUNT_ID }, where: '' }];
  const problems: string[] = [];
  const accounts: Account[] = [];
  for (const { entry, where } of entries) {
    const { host, user, password, oauth2, secure, port } = entry.imap;
    const hint = where
      ? `set it or ${where}imap.url`
      : 'set it in the config file or give IMAP_URL';
    if (!host) problems.push(`${where}imap.host: required to connect (${hint})`);
    if (!user) problems.push(`${where}imap.user: required to connect (${hint})`);
    if (password === null && oauth2 === null)
      problems.push(
        `${where}imap.password: required to connect (for example \${IMAP_PASSWORD}, or ${where ? `${where}imap.url` : 'IMAP_URL'}), or ${where}imap.oauth2`,
      );
    if (!host || !user || (password === null && oauth2 === null)) continue;
    accounts.push({
      ...entry,
      imapConfig: entry.imap,
      imap: {
        host,
        port: port ?? (secure ? 993 : 143),
        secure,
        user,
        credentials: oauth2
          ? oauth2For(config, user, oauth2, env)
          : passwordCredentials(user, password ?? ''),
        tlsRejectUnauthorized: entry.imap.tlsRejectUnauthorized,
        allowPlaintext: entry.imap.allowPlaintext,
        idleRestartSeconds: entry.provider
          ? PROVIDER_PROFILES[entry.provider].idleRestartSeconds
          : DEFAULT_IDLE_RESTART_SECONDS,
        provider: entry.provider,
      },
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return accounts;
}

/** The mailbox settings of one account (the first, or `id`): for `login`, `init` and tests. */
export function requireImap(config: Config, env: Env = process.env, id?: string): ImapSettings {
  return pickAccount(resolveAccounts(config, env), id).imap;
}

/** A single Redis by its URL, or a Redis Cluster by some of its nodes' URLs. */
export type RedisTarget = { kind: 'single'; url: string } | { kind: 'cluster'; nodes: string[] };

/**
 * The Redis every command uses: the cluster of REDIS_CLUSTER_NODES or redis.clusterNodes, else
 * REDIS_URL or redis.url, else the one on 127.0.0.1 at redis.localPort (which `run` starts when
 * nothing is there: src/store/localRedis.ts).
 */
export function redisTargetOf(config: Config): RedisTarget {
  const { clusterNodes, url, localPort } = config.redis;
  if (clusterNodes) return { kind: 'cluster', nodes: clusterNodes };
  return { kind: 'single', url: url ?? `redis://127.0.0.1:${localPort}` };
}

/** One account by id, or the only/first one when no id is given; an unknown id is a ConfigError. */
export function pickAccount(accounts: Account[], id: string | undefined): Account {
  const found = id === undefined ? accounts[0] : accounts.find((a) => a.id === id);
  if (!found)
    throw new ConfigError([
      `--account ${id}: no such account (the config has ${accounts.map((a) => a.id).join(', ')})`,
    ]);
  return found;
}

/**
 * What `approve` sends with: the account's smtp.url, and OAuth2 credentials when smtp.oauth2 or
 * imap.oauth2 is set and the URL carries no password. The user is the URL's, else imap.user.
 */
export function requireSmtp(
  account: Pick<Account, 'smtp' | 'imapConfig'>,
  config: Config,
  env: Env = process.env,
): { url: string; credentials: Credentials | null; allowPlaintext: boolean } {
  const { smtp, imapConfig: imap } = account;
  if (!smtp.url) {
    throw new ConfigError([
      'smtp.url: required to send (set it in the config file or give SMTP_URL)',
    ]);
  }
  const url = new URL(smtp.url);
  const user = url.username ? decodeURIComponent(url.username) : imap.user;
  const oauth2 = smtp.oauth2 ?? imap.oauth2;
  const { allowPlaintext } = smtp;
  if (url.password || !oauth2 || !user) return { url: smtp.url, credentials: null, allowPlaintext };
  return { url: smtp.url, credentials: oauth2For(config, user, oauth2, env), allowPlaintext };
}

/** The token store of this config: state.dir, or the XDG default. */
export function tokenStoreFor(config: Config, env: Env = process.env): TokenStore {
  return new TokenStore(config.state.dir ?? defaultStateDir(env, homedir()), env.WHEREWEMET_SECRET);
}

/** An oauth2 section with the provider's endpoints and scopes filled in. */
export function resolveOAuth2(oauth2: OAuth2Config): OAuth2Settings {
  const defaults = oauth2.provider === 'custom' ? undefined : OAUTH2_ENDPOINTS[oauth2.provider];
  const tokenUrl = oauth2.tokenUrl ?? defaults?.tokenUrl;
  const scopes = oauth2.scopes ?? defaults?.scopes;
  // The schema requires both for custom, and the built-in providers have them.
  if (!tokenUrl || !scopes)
    throw new ConfigError(['oauth2.tokenUrl: required for provider custom']);
  return {
    provider: oauth2.provider,
    clientId: oauth2.clientId,
    clientSecret: oauth2.clientSecret,
    tokenUrl,
    authorizeUrl: oauth2.authorizeUrl ?? defaults?.authorizeUrl ?? null,
    deviceAuthorizationUrl:
      oauth2.deviceAuthorizationUrl ?? defaults?.deviceAuthorizationUrl ?? null,
    scopes,
    authorizeParams: defaults?.authorizeParams ?? {},
    refreshToken: oauth2.refreshToken,
  };
}

function oauth2For(config: Config, user: string, oauth2: OAuth2Config, env: Env): Credentials {
  const settings = resolveOAuth2(oauth2);
  return oauth2Credentials({
    user,
    settings,
    store: tokenStoreFor(config, env),
    client: () => loadOAuthClient(settings),
  });
}

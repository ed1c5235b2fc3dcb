/**
 * Reads config/wherewemet.yaml, applies the environment (IMAP_URL, REDIS_URL, SMTP_URL and
 * `${VAR}` references) and the provider profile, and validates it. Every problem names its key
 * path; values of secret keys are never echoed.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { oauthClientFor } from '../auth/clients.ts';
import { type Credentials, oauth2Credentials, passwordCredentials } from '../auth/credentials.ts';
import type { OAuth2Settings } from '../auth/oauthClient.ts';
import { defaultStateDir, TokenStore } from '../auth/tokenStore.ts';
import { templateProblems } from '../draft/template.ts';
import { ConfigError } from '../errors.ts';
import { DEFAULT_CONFIG_PATH, SHIPPED_CONFIG_PATH } from '../paths.ts';
import { readConnectionsCsv } from './connections.ts';
import {
  DEFAULT_IDLE_RESTART_SECONDS,
  MAIL_PROVIDERS,
  type MailProvider,
  OAUTH2_ENDPOINTS,
  PROVIDER_PROFILES,
} from './providers.ts';
import { type Config, configSchema, type OAuth2Config } from './schema.ts';

type Env = Record<string, string | undefined>;
type Tree = Record<string, unknown>;

/** The file a config path refers to: the default falls back to the shipped config. */
export function resolveConfigPath(requested: string): string {
  return requested === DEFAULT_CONFIG_PATH && !existsSync(requested)
    ? SHIPPED_CONFIG_PATH
    : requested;
}

export async function loadConfig(requested: string, env: Env = process.env): Promise<Config> {
  const path = resolveConfigPath(requested);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(err);
    throw new ConfigError([`${path}: ${reason}`]);
  }
  const config = parseConfig(text, path, env);
  const csv = config.rules.knownPeople.connectionsCsv;
  if (csv) {
    const known = config.rules.knownPeople;
    const found = await readConnectionsCsv(resolve(dirname(path), csv));
    known.emails.push(...found.emails);
    known.names.push(...found.names);
    known.profileUrls.push(...found.profileUrls);
  }
  return config;
}

export function parseConfig(text: string, source: string, env: Env = process.env): Config {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        return `${source}${pos ? `:${pos.line}:${pos.col}` : ''}: YAML syntax error: ${message}`;
      }),
    );
  }
  const raw = doc.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError([`${source}: expected a mapping of settings at the top level`]);
  }
  const withEnv = applyProvider(applyEnvironment(raw as Tree, env));
  const problems: string[] = [];
  const data = interpolate(withEnv, [], env, problems);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `${source}: ${p}`));

  const result = configSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${source}: ${describeIssue(issue)}`));
  }
  const config = result.data;
  for (const [name, template] of Object.entries(config.templates)) {
    const texts = [
      ['', template] as const,
      ...Object.entries(template.languages).map(([l, t]) => [`.languages.${l}`, t] as const),
    ];
    for (const [where, { subject, body }] of texts) {
      for (const p of templateProblems(subject))
        problems.push(`templates.${name}${where}.subject ${p}`);
      for (const p of templateProblems(body)) problems.push(`templates.${name}${where}.body ${p}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `${source}: ${p}`));
  return config;
}

/** Settings needed to reach the mailbox and Redis; a ConfigError names what is missing. */
export interface ConnectionSettings {
  imap: ImapSettings;
  redisUrl: string;
}

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
}

export function requireConnection(config: Config, env: Env = process.env): ConnectionSettings {
  const problems: string[] = [];
  let imap: ImapSettings | undefined;
  try {
    imap = requireImap(config, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  if (!config.redis.url)
    problems.push('redis.url: required (set it in the config file or give REDIS_URL)');
  if (!imap || !config.redis.url) throw new ConfigError(problems);
  return { imap, redisUrl: config.redis.url };
}

/** The mailbox's settings and credentials alone (for `login` and `init`, which need no Redis). */
export function requireImap(config: Config, env: Env = process.env): ImapSettings {
  const { imap } = config;
  const missing: string[] = [];
  if (!imap.host)
    missing.push('imap.host: required to connect (set it in the config file or give IMAP_URL)');
  if (!imap.user)
    missing.push('imap.user: required to connect (set it in the config file or give IMAP_URL)');
  if (imap.password === null && imap.oauth2 === null)
    missing.push(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${VAR} syntax, shown to the user
      'imap.password: required to connect (for example ${IMAP_PASSWORD}, or give IMAP_URL), or imap.oauth2',
    );
  if (missing.length > 0 || !imap.host || !imap.user) throw new ConfigError(missing);
  return {
    host: imap.host,
    port: imap.port ?? (imap.secure ? 993 : 143),
    secure: imap.secure,
    user: imap.user,
    credentials: imap.oauth2
      ? oauth2For(config, imap.user, imap.oauth2, env)
      : passwordCredentials(imap.user, imap.password ?? ''),
    tlsRejectUnauthorized: imap.tlsRejectUnauthorized,
    allowPlaintext: imap.allowPlaintext,
    idleRestartSeconds: config.provider
      ? PROVIDER_PROFILES[config.provider].idleRestartSeconds
      : DEFAULT_IDLE_RESTART_SECONDS,
  };
}

/**
 * What `approve` sends with: smtp.url, and OAuth2 credentials when smtp.oauth2 or imap.oauth2 is
 * set and the URL carries no password. The user is the URL's, else imap.user.
 */
export function requireSmtp(
  config: Config,
  env: Env = process.env,
): { url: string; credentials: Credentials | null } {
  const { smtp, imap } = config;
  if (!smtp.url) {
    throw new ConfigError([
      'smtp.url: required to send (set it in the config file or give SMTP_URL)',
    ]);
  }
  const url = new URL(smtp.url);
  const user = url.username ? decodeURIComponent(url.username) : imap.user;
  const oauth2 = smtp.oauth2 ?? imap.oauth2;
  if (url.password || !oauth2 || !user) return { url: smtp.url, credentials: null };
  return { url: smtp.url, credentials: oauth2For(config, user, oauth2, env) };
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
    client: oauthClientFor(settings),
  });
}

/** Fills unset imap and smtp keys from `provider:`; an unknown provider is left to the schema. */
function applyProvider(tree: Tree): Tree {
  const name = tree.provider;
  if (typeof name !== 'string' || !(MAIL_PROVIDERS as readonly string[]).includes(name))
    return tree;
  const profile = PROVIDER_PROFILES[name as MailProvider];
  const fill = (key: string, values: Tree): void => {
    const value = tree[key];
    const section: Tree =
      value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Tree) } : {};
    for (const [k, v] of Object.entries(values)) if (section[k] == null) section[k] = v;
    tree[key] = section;
  };
  fill('imap', { ...profile.imap });
  fill('smtp', { url: profile.smtpUrl, providerSavesToSent: profile.providerSavesToSent });
  return tree;
}

function applyEnvironment(raw: Tree, env: Env): Tree {
  const tree: Tree = { ...raw };
  const section = (key: string): Tree => {
    const value = tree[key];
    const copy: Tree =
      value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Tree) } : {};
    tree[key] = copy;
    return copy;
  };
  if (env.IMAP_URL) Object.assign(section('imap'), parseImapUrl(env.IMAP_URL));
  if (env.REDIS_URL) section('redis').url = env.REDIS_URL;
  if (env.SMTP_URL) section('smtp').url = env.SMTP_URL;
  return tree;
}

/** `imap://user:pass@host:port` (STARTTLS when offered) or `imaps://` (TLS); parts URL-encoded. */
export function parseImapUrl(value: string): Tree {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError([
      'IMAP_URL: not a URL (expected imap://user:password@host:port or imaps://…)',
    ]);
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') {
    throw new ConfigError([`IMAP_URL: scheme must be imap:// or imaps://, not ${url.protocol}//`]);
  }
  if (!url.hostname || !url.username) {
    throw new ConfigError([
      'IMAP_URL: must name a user and a host (imap://user:password@host:port)',
    ]);
  }
  const secure = url.protocol === 'imaps:';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(url.username),
    // No password in the URL: the config's oauth2 (or password) applies.
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}

/** Replaces `${VAR}` in every string; an unset variable is a problem naming the key. */
function interpolate(value: unknown, path: string[], env: Env, problems: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
      const found = env[name];
      if (found === undefined) {
        problems.push(`${path.join('.')}: environment variable ${name} is not set`);
        return '';
      }
      return found;
    });
  }
  if (Array.isArray(value))
    return value.map((v, i) => interpolate(v, [...path, String(i)], env, problems));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolate(v, [...path, k], env, problems)]),
    );
  }
  return value;
}

const SECRET_KEY = /pass|secret|token|url/i;

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return `${path === '(top level)' ? '' : `${path}: `}unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  const secret = issue.path.some((p) => SECRET_KEY.test(String(p)));
  // Only a plain value is echoed: an object could carry a password from elsewhere in the file.
  const value = 'input' in issue ? issue.input : undefined;
  const shown = ['string', 'number', 'boolean'].includes(typeof value) && !secret;
  const input = shown ? ` (got ${JSON.stringify(value)})` : '';
  return `${path}: ${issue.message.replace(/^Invalid input: /, '')}${input}`;
}

/**
 * Reads config/wherewemet.yaml, applies the environment (IMAP_URL, REDIS_URL, REDIS_CLUSTER_NODES,
 * SMTP_URL and `${VAR}` references), lets each account inherit the top-level keys and fills in
 * its provider's profile, and validates it. Every problem names its key path; values of secret keys are never
 * echoed.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { templateProblems } from '../draft/template.ts';
import { ConfigError } from '../errors.ts';
import { DEFAULT_CONFIG_PATH, SHIPPED_CONFIG_PATH } from '../paths.ts';
import { nearest } from '../text.ts';
import type { readConnectionsCsv } from './connections.ts';
import { MAIL_PROVIDERS, type MailProvider, PROVIDER_PROFILES } from './providers.ts';
import { ACCOUNT_SECTIONS, type Config, configSchema } from './schema.ts';

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
  // Each file is read once, however many accounts inherit it.
  const exports = new Map<string, ReturnType<typeof readConnectionsCsv>>();
  for (const rules of [config.rules, ...(config.accounts ?? []).map((a) => a.rules)]) {
    const csv = rules.knownPeople.connectionsCsv;
    if (!csv) continue;
    const file = resolve(dirname(path), csv);
    // The CSV reader is loaded only for a config that names a file.
    if (!exports.has(file))
      exports.set(
        file,
        import('./connections.ts').then((m) => m.readConnectionsCsv(file)),
      );
    const found = await (exports.get(file) as ReturnType<typeof readConnectionsCsv>);
    const known = rules.knownPeople;
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
  if ('accounts' in raw && raw.accounts != null && env.IMAP_URL) {
    throw new ConfigError([
      `${source}: accounts and the environment variable IMAP_URL are both given: set each account's imap.url, or remove accounts to use IMAP_URL`,
    ]);
  }
  const problems: string[] = [];
  const data = interpolate(applyEnvironment(raw as Tree, env), [], env, problems) as Tree;
  // Every problem in one run: an unset variable, the schema's, and the templates' own.
  const unset = new Set(problems.map((p) => p.slice(0, p.indexOf(': '))));
  const entries = Array.isArray(data.accounts) ? (data.accounts as unknown[]) : [];
  // Each account inherits what the file says, before any provider fills in the gaps: an
  // account's own provider must not be overruled by the top level's.
  if (entries.length > 0)
    data.accounts = entries.map((entry) => {
      const merged = inheritDefaults(data, entry);
      return isTree(merged) ? applyProvider(merged) : merged;
    });
  applyProvider(data);

  const result = configSchema.safeParse(data, { reportInput: true });
  if (!result.success || problems.length > 0) {
    const issues = (result.success ? [] : result.error.issues)
      .filter((issue) => setByAccount(issue, entries))
      // A key whose variable is unset has said what is wrong with it already.
      .filter((issue) => !unset.has(issue.path.map(String).join('.')));
    problems.push(...issues.flatMap(describeIssue), ...rawTemplateProblems(data, entries));
    throw new ConfigError(problems.map((p) => `${source}: ${p}`));
  }
  const config = result.data;
  const sections = [
    { path: '', own: raw as Tree, section: config },
    ...(config.accounts ?? []).map((account, i) => ({
      path: `accounts.${i}.`,
      own: (isTree(entries[i]) ? entries[i] : {}) as Tree,
      section: account,
    })),
  ];
  for (const { path, own, section } of sections) {
    problems.push(...expandImapUrl(section.imap, own.imap, `${path}imap`));
    // Inherited templates were checked at the top level already.
    for (const name of Object.keys(isTree(own.templates) ? own.templates : {})) {
      const template = section.templates[name];
      if (template) problems.push(...templateTextProblems(`${path}templates.${name}`, template));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `${source}: ${p}`));
  return config;
}

/**
 * The templates' problems read from the file as it is, for a file the schema refused: an unknown
 * {{variable}} is reported beside the other problems, not after they are fixed.
 */
function rawTemplateProblems(data: Tree, entries: unknown[]): string[] {
  const sections = [
    { path: '', own: data },
    ...entries.map((entry, i) => ({ path: `accounts.${i}.`, own: isTree(entry) ? entry : {} })),
  ];
  return sections.flatMap(({ path, own }) =>
    Object.entries(isTree(own.templates) ? own.templates : {}).flatMap(([name, template]) => {
      if (!isTree(template)) return [];
      const languages = isTree(template.languages) ? template.languages : {};
      const texts = [
        ['', template],
        ...Object.entries(languages).map(([l, t]) => [`.languages.${l}`, t]),
      ];
      return texts.flatMap(([variant, text]) =>
        isTree(text)
          ? (['subject', 'body'] as const).flatMap((part) => {
              const value = text[part];
              return typeof value === 'string'
                ? templateProblems(value).map(
                    (p) => `${path}templates.${name}${variant}.${part} ${p}`,
                  )
                : [];
            })
          : [],
      );
    }),
  );
}

function templateTextProblems(where: string, template: Config['templates'][string]): string[] {
  const texts = [
    ['', template] as const,
    ...Object.entries(template.languages).map(([l, t]) => [`.languages.${l}`, t] as const),
  ];
  return texts.flatMap(([variant, { subject, body }]) => [
    ...templateProblems(subject).map((p) => `${where}${variant}.subject ${p}`),
    ...templateProblems(body).map((p) => `${where}${variant}.body ${p}`),
  ]);
}

/**
 * An account entry with every section it leaves out, at any depth, taken from the top level;
 * lists and plain values are replaced, not merged.
 */
function inheritDefaults(top: Tree, entry: unknown): unknown {
  if (!isTree(entry)) return entry;
  const merged: Tree = { ...entry, provider: entry.provider ?? top.provider ?? null };
  for (const section of ACCOUNT_SECTIONS) merged[section] = deepMerge(top[section], entry[section]);
  // An account's own imap.url replaces the connection settings it would otherwise inherit.
  if (isTree(entry.imap) && entry.imap.url && isTree(merged.imap)) {
    const { host: _h, port: _p, secure: _s, user: _u, password: _pw, ...rest } = merged.imap;
    merged.imap = { ...rest, ...entry.imap };
  }
  return merged;
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isTree(base) || !isTree(over)) return over;
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = deepMerge(base[key], value);
  return out;
}

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Problems inside an account that come from a top-level value it inherited are reported once,
 * at the top-level key; only what the entry itself set is reported under accounts.N.
 */
function setByAccount(issue: z.core.$ZodIssue, entries: unknown[]): boolean {
  const [first, index, ...rest] = issue.path;
  if (first !== 'accounts' || typeof index !== 'number' || rest.length === 0) return true;
  let node: unknown = entries[index];
  const keys = issue.code === 'unrecognized_keys' ? [...rest, issue.keys[0]] : rest;
  for (const key of keys) {
    if (!isTree(node) || !(String(key) in node)) return false;
    node = node[String(key)];
  }
  return true;
}

/** imap.url → host, port, secure, user and password; giving both forms in one place is an error. */
function expandImapUrl(imap: Config['imap'], own: unknown, where: string): string[] {
  if (!imap.url) return [];
  const both = ['host', 'port', 'secure', 'user', 'password'].filter(
    (k) => isTree(own) && own.url && own[k] !== undefined && own[k] !== null,
  );
  if (both.length > 0)
    return [`${where}.url: give either url or ${both.map((k) => `${where}.${k}`).join(', ')}`];
  try {
    Object.assign(imap, parseImapUrl(imap.url, `${where}.url`), { url: null });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

/** Fills unset imap and smtp keys from `provider:`; an unknown provider is left to the schema. */
function applyProvider(tree: Tree): Tree {
  const name = tree.provider;
  if (typeof name !== 'string' || !(MAIL_PROVIDERS as readonly string[]).includes(name))
    return tree;
  const profile = PROVIDER_PROFILES[name as MailProvider];
  const fill = (key: string, values: Tree): void => {
    const section: Tree = isTree(tree[key]) ? { ...(tree[key] as Tree) } : {};
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
  if (env.IMAP_URL) {
    const imap = section('imap');
    for (const key of ['host', 'port', 'secure', 'user', 'password']) delete imap[key];
    imap.url = env.IMAP_URL;
  }
  applyRedisEnvironment(section, env);
  if (env.SMTP_URL) section('smtp').url = env.SMTP_URL;
  // For a container, whose config is shared with the host: metrics on its published port.
  if (env.METRICS_HOST) section('metrics').host = env.METRICS_HOST;
  if (env.METRICS_PORT) section('metrics').port = Number(env.METRICS_PORT);
  return tree;
}

/**
 * REDIS_URL names a single Redis, REDIS_CLUSTER_NODES (comma-separated URLs) a Redis Cluster:
 * either replaces both redis.url and redis.clusterNodes of the file; both at once is an error.
 */
function applyRedisEnvironment(section: (key: string) => Tree, env: Env): void {
  if (env.REDIS_URL && env.REDIS_CLUSTER_NODES)
    throw new ConfigError([
      'REDIS_URL and REDIS_CLUSTER_NODES are both set: set REDIS_URL for a single Redis, or REDIS_CLUSTER_NODES for a Redis Cluster',
    ]);
  if (env.REDIS_URL) Object.assign(section('redis'), { url: env.REDIS_URL, clusterNodes: null });
  if (env.REDIS_CLUSTER_NODES) {
    const nodes = env.REDIS_CLUSTER_NODES.split(',')
      .map((node) => node.trim())
      .filter(Boolean);
    Object.assign(section('redis'), { url: null, clusterNodes: nodes });
  }
}

/** `imap://user:pass@host:port` (STARTTLS when offered) or `imaps://` (TLS); parts URL-encoded. */
export function parseImapUrl(value: string, key = 'IMAP_URL'): Tree {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError([
      `${key}: not a URL (expected imap://user:password@host:port or imaps://…)`,
    ]);
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') {
    throw new ConfigError([`${key}: scheme must be imap:// or imaps://, not ${url.protocol}//`]);
  }
  if (!url.hostname || !url.username) {
    throw new ConfigError([`${key}: must name a user and a host (imap://user:password@host:port)`]);
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

const SECRET_KEY = /pass|secret|token|url|nodes/i;

/** One line per problem: an issue with several unknown keys gives one line for each. */
function describeIssue(issue: z.core.$ZodIssue): string[] {
  const path = issue.path.map(String).join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(configSchema, issue.path);
    const where = path === '(top level)' ? '' : `${path}: `;
    return issue.keys.map((key) => {
      const near = nearest(key, known);
      const hint = near
        ? `: did you mean "${near}"?`
        : known.length > 0
          ? ` (known keys here: ${known.join(', ')})`
          : '';
      return `${where}unknown key "${key}"${hint}`;
    });
  }
  const secret = issue.path.some((p) => SECRET_KEY.test(String(p)));
  // Only a plain value is echoed: an object could carry a password from elsewhere in the file.
  const value = 'input' in issue ? issue.input : undefined;
  const shown = ['string', 'number', 'boolean'].includes(typeof value) && !secret;
  const input = shown ? ` (got ${JSON.stringify(value)})` : '';
  return [`${path}: ${issue.message.replace(/^Invalid input: /, '')}${input}`];
}

/** The keys the schema knows at a key path (accounts.0.rules → the rules section's keys). */
export function knownKeys(schema: z.ZodType, path: PropertyKey[]): string[] {
  let node: unknown = schema;
  const def = (n: unknown) => (n as { _zod: { def: Record<string, unknown> } })._zod.def;
  const unwrap = (n: unknown): unknown => {
    for (;;) {
      const d = def(n);
      if (d.innerType) n = d.innerType;
      else if (d.type === 'pipe') n = d.in;
      else if (d.type === 'lazy') n = (d.getter as () => unknown)();
      else return n;
    }
  };
  for (const key of path) {
    node = unwrap(node);
    const d = def(node);
    if (d.type === 'object') node = (d.shape as Record<string, unknown>)[String(key)];
    else if (d.type === 'array') node = d.element;
    else if (d.type === 'record') node = d.valueType;
    else return [];
    if (!node) return [];
  }
  const d = def(unwrap(node));
  return d.type === 'object' ? Object.keys(d.shape as Record<string, unknown>) : [];
}

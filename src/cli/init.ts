/**
 * `wherewemet init`: asks for the provider and address (or takes them as flags), signs in with
 * OAuth2 or an app password, finds Drafts, Sent and Trash, writes or extends the config, checks
 * it, and prints the command that starts the service. Prompts come from @clack/prompts, a small,
 * well-kept prompt library; with --yes (or no terminal) nothing is asked and a missing answer is
 * an error naming its flag.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as prompts from '@clack/prompts';
import { type Document, parseDocument } from 'yaml';
import { requireImap } from '../config/accounts.ts';
import { loadConfig, parseConfig } from '../config/load.ts';
import {
  MAIL_PROVIDERS,
  type MailProvider,
  OAUTH2_PROVIDERS,
  type OAuth2Provider,
  PROVIDER_PROFILES,
} from '../config/providers.ts';
import type { Config } from '../config/schema.ts';
import { ConfigError } from '../errors.ts';
import { connectImap } from '../imap/connect.ts';
import { createLogger } from '../log.ts';
import { SHIPPED_CONFIG_PATH } from '../paths.ts';
import { fail } from '../terminal/output.ts';
import { login } from './login.ts';

export interface InitOptions {
  configPath: string;
  yes: boolean;
  provider?: string;
  address?: string;
  /** Your name, as the drafts sign it ({{myName}}). */
  name?: string;
  user?: string;
  imapHost?: string;
  imapPort?: number;
  starttls?: boolean;
  allowPlaintext?: boolean;
  /** The environment variable that holds the app password; the config refers to it as ${NAME}. */
  passwordEnv?: string;
  oauth2?: string;
  clientId?: string;
  clientSecretEnv?: string;
  tokenUrl?: string;
  authorizeUrl?: string;
  deviceAuthorizationUrl?: string;
  scopes?: string;
  redisUrl?: string;
  flow?: 'browser' | 'device';
}

type Changes = Record<string, unknown>;

const OTHER = 'other';

export async function initCommand(options: InitOptions): Promise<void> {
  try {
    const ask = new Asker(options.yes || !process.stdin.isTTY);
    ask.intro();
    const changes = await answers(options, ask);
    const env = { ...process.env, ...changes.env };
    // Nothing is written until the mailbox has let us in and shown its folders.
    const draft = await withChanges(options.configPath, changes.keys);
    let config = parseConfig(draft.toString(), options.configPath, env);
    if (config.imap.oauth2) {
      const line = await login(config, { ...optionsFlow(options), tell: ask.say });
      ask.say(line.replace(/^wherewemet: /, ''));
    }
    const folders = await findFolders(config, env);
    for (const [key, value] of Object.entries(folders)) draft.setIn(key.split('.'), value);
    await mkdir(dirname(options.configPath), { recursive: true });
    await writeFile(options.configPath, draft.toString(), { mode: 0o600 });
    // What check-config does: the file as written, with the environment the service will have.
    config = await loadConfig(options.configPath, env);
    ask.say(`${options.configPath}: valid`);
    const found = Object.entries(folders).map(([k, v]) => `${k.replace('mailboxes.', '')}: ${v}`);
    ask.say(
      found.length > 0
        ? `folders: ${found.join(', ')}`
        : 'folders: none marked; the defaults apply',
    );
    const secret =
      config.imap.password !== null && changes.passwordEnv
        ? `${changes.passwordEnv}=<app password> `
        : '';
    ask.outro(`Start it with: ${secret}wherewemet run --config ${options.configPath}`);
    process.stdout.write(`${secret}wherewemet run --config ${options.configPath}\n`);
  } catch (err) {
    fail(err);
  }
}

function optionsFlow(options: InitOptions): { flow?: 'browser' | 'device' } {
  return options.flow ? { flow: options.flow } : {};
}

/** Prompts when a person is there; otherwise refuses with the flag that was missing. */
class Asker {
  constructor(readonly scripted: boolean) {}
  intro(): void {
    if (!this.scripted) prompts.intro('wherewemet init');
  }
  say = (line: string): void => {
    if (this.scripted) process.stderr.write(`wherewemet: ${line}\n`);
    else prompts.log.info(line);
  };
  outro(line: string): void {
    if (!this.scripted) prompts.outro(line);
  }
  async pick<T extends string>(
    flag: string,
    message: string,
    choices: { value: T; label: string }[],
  ): Promise<T> {
    if (this.scripted)
      throw new ConfigError([
        `${flag}: required with --yes (one of ${choices.map((c) => c.value).join(', ')})`,
      ]);
    return this.answer(
      await prompts.select<string>({
        message,
        options: choices.map((c) => ({ value: c.value, label: c.label })),
      }),
    ) as T;
  }
  async text(flag: string, message: string, secret = false): Promise<string> {
    if (this.scripted) throw new ConfigError([`${flag}: required with --yes`]);
    const validate = (v: string | undefined) => (v?.trim() ? undefined : 'required');
    return this.answer(
      await (secret
        ? prompts.password({ message, validate })
        : prompts.text({ message, validate })),
    ).trim();
  }
  private answer(value: string | symbol): string {
    if (typeof value === 'symbol') throw new ConfigError(['init: cancelled, nothing written']);
    return value;
  }
}

interface Answers {
  keys: Changes;
  /** Values the checks need now that the config only names (${IMAP_PASSWORD}). */
  env: Record<string, string>;
  passwordEnv: string | undefined;
}

async function answers(options: InitOptions, ask: Asker): Promise<Answers> {
  const provider = (options.provider ??
    (await ask.pick('--provider', 'Which provider is your mailbox with?', [
      ...MAIL_PROVIDERS.map((p) => ({ value: p, label: PROVIDER_PROFILES[p].label })),
      { value: OTHER, label: 'another IMAP server' },
    ]))) as MailProvider | typeof OTHER;
  if (provider !== OTHER && !(MAIL_PROVIDERS as readonly string[]).includes(provider)) {
    throw new ConfigError([
      `--provider: one of ${[...MAIL_PROVIDERS, OTHER].join(', ')}, not "${provider}"`,
    ]);
  }
  const address = options.address ?? (await ask.text('--address', 'Your email address'));
  const name = options.name ?? (await ask.text('--name', 'Your name, as the replies sign it'));
  const keys: Changes = {
    'imap.user': options.user ?? address,
    'me.address': address,
    'me.name': name,
  };
  if (provider === OTHER) {
    keys['imap.host'] =
      options.imapHost ?? (await ask.text('--imap-host', 'IMAP server (host name)'));
    keys['imap.secure'] = !options.starttls;
    if (options.imapPort) keys['imap.port'] = options.imapPort;
    if (options.allowPlaintext) keys['imap.allowPlaintext'] = true;
  } else {
    keys.provider = provider;
  }
  if (options.redisUrl) keys['redis.url'] = options.redisUrl;

  const profile = provider === OTHER ? undefined : PROVIDER_PROFILES[provider];
  const oauth2 = (options.oauth2 ??
    (options.passwordEnv ? undefined : await chooseAuth(profile, ask))) as
    | OAuth2Provider
    | undefined;
  if (oauth2 === undefined) {
    const name = options.passwordEnv ?? 'IMAP_PASSWORD';
    const where = profile?.appPasswordUrl ? ` (create one at ${profile.appPasswordUrl})` : '';
    const value =
      process.env[name] ?? (await ask.text('--password-env', `App password${where}`, true));
    keys['imap.password'] = envReference(name);
    keys['imap.oauth2'] = null;
    return { keys, env: { [name]: value }, passwordEnv: name };
  }
  if (!(OAUTH2_PROVIDERS as readonly string[]).includes(oauth2)) {
    throw new ConfigError([`--oauth2: one of ${OAUTH2_PROVIDERS.join(', ')}, not "${oauth2}"`]);
  }
  const section: Changes = {
    provider: oauth2,
    clientId:
      options.clientId ??
      (await ask.text('--client-id', `OAuth2 client ID of your ${oauth2} app registration`)),
  };
  if (options.clientSecretEnv) section.clientSecret = envReference(options.clientSecretEnv);
  if (options.tokenUrl) section.tokenUrl = options.tokenUrl;
  if (options.authorizeUrl) section.authorizeUrl = options.authorizeUrl;
  if (options.deviceAuthorizationUrl)
    section.deviceAuthorizationUrl = options.deviceAuthorizationUrl;
  if (options.scopes) section.scopes = options.scopes.split(/[\s,]+/).filter(Boolean);
  keys['imap.password'] = null;
  keys['imap.oauth2'] = section;
  return { keys, env: {}, passwordEnv: undefined };
}

async function chooseAuth(
  profile: (typeof PROVIDER_PROFILES)[MailProvider] | undefined,
  ask: Asker,
): Promise<OAuth2Provider | undefined> {
  if (profile && !profile.auth.appPassword && profile.auth.oauth2) return profile.auth.oauth2;
  if (profile && !profile.auth.oauth2) return undefined;
  const choice = await ask.pick('--oauth2 or --password-env', 'How should wherewemet sign in?', [
    ...(profile?.auth.oauth2
      ? [{ value: profile.auth.oauth2, label: 'OAuth2 (sign in in a browser)' }]
      : []),
    ...(profile ? [] : [{ value: 'custom', label: 'OAuth2 with your own authorization server' }]),
    { value: 'password', label: 'an app password' },
  ]);
  return choice === 'password' ? undefined : (choice as OAuth2Provider);
}

/** The config file's way to read an environment variable. */
function envReference(name: string): string {
  return `\${${name}}`;
}

/** The config with each key path set, keeping its comments; starts from the shipped config. */
async function withChanges(path: string, changes: Changes): Promise<Document> {
  const doc = parseDocument(await readFile(existsSync(path) ? path : SHIPPED_CONFIG_PATH, 'utf8'));
  for (const [key, value] of Object.entries(changes)) doc.setIn(key.split('.'), value);
  return doc;
}

/** The folders the server marks \Drafts, \Sent and \Trash (RFC 6154), as mailboxes.* changes. */
async function findFolders(
  config: Config,
  env: Record<string, string | undefined>,
): Promise<Changes> {
  const client = await connectImap(requireImap(config, env), createLogger({ level: 'silent' }));
  try {
    const found: Changes = {};
    for (const box of await client.list()) {
      const use = { '\\Drafts': 'drafts', '\\Sent': 'sent', '\\Trash': 'trash' }[
        box.specialUse ?? ''
      ];
      if (use && config.mailboxes[use as 'drafts'] === null) found[`mailboxes.${use}`] = box.path;
    }
    return found;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

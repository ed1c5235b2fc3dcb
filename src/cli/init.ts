/**
 * `wherewemet init`: asks for the provider and address (or takes them as flags), says where to
 * register wherewemet for OAuth2 and what to enter, signs in with OAuth2 or an app password,
 * finds Drafts, Sent and Trash, writes or extends the config (by default the one the service
 * files read, ~/.config/wherewemet/wherewemet.yaml), checks it, and prints the command that starts
 * the service, as it works from here. Answers are kept as they are given (initProgress.ts), so a
 * step that fails costs none of them. Prompts come from @clack/prompts, a small, well-kept prompt
 * library; with --yes (or no terminal) nothing is asked and a missing answer is an error naming
 * its flag and what it needs.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
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
import { SHIPPED_CONFIG_PATH, userConfigPath } from '../paths.ts';
import { fail } from '../terminal/output.ts';
import { shellPath, whereFromProcess, wherewemetCommand } from './commandLine.ts';
import { OAUTH2_GUIDES } from './initGuide.ts';
import { InitProgress } from './initProgress.ts';
import { login } from './login.ts';

export interface InitOptions {
  /** The config to write; by default the user's (userConfigPath). */
  configPath?: string;
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
  const home = homedir();
  const configPath = options.configPath ?? userConfigPath(process.env, home);
  const command = wherewemetCommand(whereFromProcess(process.env, home));
  const progress = await InitProgress.load(configPath);
  const ask = new Asker(options.yes || !process.stdin.isTTY, progress);
  try {
    ask.intro(configPath);
    const changes = await answers(options, ask);
    const env = { ...process.env, ...changes.env };
    // Nothing is written until the mailbox has let us in and shown its folders.
    const draft = await withChanges(configPath, changes.keys);
    let config = parseConfig(draft.toString(), configPath, env);
    if (config.imap.oauth2) {
      const line = await login(config, { ...optionsFlow(options), tell: ask.say });
      ask.say(line.replace(/^wherewemet: /, ''));
    }
    const folders = await findFolders(config, env);
    for (const [key, value] of Object.entries(folders)) draft.setIn(key.split('.'), value);
    await mkdir(dirname(configPath), { recursive: true });
    await writeFile(configPath, draft.toString(), { mode: 0o600 });
    await progress.done();
    // What check-config does: the file as written, with the environment the service will have.
    config = await loadConfig(configPath, env);
    ask.say(`${configPath}: valid`);
    const found = Object.entries(folders).map(([k, v]) => `${k.replace('mailboxes.', '')}: ${v}`);
    ask.say(
      found.length > 0
        ? `folders: ${found.join(', ')}`
        : 'folders: none marked; the defaults apply',
    );
    const secrets = { ...changes.secrets };
    if (config.imap.oauth2 && process.env.WHEREWEMET_SECRET)
      secrets.WHEREWEMET_SECRET = 'the same secret';
    ask.say(serviceNote(configPath, home, Object.keys(secrets)));
    const start = `${Object.entries(secrets)
      .map(([name, what]) => `${name}=<${what}> `)
      .join('')}${command} run --config ${shellPath(configPath, home)}`;
    ask.outro(`Start it with: ${start}`);
    process.stdout.write(`${start}\n`);
  } catch (err) {
    fail(err);
    if (progress.kept) {
      const again = `${command} init${options.configPath ? ` --config ${shellPath(configPath, home)}` : ''}`;
      ask.say(
        `your answers so far are kept in ${progress.file}; \`${again}\` offers them again (secrets excepted)`,
      );
    }
  }
}

/** The systemd unit and the launchd agent in deploy/ read one config, and their env file. */
function serviceNote(configPath: string, home: string, secrets: string[]): string {
  const read = join(home, '.config', 'wherewemet', 'wherewemet.yaml');
  if (configPath !== read)
    return `as a service: deploy/systemd and deploy/launchd read ${shellPath(read, home)}; change their --config to this file`;
  const env = '~/.config/wherewemet/env';
  return secrets.length > 0
    ? `as a service (deploy/systemd, deploy/launchd) it reads this config, and ${secrets.join(' and ')} from ${env} (NAME=value, one a line; chmod 600)`
    : 'as a service (deploy/systemd, deploy/launchd) it reads this config';
}

function optionsFlow(options: InitOptions): { flow?: 'browser' | 'device' } {
  return options.flow ? { flow: options.flow } : {};
}

/** A question, answered by a prompt, by its flag with --yes, or by the last run's answer. */
interface Question {
  /** The flag that answers it; its name without "--" keeps the answer, unless `key` is given. */
  flag: string;
  key?: string;
  message: string;
  /** What to enter and where to find it, for an empty answer or a missing flag. */
  needed?: string;
  /** Why an answer cannot be right; undefined when it may be. */
  check?: (value: string) => string | undefined;
}

/** Prompts when a person is there; otherwise refuses with the flag that was missing. */
class Asker {
  constructor(
    readonly scripted: boolean,
    private readonly progress: InitProgress,
  ) {}
  intro(configPath: string): void {
    if (!this.scripted) {
      prompts.intro('wherewemet init');
      prompts.log.info(`This sets up ${configPath} (--config names another file).`);
    }
    if (this.progress.resuming) this.say(this.resumeNote());
  }
  say = (line: string): void => {
    if (this.scripted) process.stderr.write(`wherewemet: ${line}\n`);
    else prompts.log.info(line);
  };
  outro(line: string): void {
    if (!this.scripted) prompts.outro(line);
  }
  /** Steps to take elsewhere (a console) before the next question. */
  guide(title: string, steps: string[]): void {
    if (this.scripted || steps.length === 0) return;
    prompts.note(steps.map((step, i) => `${i + 1}. ${step}`).join('\n'), title);
  }
  private resumeNote(): string {
    return this.scripted
      ? `resuming: answers of the last run from ${this.progress.file} fill in the flags not given`
      : `resuming: the answers of the last run (kept in ${this.progress.file}) are offered again; Enter keeps each. Passwords and secrets are asked again: they are never kept.`;
  }
  async pick<T extends string>(
    question: Question,
    given: string | undefined,
    choices: { value: T; label: string }[],
  ): Promise<T> {
    const key = keyOf(question);
    const saved = this.progress.savedAnswer(key);
    let value = given ?? (this.scripted ? saved : undefined);
    if (value === undefined) {
      if (this.scripted)
        throw new ConfigError([
          `${question.flag}: required with --yes (one of ${choices.map((c) => c.value).join(', ')})`,
        ]);
      value = this.answer(
        await prompts.select<string>({
          message: question.message,
          options: choices.map((c) => ({ value: c.value, label: c.label })),
          ...(choices.some((c) => c.value === saved) ? { initialValue: saved } : {}),
        }),
      );
    }
    await this.progress.record(key, value, { choice: true });
    return value as T;
  }
  async text(question: Question, given: string | undefined): Promise<string> {
    const key = keyOf(question);
    const saved = this.progress.savedAnswer(key);
    let value = given ?? (this.scripted ? saved : undefined);
    if (value === undefined) {
      if (this.scripted) throw new ConfigError([missing(question.flag, question.needed)]);
      value = this.answer(
        await prompts.text({
          message: question.message,
          ...(saved ? { initialValue: saved } : {}),
          validate: validator(question),
        }),
      ).trim();
    }
    await this.progress.record(key, value);
    return value;
  }
  /** A secret from its environment variable, else asked (masked); never kept. */
  async secret(question: Question, envName: string): Promise<string> {
    const set = process.env[envName];
    if (set) {
      this.say(`${question.message}: taken from ${envName}`);
      return set;
    }
    if (this.scripted)
      throw new ConfigError([
        `${envName}: not set (${question.flag} NAME reads another variable)${question.needed ? `; needed: ${question.needed}` : ''}`,
      ]);
    return this.answer(
      await prompts.password({ message: question.message, validate: validator(question) }),
    ).trim();
  }
  private answer(value: string | symbol): string {
    if (typeof value === 'symbol') throw new ConfigError(['init: cancelled, nothing written']);
    return value;
  }
}

function keyOf(question: Question): string {
  return question.key ?? question.flag.replace(/^--/, '');
}

function missing(flag: string, needed: string | undefined): string {
  return `${flag}: required with --yes${needed ? `; needed: ${needed}` : ''}`;
}

/** An empty answer says what is needed and where to find it; a malformed one, why. */
function validator(question: Question): (value: string | undefined) => string | undefined {
  return (value) => {
    const answer = value?.trim();
    if (!answer) return question.needed ? `needed: ${question.needed}` : 'required';
    return question.check?.(answer);
  };
}

interface Answers {
  keys: Changes;
  /** Values the checks need now that the config only names (${IMAP_PASSWORD}). */
  env: Record<string, string>;
  /** The environment variables the service needs, each with what it holds. */
  secrets: Record<string, string>;
}

async function answers(options: InitOptions, ask: Asker): Promise<Answers> {
  const provider = await ask.pick<MailProvider | typeof OTHER>(
    { flag: '--provider', message: 'Which provider is your mailbox with?' },
    options.provider,
    [
      ...MAIL_PROVIDERS.map((p) => ({ value: p, label: PROVIDER_PROFILES[p].label })),
      { value: OTHER, label: 'another IMAP server' },
    ],
  );
  if (provider !== OTHER && !(MAIL_PROVIDERS as readonly string[]).includes(provider)) {
    throw new ConfigError([
      `--provider: one of ${[...MAIL_PROVIDERS, OTHER].join(', ')}, not "${provider}"`,
    ]);
  }
  const address = await ask.text(
    {
      flag: '--address',
      message: 'Your email address',
      needed: 'your email address',
      check: (v) => (/^[^@\s]+@[^@\s]+$/.test(v) ? undefined : 'an email address, you@example.com'),
    },
    options.address,
  );
  const name = await ask.text(
    {
      flag: '--name',
      message: 'Your name, as the replies sign it',
      needed: 'your name, as it ends the replies ({{myName}})',
    },
    options.name,
  );
  const keys: Changes = {
    'imap.user': options.user ?? address,
    'me.address': address,
    'me.name': name,
  };
  if (provider === OTHER) {
    keys['imap.host'] = await ask.text(
      {
        flag: '--imap-host',
        message: 'IMAP server (host name)',
        needed: "your IMAP server's host name, as your provider's mail settings give it",
      },
      options.imapHost,
    );
    keys['imap.secure'] = !options.starttls;
    if (options.imapPort) keys['imap.port'] = options.imapPort;
    if (options.allowPlaintext) keys['imap.allowPlaintext'] = true;
  } else {
    keys.provider = provider;
  }
  if (options.redisUrl) keys['redis.url'] = options.redisUrl;

  const profile = provider === OTHER ? undefined : PROVIDER_PROFILES[provider];
  const oauth2 = await chooseAuth(options, profile, ask);
  if (oauth2 === undefined) {
    const envName = options.passwordEnv ?? 'IMAP_PASSWORD';
    const where = profile?.appPasswordUrl ? `create one at ${profile.appPasswordUrl}` : undefined;
    const value = await ask.secret(
      {
        flag: '--password-env',
        message: `App password${where ? ` (${where})` : ''}`,
        needed: `an app password for your mailbox${where ? `: ${where}` : ''}`,
      },
      envName,
    );
    keys['imap.password'] = envReference(envName);
    keys['imap.oauth2'] = null;
    return { keys, env: { [envName]: value }, secrets: { [envName]: 'app password' } };
  }
  if (!(OAUTH2_PROVIDERS as readonly string[]).includes(oauth2)) {
    throw new ConfigError([`--oauth2: one of ${OAUTH2_PROVIDERS.join(', ')}, not "${oauth2}"`]);
  }
  const signIn = await oauth2Answers(options, oauth2, ask);
  keys['imap.password'] = null;
  keys['imap.oauth2'] = signIn.section;
  return { keys, env: signIn.env, secrets: signIn.secrets };
}

/** The client registration, after saying where to make one: its ID, and its secret if it has one. */
async function oauth2Answers(options: InitOptions, oauth2: OAuth2Provider, ask: Asker) {
  const guide = OAUTH2_GUIDES[oauth2];
  if (options.clientId === undefined)
    ask.guide(
      `Register wherewemet with ${oauth2 === 'google' ? 'Google' : 'Microsoft'}`,
      guide.steps,
    );
  // IDs have the provider's form only at the provider's own endpoints (not at a test server).
  const ownEndpoints = !options.tokenUrl;
  const section: Changes = {
    provider: oauth2,
    clientId: await ask.text(
      {
        flag: '--client-id',
        message: 'Client ID',
        needed: guide.clientId.needed,
        ...(ownEndpoints ? { check: guide.clientId.check } : {}),
      },
      options.clientId,
    ),
  };
  const env: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  const secretEnv = options.clientSecretEnv ?? (guide.clientSecret ? guide.clientSecretEnv : null);
  if (secretEnv) {
    env[secretEnv] = await ask.secret(
      {
        flag: '--client-secret-env',
        message: 'Client secret',
        needed: guide.clientSecret?.needed ?? 'the client secret of your app registration',
      },
      secretEnv,
    );
    secrets[secretEnv] = 'client secret';
    section.clientSecret = envReference(secretEnv);
  }
  if (options.tokenUrl) section.tokenUrl = options.tokenUrl;
  if (options.authorizeUrl) section.authorizeUrl = options.authorizeUrl;
  if (options.deviceAuthorizationUrl)
    section.deviceAuthorizationUrl = options.deviceAuthorizationUrl;
  if (options.scopes) section.scopes = options.scopes.split(/[\s,]+/).filter(Boolean);
  return { section, env, secrets };
}

async function chooseAuth(
  options: InitOptions,
  profile: (typeof PROVIDER_PROFILES)[MailProvider] | undefined,
  ask: Asker,
): Promise<OAuth2Provider | undefined> {
  if (options.oauth2) return options.oauth2 as OAuth2Provider;
  if (options.passwordEnv) return undefined;
  if (profile && !profile.auth.appPassword && profile.auth.oauth2) return profile.auth.oauth2;
  if (profile && !profile.auth.oauth2) return undefined;
  const choice = await ask.pick(
    {
      flag: '--oauth2 or --password-env',
      key: 'sign-in',
      message: 'How should wherewemet sign in?',
    },
    undefined,
    [
      ...(profile?.auth.oauth2
        ? [{ value: profile.auth.oauth2, label: 'OAuth2 (sign in in a browser)' }]
        : []),
      ...(profile ? [] : [{ value: 'custom', label: 'OAuth2 with your own authorization server' }]),
      { value: 'password', label: 'an app password' },
    ],
  );
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

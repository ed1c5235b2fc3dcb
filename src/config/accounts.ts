/**
 * The mailboxes a config describes, each with everything needed to work it. Without `accounts:`
 * the top-level keys are the one account `default` (IMAP_URL applies to it); with `accounts:`
 * each entry has already inherited what it left out (load.ts), so this only checks that each can
 * connect and names the key that is missing.
 */
import { ConfigError } from '../errors.ts';
import type { AccountEntry, Config } from './schema.ts';

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  tlsRejectUnauthorized: boolean;
}

export interface Account extends Omit<AccountEntry, 'imap'> {
  imap: ImapSettings;
}

export const DEFAULT_ACCOUNT_ID = 'default';

/** Every account with its connection settings; a ConfigError lists what is missing where. */
export function resolveAccounts(config: Config): Account[] {
  const entries: Array<{ entry: AccountEntry; where: string }> = config.accounts
    ? config.accounts.map((entry, i) => ({ entry, where: `accounts.${i}.` }))
    : [{ entry: { ...config, id: DEFAULT_ACCOUNT_ID }, where: '' }];
  const problems: string[] = [];
  const accounts: Account[] = [];
  for (const { entry, where } of entries) {
    const { host, user, password, secure, port, tlsRejectUnauthorized } = entry.imap;
    const hint = where
      ? `set it or ${where}imap.url`
      : 'set it in the config file or give IMAP_URL';
    if (!host) problems.push(`${where}imap.host: required to connect (${hint})`);
    if (!user) problems.push(`${where}imap.user: required to connect (${hint})`);
    if (password === null)
      problems.push(
        `${where}imap.password: required to connect (for example \${IMAP_PASSWORD}, or ${where ? `${where}imap.url` : 'IMAP_URL'})`,
      );
    if (!host || !user || password === null) continue;
    accounts.push({
      id: entry.id,
      smtp: entry.smtp,
      mailboxes: entry.mailboxes,
      me: entry.me,
      rules: entry.rules,
      templates: entry.templates,
      imap: {
        host,
        port: port ?? (secure ? 993 : 143),
        secure,
        user,
        password,
        tlsRejectUnauthorized,
      },
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return accounts;
}

/** The Redis every command needs; REDIS_URL or redis.url. */
export function requireRedisUrl(config: Config): string {
  if (!config.redis.url)
    throw new ConfigError(['redis.url: required (set it in the config file or give REDIS_URL)']);
  return config.redis.url;
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

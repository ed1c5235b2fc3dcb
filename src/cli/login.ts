/**
 * `wherewemet login`: signs an OAuth2 account in (browser on a loopback redirect, or a device
 * code), saves the refresh token in the token store, and proves it with an IMAP login.
 */

import { dirname } from 'node:path';
import { loadOAuthClient } from '../auth/clients.ts';
import { tokenKey, toStore } from '../auth/credentials.ts';
import type { OAuth2Settings } from '../auth/oauthClient.ts';
import { signInWithBrowser, signInWithDevice } from '../auth/signIn.ts';
import { secureStateDir, type TokenStore, UNREADABLE_FIX } from '../auth/tokenStore.ts';
import { pickAccount, resolveAccounts, resolveOAuth2, tokenStoreFor } from '../config/accounts.ts';
import { loadConfig, resolveConfigPath } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { BlockedError, ConfigError, describeError } from '../errors.ts';
import { connectImap } from '../imap/connect.ts';
import { createLogger } from '../log.ts';
import { fail } from '../terminal/output.ts';

export interface LoginOptions {
  configPath: string;
  account?: string;
  flow?: 'browser' | 'device';
  /** Replace the token store's entries this WHEREWEMET_SECRET cannot decrypt (said first). */
  reset?: boolean;
  /** Tells the person what to do; stderr by default. */
  tell?: (line: string) => void;
}

/** Google: loopback only (its device flow refuses the Gmail scope); Microsoft: a device code. */
export function chooseFlow(
  settings: OAuth2Settings,
  asked?: 'browser' | 'device',
): 'browser' | 'device' {
  const can = {
    browser: settings.authorizeUrl !== null,
    device: settings.deviceAuthorizationUrl !== null,
  };
  if (asked) {
    if (!can[asked]) {
      throw new ConfigError([
        `imap.oauth2: ${settings.provider} has no ${asked === 'device' ? 'deviceAuthorizationUrl (device flow)' : 'authorizeUrl (browser sign-in)'}`,
      ]);
    }
    return asked;
  }
  if (settings.provider === 'microsoft' && can.device) return 'device';
  if (can.browser) return 'browser';
  if (can.device) return 'device';
  throw new ConfigError(['imap.oauth2: set authorizeUrl or deviceAuthorizationUrl to sign in']);
}

export async function loginCommand(options: LoginOptions): Promise<void> {
  try {
    const config = await loadConfig(resolveConfigPath(options.configPath));
    process.stdout.write(`${await login(config, options)}\n`);
  } catch (err) {
    fail(err);
    if (err instanceof BlockedError) process.stderr.write(`wherewemet: fix: ${err.fix}\n`);
  }
}

/** Signs in and checks the mailbox; resolves with the one line that says so. */
export async function login(
  config: Config,
  options: Omit<LoginOptions, 'configPath'>,
): Promise<string> {
  const tell = options.tell ?? ((line: string) => process.stderr.write(`wherewemet: ${line}\n`));
  const account = pickAccount(resolveAccounts(config), options.account);
  const { imapConfig: imap } = account;
  const user = account.imap.user;
  if (!imap.oauth2) {
    throw new ConfigError([
      `${account.id === 'default' ? '' : `account ${account.id}: `}imap.oauth2: not set; \`login\` is for OAuth2 accounts (this one uses a password)`,
    ]);
  }
  const settings = resolveOAuth2(imap.oauth2);
  const store = tokenStoreFor(config);
  await secureStateDir(dirname(store.file), { warn: tell });
  // Before anyone signs in: a store this secret cannot read would refuse the new token too.
  await checkUnreadable(store, options.reset === true, tell);
  const client = await loadOAuthClient(settings);
  const flow = chooseFlow(settings, options.flow);
  const tokens =
    flow === 'device'
      ? await signInWithDevice(client, { tell })
      : await signInWithBrowser(client, { tell });
  if (!tokens.refreshToken) {
    throw new BlockedError(
      'LOGIN_NEEDED',
      `${settings.tokenUrl} gave no refresh token`,
      'ask for offline access (Microsoft: the offline_access scope in imap.oauth2.scopes), then run `wherewemet login` again',
    );
  }
  await store.set(
    tokenKey(user, settings),
    toStore(tokens, { refreshToken: tokens.refreshToken }, Date.now()),
    { replaceUnreadable: options.reset === true },
  );
  if (settings.refreshToken) {
    tell(
      'note: imap.oauth2.refreshToken in the config takes precedence over the token just saved; remove it to use this one',
    );
  }
  const mailbox = account.imap;
  const connection = await connectImap(mailbox, createLogger({ level: 'silent' })).catch(
    (err: unknown) => {
      throw imapLoginFailed(err);
    },
  );
  await connection.logout().catch(() => connection.close());
  return `wherewemet: signed in as ${user}; IMAP login to ${mailbox.host}:${mailbox.port} works (token saved in ${store.file})`;
}

/** The IMAP login after a sign-in failed: the token is saved, so the mailbox's own cause is left. */
function imapLoginFailed(err: unknown): BlockedError {
  const blocked = err instanceof BlockedError ? err : null;
  return new BlockedError(
    'LOGIN_REFUSED',
    `signed in, but the IMAP login failed: ${blocked ? blocked.message : describeError(err)}`,
    blocked?.fix ??
      'the token is saved; check that imap.host and imap.port reach the mail server, then run `wherewemet login` again',
    err,
  );
}

/**
 * Entries this WHEREWEMET_SECRET cannot decrypt (or a damaged file) stop `login` with the fix,
 * unless --reset was given: then it says what it replaces, and those accounts sign in again.
 */
export async function checkUnreadable(
  store: TokenStore,
  reset: boolean,
  tell: (line: string) => void,
): Promise<void> {
  const unreadable = await store.unreadable();
  if (unreadable.length === 0) return;
  const what =
    unreadable[0] === '*'
      ? `the token store ${store.file} is unreadable`
      : `the token store ${store.file} holds ${unreadable.length} ${unreadable.length === 1 ? 'entry' : 'entries'} that the WHEREWEMET_SECRET given (or its absence) cannot decrypt`;
  if (!reset) throw new BlockedError('LOGIN_NEEDED', what, UNREADABLE_FIX);
  tell(
    `${what}: --reset replaces ${unreadable[0] === '*' ? 'the file' : unreadable.length === 1 ? 'it' : 'them'}; any other account in it must run \`wherewemet login\` again`,
  );
}

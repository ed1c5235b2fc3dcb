/**
 * Opens an ImapFlow connection from our settings and turns its failures into errors a person
 * can act on: a refused login, a certificate that does not verify and a server that will not
 * encrypt block the account until a person acts; an unknown host, dropped or refused
 * connections are retryable.
 */
import { ImapFlow } from 'imapflow';
import type { ImapSettings } from '../config/accounts.ts';
import { PROVIDER_PROFILES } from '../config/providers.ts';
import {
  AccessTokenRefusedError,
  BlockedError,
  MailboxUnavailableError,
  type WherewemetError,
} from '../errors.ts';
import type { Logger } from '../log.ts';
import { isLoopback } from '../net/loopback.ts';

export type { ImapSettings };

export interface ConnectOptions {
  /** Start IDLE this long after the last command; the watcher wants it at once. */
  autoIdleDelay?: number;
}

const TLS_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|ERR_TLS|ERR_SSL/;
/** OpenSSL's words for a TLS handshake answered in plain text (an IMAP greeting). */
const PLAIN_ANSWER =
  /WRONG_VERSION_NUMBER|wrong version number|packet length too long|unknown protocol/i;

export async function connectImap(
  settings: ImapSettings,
  log: Logger,
  options: ConnectOptions = {},
): Promise<ImapFlow> {
  const login = await settings.credentials.login();
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    // Without TLS from the first byte, the login must wait for STARTTLS: a server (or a proxy)
    // that does not offer it would otherwise get the password or token in clear.
    ...(settings.secure || settings.allowPlaintext ? {} : { doSTARTTLS: true }),
    // imapflow picks OAUTHBEARER or XOAUTH2 for an access token, as the server offers.
    auth: login,
    tls: { rejectUnauthorized: settings.tlsRejectUnauthorized },
    logger: imapLogger(log),
    autoIdleDelay: options.autoIdleDelay,
    // Re-issue IDLE within the 29 minutes RFC 2177 allows, sooner where providers drop it sooner.
    maxIdleTime: settings.idleRestartSeconds * 1000,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
  });
  // An 'error' event without a listener would crash the process; the 'close' event drives reconnects.
  client.on('error', (err: Error) =>
    log.debug({ err: { message: err.message } }, 'IMAP connection error'),
  );
  try {
    await client.connect();
  } catch (err) {
    // A failed connection still holds its timers and socket until closed.
    client.close();
    const refreshMayHelp =
      (err as { authenticationFailed?: boolean }).authenticationFailed === true &&
      settings.credentials.refused();
    throw describeImapFailure(err, settings, refreshMayHelp);
  }
  if (!client.secureConnection) warnPlaintext(settings, log);
  return client;
}

/** Servers this process has said it logs in to without encryption: said once, not per connection. */
const warnedPlaintext = new Set<string>();

/**
 * imap.allowPlaintext let a login go out unencrypted: worth one warning per process and server,
 * when it happens, unless the server is on this machine (the password never leaves it).
 */
export function warnPlaintext(settings: ImapSettings, log: Pick<Logger, 'warn'>): void {
  const where = `${settings.host}:${settings.port}`;
  if (isLoopback(settings.host) || warnedPlaintext.has(where)) return;
  warnedPlaintext.add(where);
  log.warn(
    `IMAP server ${where} offers no STARTTLS: logged in without encryption, because imap.allowPlaintext is true (meant for a test server on this machine)`,
  );
}

/**
 * What a failed connection means for the user. `refreshMayHelp`: the login was refused, and the
 * credentials have another access token to try (Credentials.refused).
 */
export function describeImapFailure(
  err: unknown,
  settings: Pick<ImapSettings, 'host' | 'port' | 'user'> &
    Partial<Pick<ImapSettings, 'credentials' | 'provider'>>,
  refreshMayHelp = false,
): WherewemetError {
  const e = err as {
    code?: string;
    authenticationFailed?: boolean;
    tlsFailed?: boolean;
    message?: string;
    responseText?: string;
  };
  const where = `${settings.host}:${settings.port}`;
  if (e.authenticationFailed) {
    const refusal = `IMAP login refused for ${settings.user} at ${where}${e.responseText ? `: ${e.responseText}` : ''}`;
    if (refreshMayHelp) return new AccessTokenRefusedError(refusal, err);
    return new BlockedError(
      'LOGIN_REFUSED',
      refusal,
      settings.credentials?.kind === 'oauth2'
        ? 'even a freshly refreshed access token was refused: check that IMAP is enabled for the account and the OAuth2 scopes, then run `wherewemet login`'
        : passwordFix(settings.provider ?? null),
      err,
    );
  }
  if (e.tlsFailed && /STARTTLS/.test(e.message ?? '')) {
    return new BlockedError(
      'TLS_REQUIRED',
      `IMAP server ${where} does not offer STARTTLS: refusing to log in without encryption`,
      'use imaps:// (secure: true, port 993) if the server has it; imap.allowPlaintext: true only for a test server on this machine',
      err,
    );
  }
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    return new MailboxUnavailableError(`IMAP host ${settings.host} not found`, err);
  }
  if (PLAIN_ANSWER.test(`${e.code ?? ''} ${e.message ?? ''}`)) {
    return new BlockedError(
      'TLS_REQUIRED',
      `IMAP server ${where} answered in plain text: this port does not speak TLS: use imap:// or port 993`,
      'use imap:// (secure: false, which upgrades with STARTTLS) for this port, or port 993 for imaps://',
      err,
    );
  }
  if (e.code && TLS_ERRORS.test(e.code)) {
    return new BlockedError(
      'TLS_UNVERIFIED',
      `TLS certificate of ${where} could not be verified (${e.code})`,
      'fix the certificate, or set imap.tlsRejectUnauthorized: false for this account if you trust it',
      err,
    );
  }
  return new MailboxUnavailableError(
    `IMAP server ${where} unavailable: ${e.message ?? e.code ?? String(err)}`,
    err,
  );
}

/** What to check when a password login is refused, in the provider's terms. */
function passwordFix(provider: ImapSettings['provider']): string {
  const profile = provider ? PROVIDER_PROFILES[provider] : null;
  if (!profile)
    return 'check the user name and password (an app password where the provider asks for one)';
  const oauth2 = profile.auth.oauth2
    ? `imap.oauth2 with provider ${profile.auth.oauth2}, then \`wherewemet login\``
    : null;
  if (!profile.auth.appPassword)
    return `${profile.label} refuses passwords for IMAP: sign in with OAuth2 (${oauth2})`;
  return `${profile.label} wants an app password here, not your account password${profile.appPasswordUrl ? ` (create one at ${profile.appPasswordUrl})` : ''}; check too that the user name is your full address${oauth2 ? `; or sign in with OAuth2 (${oauth2})` : ''}`;
}

/**
 * imapflow logs every protocol line at debug/trace and its own view of failures at warn/error.
 * Our errors say the same in words a person can act on, so its lines go to debug only.
 */
function imapLogger(log: Logger) {
  const child = log.child({ component: 'imap' });
  const quiet = () => {};
  const debug = (obj: object) => child.debug(stripSecrets(obj));
  return { debug: quiet, info: quiet, warn: debug, error: debug };
}

/** Drops protocol payloads (`data`) and keeps errors to their message and code: no stack traces. */
function stripSecrets(obj: object): object {
  const { data: _data, err, ...rest } = obj as Record<string, unknown>;
  if (err instanceof Error)
    return { ...rest, err: { message: err.message, code: (err as { code?: string }).code } };
  return rest;
}

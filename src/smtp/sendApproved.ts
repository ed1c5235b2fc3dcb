/**
 * The one place that opens an SMTP connection. Only `wherewemet approve` and the review page's
 * approve button reach it; the worker (workers/run.ts) must never import this module, and a
 * test checks that it does not.
 *
 * It tells a failure before the message data went out ("nothing was sent") from one after it
 * (the server may have accepted the message and the reply was lost: "may have been sent"), using
 * nodemailer's SMTPConnection rather than its transport so that it sees the moment the data
 * starts: the connection reads the message stream only once the server has answered DATA with 354.
 * It logs in with the URL's password, or with credentials (a password, or XOAUTH2 with an access
 * token fetched for this connection), and only once the connection is encrypted (smtps://, or
 * smtp:// upgraded with STARTTLS), on this machine too: the same rule as IMAP. smtp.allowPlaintext
 * lifts it for a test server.
 */
import { Readable } from 'node:stream';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type { SMTPError } from 'nodemailer/lib/smtp-connection';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import XOAuth2 from 'nodemailer/lib/xoauth2';
import type { Credentials } from '../auth/credentials.ts';
import { BlockedError, describeError, SendFailed } from '../errors.ts';

/** RFC 5321 4.5.3.2.6: a client should wait 10 minutes for the reply to the end of the data. */
const FINAL_REPLY_TIMEOUT_MS = 10 * 60 * 1000;
const CONNECT_TIMEOUT_MS = 30_000;

/** Sends one message; a SendFailed says whether it may have gone out all the same. */
export type SendMail = (message: { raw: Buffer; from: string; to: string[] }) => Promise<void>;

export interface SmtpOptions {
  /** smtp.allowPlaintext: log in without encryption when the server offers no STARTTLS. */
  allowPlaintext?: boolean;
}

export function smtpSender(
  smtpUrl: string,
  credentials: Credentials | null = null,
  { allowPlaintext = false }: SmtpOptions = {},
): SendMail {
  const { auth, ...options } = parseConnectionUrl(smtpUrl);
  const password =
    auth && 'user' in auth && auth.user ? { user: auth.user, pass: auth.pass ?? '' } : null;
  const logsIn = credentials !== null || password !== null;
  const where = `${options.host}:${options.port ?? (options.secure ? 465 : 587)}`;
  return async ({ raw, from, to }) => {
    const connection = new SMTPConnection({
      ...options,
      // smtp:// must upgrade with STARTTLS before a password or token goes out, whoever the server.
      ...(logsIn && !allowPlaintext ? { requireTLS: true } : {}),
      connectionTimeout: CONNECT_TIMEOUT_MS,
      greetingTimeout: CONNECT_TIMEOUT_MS,
      socketTimeout: FINAL_REPLY_TIMEOUT_MS,
      logger: false,
    });
    // Each step listens for errors while it runs; this keeps a late one (the server hanging up
    // after the reply) from being an unhandled 'error' event.
    connection.on('error', () => {});
    let dataStarted = false;
    const message = new Readable({
      read() {
        dataStarted = true;
        this.push(raw);
        this.push(null);
      },
    });
    try {
      await step(connection, (done) => connection.connect(done)).catch((err: unknown) => {
        throw refusedStartTls(err) ? plaintextRefused(where, err) : err;
      });
      // requireTLS has failed the connection already; this holds should nodemailer ever fall back.
      if (logsIn && !allowPlaintext && !connection.secure) throw plaintextRefused(where);
      if (credentials) await logIn(connection, credentials);
      else if (password) await step(connection, (done) => connection.login(password, done));
      await step(connection, (done) => connection.send({ from, to }, message, (err) => done(err)));
    } catch (err) {
      const e = err as SMTPError;
      // A 4xx/5xx reply is the server saying it did not take the message, at any stage.
      const refused = typeof e.responseCode === 'number' && e.responseCode >= 400;
      const reason = err instanceof BlockedError ? describeError(err) : (e.message ?? String(err));
      throw new SendFailed(reason, dataStarted && !refused, err);
    } finally {
      connection.close();
    }
  };
}

/** The server answered STARTTLS with a refusal (it does not offer it), not a failed handshake. */
function refusedStartTls(err: unknown): boolean {
  const e = err as SMTPError;
  return e.code === 'ETLS' && e.command === 'STARTTLS' && typeof e.responseCode === 'number';
}

/** One line, before the password or token went out: why not, and what to change. */
function plaintextRefused(where: string, cause?: unknown): BlockedError {
  return new BlockedError(
    'TLS_REQUIRED',
    `SMTP server ${where} does not offer STARTTLS: refusing to log in without encryption`,
    'use smtps:// (port 465) if the server has it; smtp.allowPlaintext: true only for a test server on this machine',
    cause,
  );
}

/** Logs in with a fresh password or token; a refused token makes the next login refresh it. */
async function logIn(connection: SMTPConnection, credentials: Credentials): Promise<void> {
  const login = await credentials.login();
  const authData =
    'accessToken' in login
      ? {
          user: login.user,
          oauth2: new XOAuth2({ user: login.user, accessToken: login.accessToken }),
        }
      : { user: login.user, pass: login.pass };
  await step(connection, (done) => connection.login(authData, done)).catch((err: unknown) => {
    if ((err as SMTPError).code === 'EAUTH') credentials.refused();
    throw err;
  });
}

/** One callback step of the connection as a promise; its 'error' events reject it too. */
function step(
  connection: SMTPConnection,
  start: (done: (err?: SMTPError | null) => void) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: SMTPError) => reject(err);
    connection.once('error', onError);
    start((err) => {
      connection.off('error', onError);
      if (err) reject(err);
      else resolve();
    });
  });
}

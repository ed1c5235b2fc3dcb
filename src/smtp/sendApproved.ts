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
 * token fetched for this connection).
 */
import { Readable } from 'node:stream';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type { SMTPError } from 'nodemailer/lib/smtp-connection';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import XOAuth2 from 'nodemailer/lib/xoauth2';
import type { Credentials } from '../auth/credentials.ts';
import { SendFailed, type SendMail } from '../lifecycle/approve.ts';

/** RFC 5321 4.5.3.2.6: a client should wait 10 minutes for the reply to the end of the data. */
const FINAL_REPLY_TIMEOUT_MS = 10 * 60 * 1000;
const CONNECT_TIMEOUT_MS = 30_000;

const isLoopbackHost = (host: string | undefined) =>
  host !== undefined && ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);

export function smtpSender(smtpUrl: string, credentials: Credentials | null = null): SendMail {
  const { auth, ...options } = parseConnectionUrl(smtpUrl);
  return async ({ raw, from, to }) => {
    const connection = new SMTPConnection({
      ...options,
      // smtp:// must upgrade with STARTTLS before a token goes out (a server on this machine may not).
      ...(credentials && !isLoopbackHost(options.host) ? { requireTLS: true } : {}),
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
      await step(connection, (done) => connection.connect(done));
      if (credentials) await logIn(connection, credentials);
      else if (auth && 'user' in auth && auth.user)
        await step(connection, (done) =>
          connection.login({ user: auth.user, pass: auth.pass ?? '' }, done),
        );
      await step(connection, (done) => connection.send({ from, to }, message, (err) => done(err)));
    } catch (err) {
      const e = err as SMTPError;
      // A 4xx/5xx reply is the server saying it did not take the message, at any stage.
      const refused = typeof e.responseCode === 'number' && e.responseCode >= 400;
      throw new SendFailed(e.message ?? String(err), dataStarted && !refused, err);
    } finally {
      connection.close();
    }
  };
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

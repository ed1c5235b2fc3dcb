/**
 * The one place that opens an SMTP connection. Only `wherewemet approve` and the review page's
 * approve button reach it; the worker (workers/run.ts) must never import this module, and a
 * test checks that it does not.
 *
 * It tells a failure before the message data went out ("nothing was sent") from one after it
 * (the server may have accepted the message and the reply was lost: "may have been sent"), using
 * nodemailer's SMTPConnection rather than its transport so that it sees the moment the data
 * starts: the connection reads the message stream only once the server has answered DATA with 354.
 */
import { Readable } from 'node:stream';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type { SMTPError } from 'nodemailer/lib/smtp-connection';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { SendFailed, type SendMail } from '../lifecycle/approve.ts';

/** RFC 5321 4.5.3.2.6: a client should wait 10 minutes for the reply to the end of the data. */
const FINAL_REPLY_TIMEOUT_MS = 10 * 60 * 1000;
const CONNECT_TIMEOUT_MS = 30_000;

export function smtpSender(smtpUrl: string): SendMail {
  const { auth, ...options } = parseConnectionUrl(smtpUrl);
  return async ({ raw, from, to }) => {
    const connection = new SMTPConnection({
      ...options,
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
      if (auth && 'user' in auth && auth.user)
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

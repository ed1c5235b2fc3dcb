/**
 * The one place that opens an SMTP connection. Only `wherewemet approve` and the review page's
 * approve button reach it; the worker (workers/run.ts) must never import this module, and a
 * test checks that it does not.
 */
import { createTransport } from 'nodemailer';
import { type Credentials, nodemailerAuth } from '../auth/credentials.ts';
import { WherewemetError } from '../errors.ts';
import type { SendMail } from '../lifecycle/decide.ts';

/** `credentials`: a password or XOAUTH2 with an access token fetched for this connection; null: the URL's own. */
const isLoopbackHost = (host: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(host);

export function smtpSender(smtpUrl: string, credentials: Credentials | null = null): SendMail {
  return async ({ raw, from, to }) => {
    const transport = createTransport(
      credentials
        ? {
            url: smtpUrl,
            auth: await nodemailerAuth(credentials),
            // smtp:// must upgrade with STARTTLS before the token goes out (a server on this machine may not).
            requireTLS: !isLoopbackHost(new URL(smtpUrl).hostname),
          }
        : smtpUrl,
    );
    try {
      await transport.sendMail({ envelope: { from, to }, raw });
    } catch (err) {
      const e = err as { message?: string; responseCode?: number; code?: string };
      // Refused at AUTH, before MAIL FROM: nothing went out, and the next attempt gets a new token.
      if (e.code === 'EAUTH') credentials?.refused();
      throw new WherewemetError(
        'SMTP_FAILED',
        `sending failed, nothing was sent: ${e.message ?? String(err)}`,
        { cause: err },
      );
    } finally {
      transport.close();
    }
  };
}

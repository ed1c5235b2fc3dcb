/**
 * The one place that opens an SMTP connection. Only `wherewemet approve` and the review page's
 * approve button reach it; the worker (workers/run.ts) must never import this module, and a
 * test checks that it does not.
 */
import { createTransport } from 'nodemailer';
import { WherewemetError } from '../errors.ts';
import type { SendMail } from '../lifecycle/decide.ts';

export function smtpSender(smtpUrl: string): SendMail {
  return async ({ raw, from, to }) => {
    const transport = createTransport(smtpUrl);
    try {
      await transport.sendMail({ envelope: { from, to }, raw });
    } catch (err) {
      const e = err as { message?: string; responseCode?: number };
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

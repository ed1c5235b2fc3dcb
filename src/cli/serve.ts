/**
 * `wherewemet serve`: the local review page (review/server.ts), with its one-time sign-in link on
 * stderr, and another one each time Enter is pressed.
 */
import { createLogger } from '../log.ts';
import { offerNewLinks, type ReviewOptions, startReview } from '../review/server.ts';
import { fail } from '../terminal/output.ts';

export async function serveCommand(options: ReviewOptions): Promise<void> {
  try {
    const review = await startReview(options, createLogger());
    process.stderr.write(
      `wherewemet: review page for account ${review.account} at ${review.link} (a one-time sign-in link)\n`,
    );
    if (!review.canSend)
      process.stderr.write(
        'wherewemet: approving is off: there are no SMTP settings (smtp.url or SMTP_URL)\n',
      );
    const stopLinks = offerNewLinks(review.newLink, (link) =>
      process.stderr.write(`wherewemet: a new one-time sign-in link: ${link}\n`),
    );
    if (process.stdin.isTTY)
      process.stderr.write('wherewemet: press Enter for another sign-in link\n');
    const stop = () => {
      stopLinks();
      void review.stop();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (err) {
    fail(err);
  }
}

/**
 * Info-level log lines, in words and naming the inviter, fed from the service's events. While
 * `quiet(account)` holds (a long catch-up that a progress display sums up), the lines for each
 * invitation and draft go to debug: a first run over a full mailbox would be thousands of lines.
 */
import type { Events } from '../events.ts';
import type { Logger } from '../log.ts';

export function logEvents(
  events: Events,
  log: Logger,
  quiet: (account: string) => boolean = () => false,
): void {
  const level = (account: string) => (quiet(account) ? 'debug' : 'info');
  events.on('invitation.classified', (e) => {
    if (!e.created) return;
    const what = e.action === 'draft' ? 'a draft is queued' : 'no draft';
    log[level(e.account)](
      { account: e.account, invitation: e.key, category: e.category },
      `invitation from ${e.inviterName ?? 'someone unnamed'}: ${e.category}, ${what}`,
    );
  });
  events.on('draft.written', (e) =>
    log[level(e.account)](
      { account: e.account, invitation: e.key },
      `draft written for ${e.inviterName ?? 'someone unnamed'}`,
    ),
  );
  events.on('message.unparseable', (e) =>
    log.warn({ account: e.account, uid: e.uid, reason: e.reason }, 'message could not be read'),
  );
  events.on('decision.recorded', (e) =>
    log.info(
      { account: e.account, invitation: e.key, via: e.via },
      `draft for ${e.inviterName ?? 'someone unnamed'} ${e.decision}`,
    ),
  );
}

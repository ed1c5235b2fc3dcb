/** Info-level log lines, in words and naming the inviter, fed from the service's events. */
import type { Events } from '../events.ts';
import type { Logger } from '../log.ts';

export function logEvents(events: Events, log: Logger): void {
  events.on('invitation.classified', (e) => {
    if (!e.created) return;
    const what = e.action === 'draft' ? 'a draft is queued' : 'no draft';
    log.info(
      { account: e.account, invitation: e.key, category: e.category },
      `invitation from ${e.inviterName ?? 'someone unnamed'}: ${e.category}, ${what}`,
    );
  });
  events.on('draft.written', (e) =>
    log.info(
      { account: e.account, invitation: e.key },
      `draft written for ${e.inviterName ?? 'someone unnamed'}`,
    ),
  );
  events.on('message.unparseable', (e) =>
    log.warn({ account: e.account, uid: e.uid, reason: e.reason }, 'message could not be read'),
  );
  events.on('decision.recorded', (e) =>
    log.info({ account: e.account, invitation: e.key, via: e.via }, `draft ${e.decision}`),
  );
}

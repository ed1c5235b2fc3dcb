/** What the CLI and the review page hand to decide.ts, built once from an open lifecycle. */

import { imapHoldingFolder } from '../imap/holdingFolder.ts';
import type { SendMail } from '../smtp/sendApproved.ts';
import { SendingRecords } from '../store/sending.ts';
import { StatusChanges } from '../store/statusChange.ts';
import { UndoRecords } from '../store/undo.ts';
import type { ApproveDeps } from './approve.ts';
import type { DecideDeps } from './decide.ts';
import type { Lifecycle } from './open.ts';

export type DecisionDeps = DecideDeps & {
  sending: SendingRecords;
  changes: StatusChanges;
  undo: UndoRecords;
};

export function decisionDeps(lifecycle: Lifecycle, via: string): DecisionDeps {
  const { store, mailbox, config, redis, account } = lifecycle;
  return {
    store,
    mailbox,
    now: () => new Date(),
    via,
    sending: new SendingRecords(redis, config.redis.prefix, account.id, config.history.keepDays),
    changes: new StatusChanges(redis, config.redis.prefix, account.id),
    undo: new UndoRecords(redis, config.redis.prefix, account.id),
  };
}

/** Everything an approval needs, or why this setup cannot approve (no SMTP, no Trash...). */
export async function approvalDeps(
  lifecycle: Lifecycle,
  base: DecisionDeps,
  send: SendMail | null,
): Promise<ApproveDeps | { unavailable: string }> {
  const { account } = lifecycle;
  if (!send)
    return {
      unavailable:
        'there are no SMTP settings (smtp.url or SMTP_URL). Send it from your mail client, or set them and start again.',
    };
  const holding = await imapHoldingFolder(lifecycle.session, account.mailboxes);
  if ('unavailable' in holding) return holding;
  return {
    ...base,
    send,
    holding,
    providerSavesToSent: account.smtp.providerSavesToSent,
    holdMs: account.smtp.holdSeconds * 1000,
  };
}

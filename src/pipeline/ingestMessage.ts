/**
 * Job handler: one candidate message in the mailbox → parsed, classified, recorded, and a
 * draft queued when the rules say so. Safe to run twice for the same message, or for two copies
 * of one invitation: the invitation is claimed atomically, and the draft job id is deterministic.
 */
import { classify } from '../classify/classify.ts';
import type { Config } from '../config/schema.ts';
import { describeError, UnparseableMessageError } from '../errors.ts';
import type { FetchedMessage } from '../imap/mailbox.ts';
import type { Logger } from '../log.ts';
import { type Notification, parseNotification } from '../parse/parseNotification.ts';
import type { MessageRef, Store } from '../store/store.ts';
import { invitationAliases } from './invitationKey.ts';

export interface IngestDeps {
  store: Store;
  fetchMessage(ref: MessageRef, maxBytes: number): Promise<FetchedMessage>;
  enqueueDraft(invitationKey: string): Promise<void>;
  config(): Config;
  /** Our own check of LinkedIn's DKIM signature (DNS); null when it tells nothing. */
  verifyDkim(raw: Buffer): Promise<boolean | null>;
  log: Logger;
  now(): Date;
}

export async function ingestMessage(ref: MessageRef, deps: IngestDeps): Promise<string> {
  const { store, log } = deps;
  const done = await store.messageOutcome(ref);
  if (done) return done;
  const config = deps.config();
  const fetched = await deps.fetchMessage(ref, config.sync.maxMessageBytes);
  if (fetched.status === 'gone' || fetched.status === 'uidvalidity-changed') {
    // Deleted or the mailbox was recreated: catch-up finds it again under its new UID if it still exists.
    log.info({ ref, status: fetched.status }, 'message no longer there');
    return fetched.status;
  }
  if (fetched.status === 'too-large') {
    const reason = `message is ${fetched.size} bytes, over sync.maxMessageBytes (${config.sync.maxMessageBytes})`;
    await store.recordUnparseable(ref, reason, deps.now());
    log.warn({ ref, reason }, 'message not read');
    return `unparseable: ${reason}`;
  }

  let notification: Awaited<ReturnType<typeof parseNotification>>;
  try {
    const { trustedAuthservId, verifyDkim } = config.authenticity;
    notification = await parseNotification(fetched.source, {
      maxBytes: config.sync.maxMessageBytes,
      trustedAuthservId,
      dkimVerified: verifyDkim ? await deps.verifyDkim(fetched.source) : null,
    });
  } catch (err) {
    // Any failure of the parser is about this message's bytes, and would fail again on every
    // retry: record it once (a poison message must not loop) and go on with the next.
    const reason =
      err instanceof UnparseableMessageError ? err.message : `parser error: ${describeError(err)}`;
    await store.recordUnparseable(ref, reason, deps.now());
    log.warn({ ref, reason }, 'message could not be read');
    return `unparseable: ${reason}`;
  }

  if (notification.kind !== 'invitation' && notification.kind !== 'reminder') {
    const outcome = `ignored: ${notification.kind}`;
    await store.setMessageOutcome(ref, outcome);
    return outcome;
  }

  const classification = classify(notification, config.rules);
  if (classification.action === 'draft' && !namesSomeoneToAnswer(notification)) {
    // A LinkedIn-like subject over an empty, broken or garbage body: no one to reply to.
    const reason =
      'reads like an invitation but has no invitation link, profile link, invitation id or address';
    await store.recordUnparseable(ref, reason, deps.now());
    log.warn({ ref, reason }, 'message could not be read');
    return `unparseable: ${reason}`;
  }
  const { key, aliases } = invitationAliases(notification);
  const at = deps.now();
  const { record, created } = await store.claimInvitation(aliases, {
    key,
    notification,
    classification,
    at,
  });
  if (created) {
    await store.addHistory(record.key, {
      at: at.toISOString(),
      event: 'received',
      kind: notification.kind,
      mailbox: ref.mailbox,
      uid: ref.uid,
    });
    await store.addHistory(record.key, {
      at: at.toISOString(),
      event: 'classified',
      category: classification.category,
      reasons: classification.reasons,
      action: classification.action,
    });
    log.info(
      {
        invitation: record.key,
        kind: notification.kind,
        category: classification.category,
        action: classification.action,
      },
      'invitation recorded',
    );
  } else {
    await store.addHistory(record.key, {
      at: at.toISOString(),
      event: 'seen-again',
      kind: notification.kind,
      mailbox: ref.mailbox,
      uid: ref.uid,
    });
  }
  // Also after a crash between claiming and queueing: the draft job id makes a repeat harmless.
  if (record.draftStatus === 'queued') await deps.enqueueDraft(record.key);
  const outcome = `invitation: ${record.key}${created ? '' : ' (seen before)'}`;
  await store.setMessageOutcome(ref, outcome);
  return outcome;
}

function namesSomeoneToAnswer(n: Notification): boolean {
  return Boolean(n.invitationId || n.invitationUrl || n.inviter.profileUrl || n.inviter.email);
}

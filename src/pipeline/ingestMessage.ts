/**
 * One downloaded candidate message → parsed, classified, recorded, and a draft queued when the
 * rules say so. Safe to run twice for the same message, or for two copies of one invitation: the
 * invitation is claimed atomically under all its aliases, and the draft job id is deterministic.
 * A message that cannot be read is recorded as unparseable and is not an error: poison at once,
 * a retryable refusal (out of CPU time) after it was tried again (retryPolicy.ts).
 */
import { type Classification, classify } from '../classify/classify.ts';
import type { Config } from '../config/schema.ts';
import { describeError, ParseTooSlowError, UnparseableMessageError } from '../errors.ts';
import type { Events } from '../events.ts';
import type { FrameLesson } from '../parse/learnedFrame.ts';
import { type Notification, PARSER_VERSION, parseMail } from '../parse/parseNotification.ts';
import type { FrameStore } from '../store/frameStore.ts';
import type { InvitationStore, MessageRef } from '../store/records.ts';
import { invitationAliases } from './invitationKey.ts';
import { readWithRetries, refusal } from './retryPolicy.ts';
import { type MessageFacts, unparseable } from './unparseable.ts';

export interface IngestSettings {
  rules: Config['rules'];
  authenticity: Config['authenticity'];
  maxMessageBytes: number;
}

export interface IngestDeps {
  account: string;
  store: InvitationStore;
  enqueueDraft(invitationKey: string, arrivedAt: Date | null): Promise<void>;
  settings(): IngestSettings;
  /** Our own check of LinkedIn's DKIM signature (DNS); null when it tells nothing. */
  verifyDkim(raw: Buffer): Promise<boolean | null>;
  /** The learned frame: read with, and taught by every verified LinkedIn mail (frameStore.ts). */
  frame?: Pick<FrameStore, 'snapshot' | 'learn'>;
  events: Events;
  now(): Date;
  /** Wait before reading again after a retryable refusal (attempt 0 first); default none. */
  retryDelayMs?(attempt: number): number;
}

export type IngestOutcome =
  | { kind: 'invitation'; key: string; created: boolean }
  | { kind: 'ignored'; what: Notification['kind'] }
  | { kind: 'unparseable'; reason: string };

export async function ingestMessage(
  message: {
    ref: MessageRef;
    source: Buffer;
    facts: MessageFacts;
    /** Earlier refusals of this message recorded under this parser (a retry at start). */
    earlierRefusals?: number;
  },
  deps: IngestDeps,
): Promise<IngestOutcome> {
  const { ref, source, facts } = message;
  const settings = deps.settings();
  let notification: Notification;
  let lessons: FrameLesson[];
  try {
    ({ notification, lessons } = await parseWithFrame(source, settings, deps));
  } catch (err) {
    // Out of CPU time even when tried again: recorded as retryable, read again at the next start.
    // Any other failure of the parser is about this message's bytes and would fail again on
    // every retry: recorded once (a poison message must not loop). Either way, on with the next.
    const reason =
      err instanceof UnparseableMessageError || err instanceof ParseTooSlowError
        ? err.message
        : `parser error: ${describeError(err)}`;
    return unparseable(ref, facts, reason, deps, refusal(err, message.earlierRefusals ?? 0));
  }
  // Invitations and LinkedIn's other mail alike: the frame is what they share.
  if (deps.frame) for (const lesson of lessons) await deps.frame.learn(lesson, deps.now());
  if (notification.kind !== 'invitation' && notification.kind !== 'reminder') {
    deps.events.emit('message.seen', { account: deps.account, uid: ref.uid, outcome: 'read' });
    return { kind: 'ignored', what: notification.kind };
  }

  const classification = classify(notification, settings.rules);
  if (classification.action === 'draft' && !namesSomeoneToAnswer(notification)) {
    // A LinkedIn-like subject over an empty, broken or garbage body: no one to reply to.
    return unparseable(
      ref,
      facts,
      'reads like an invitation but has no invitation link, profile link, invitation id or address',
      deps,
    );
  }
  const { key, aliases } = invitationAliases(notification);
  const at = deps.now();
  const { record, created } = await deps.store.claimInvitation(aliases, {
    key,
    notification,
    classification,
    at,
    source: ref,
    parserVersion: PARSER_VERSION,
  });
  await recordSeen(record.key, created, { notification, classification, ref, at }, deps);
  deps.events.emit('message.seen', { account: deps.account, uid: ref.uid, outcome: 'read' });
  deps.events.emit('invitation.classified', {
    account: deps.account,
    key: record.key,
    inviterName: record.notification.inviter.name,
    category: record.category,
    action: record.action,
    created,
  });
  // Also after a crash between claiming and queueing: the draft job id makes a repeat harmless.
  if (record.draftStatus === 'queued') await deps.enqueueDraft(record.key, facts.arrivedAt);
  // Read again as the frame is learned (rereadUnsure.ts); a repeat is harmless here too.
  if (record.category === 'unsure') await deps.store.holdUnsure(record.key, at);
  else if (created && classification.provisional) await deps.store.holdProvisional(record.key, at);
  return { kind: 'invitation', key: record.key, created };
}

/** The message read with the account's authenticity settings and the frame learned so far. */
async function parseWithFrame(source: Buffer, settings: IngestSettings, deps: IngestDeps) {
  const { trustedAuthservId, verifyDkim } = settings.authenticity;
  const learnedFrame = deps.frame ? (await deps.frame.snapshot()).frame : undefined;
  return readWithRetries(
    () =>
      parseMail(source, {
        maxBytes: settings.maxMessageBytes,
        trustedAuthservId,
        ...(verifyDkim ? { verifyDkim: deps.verifyDkim } : {}),
        ...(learnedFrame ? { learnedFrame } : {}),
      }),
    deps.retryDelayMs ?? (() => 0),
  );
}

/** The invitation's history: received and classified the first time, seen again after. */
async function recordSeen(
  key: string,
  created: boolean,
  what: { notification: Notification; classification: Classification; ref: MessageRef; at: Date },
  deps: IngestDeps,
): Promise<void> {
  const { notification, classification, ref } = what;
  const at = what.at.toISOString();
  const seen = { at, kind: notification.kind, mailbox: ref.mailbox, uid: ref.uid };
  if (!created) {
    await deps.store.addHistory(key, { ...seen, event: 'seen-again' });
    return;
  }
  await deps.store.addHistory(
    key,
    { ...seen, event: 'received' },
    {
      at,
      event: 'classified',
      category: classification.category,
      reasons: classification.reasons,
      action: classification.action,
    },
  );
}

export function namesSomeoneToAnswer(n: Notification): boolean {
  return Boolean(n.invitationId || n.invitationUrl || n.inviter.profileUrl || n.inviter.email);
}

/**
 * Recording a message that cannot be read: poison, kept once in the unparseable list with what
 * its headers said, so a person can find it, and never retried. Shared by the catch-up (too large
 * to download) and the ingest step (unreadable once downloaded); it loads no parser.
 */
import type { Events } from '../events.ts';
import type { InvitationStore, MessageRef } from '../store/records.ts';

/** What the headers said, for the unparseable list when the body cannot be read. */
export interface MessageFacts {
  from: string | null;
  subject: string | null;
  arrivedAt: Date | null;
}

export async function unparseable(
  ref: MessageRef,
  facts: MessageFacts,
  reason: string,
  deps: {
    account: string;
    store: Pick<InvitationStore, 'recordUnparseable'>;
    events: Events;
    now(): Date;
  },
): Promise<{ kind: 'unparseable'; reason: string }> {
  await deps.store.recordUnparseable({
    ...ref,
    reason,
    at: deps.now().toISOString(),
    from: facts.from,
    subject: facts.subject,
    date: facts.arrivedAt?.toISOString() ?? null,
  });
  deps.events.emit('message.unparseable', { account: deps.account, uid: ref.uid, reason });
  deps.events.emit('message.seen', { account: deps.account, uid: ref.uid, outcome: 'unparseable' });
  return { kind: 'unparseable', reason };
}

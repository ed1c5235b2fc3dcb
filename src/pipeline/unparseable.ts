/**
 * Recording a message that cannot be read: kept in the unparseable list with what its headers
 * said, so a person can find it, and with whether reading it again can help (retryPolicy.ts):
 * poison is never retried, a retryable one is read again at the next starts of `run`. Shared by
 * the catch-up (too large to download) and the ingest step (unreadable once downloaded); it loads
 * no parser.
 */
import type { Events } from '../events.ts';
import { PARSER_VERSION } from '../parse/version.ts';
import type { InvitationStore, MessageRef, UnparseableEntry } from '../store/records.ts';

export type Refusal = Pick<UnparseableEntry, 'retry' | 'parserVersion' | 'refusals'>;

const POISON: Refusal = { retry: 'poison', parserVersion: PARSER_VERSION, refusals: 1 };

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
  refused: Refusal = POISON,
): Promise<{ kind: 'unparseable'; reason: string }> {
  await deps.store.recordUnparseable({
    ...ref,
    reason,
    at: deps.now().toISOString(),
    from: facts.from,
    subject: facts.subject,
    date: facts.arrivedAt?.toISOString() ?? null,
    ...refused,
  });
  deps.events.emit('message.unparseable', { account: deps.account, uid: ref.uid, reason });
  deps.events.emit('message.seen', { account: deps.account, uid: ref.uid, outcome: 'unparseable' });
  return { kind: 'unparseable', reason };
}

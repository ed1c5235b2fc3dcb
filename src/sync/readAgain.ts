/**
 * At the start of `run` (each time a process takes the account), the messages an earlier run
 * recorded as unreadable but retryable (retryPolicy.ts: refused for time, not for their bytes)
 * are read again, on the watcher's connection with the mailbox selected. One that is read now is
 * ingested as any other and its record forgotten, only after its draft job is queued: a crash in
 * between leaves the record, and the next start reads it again (a repeat is harmless). One that
 * is refused again is recorded again, one refusal more. Records of another UIDVALIDITY cannot be
 * fetched by UID; that change makes the catch-up look back and read the mailbox anew anyway.
 */
import type { ImapFlow } from 'imapflow';
import { fetchSources } from '../imap/fetch.ts';
import type { Logger } from '../log.ts';
import { earlierRefusals, retryAtStart } from '../pipeline/retryPolicy.ts';
import type { MessageFacts } from '../pipeline/unparseable.ts';
import type { MessageRef, UnparseableEntry } from '../store/records.ts';

export interface ReadAgainDeps {
  account: string;
  mailbox: string;
  store: {
    unparseable(): Promise<UnparseableEntry[]>;
    forgetUnparseable(ref: MessageRef): Promise<void>;
  };
  /** Ingests one message (ingestMessage): whether it was read this time. */
  ingest(message: {
    ref: MessageRef;
    source: Buffer;
    facts: MessageFacts;
    earlierRefusals: number;
  }): Promise<{ kind: string }>;
  /** Queues the drafts of what was read (as after a catch-up batch). */
  afterBatch(): Promise<void>;
  log: Logger;
}

const BATCH_MESSAGES = 50;

/** How many of the recorded messages were tried again, and how many were read. */
export async function readAgain(
  client: ImapFlow,
  deps: ReadAgainDeps,
): Promise<{ tried: number; read: number }> {
  const selected = client.mailbox;
  if (!selected || selected.path !== deps.mailbox)
    throw new Error(`${deps.mailbox} is not selected`);
  const uidValidity = String(selected.uidValidity);
  const due = (await deps.store.unparseable())
    .filter((e) => e.mailbox === deps.mailbox && e.uidValidity === uidValidity && retryAtStart(e))
    .sort((a, b) => a.uid - b.uid);
  if (due.length === 0) return { tried: 0, read: 0 };
  deps.log.info(
    { account: deps.account, mailbox: deps.mailbox, messages: due.length },
    'reading again messages an earlier run could not read in time',
  );
  let read = 0;
  for (let i = 0; i < due.length; i += BATCH_MESSAGES) {
    const batch = new Map(due.slice(i, i + BATCH_MESSAGES).map((e) => [e.uid, e]));
    const readNow: MessageRef[] = [];
    await fetchSources(client, [...batch.keys()], async ({ uid, source }) => {
      const entry = batch.get(uid);
      if (!entry) return;
      const ref = { mailbox: deps.mailbox, uidValidity, uid };
      const outcome = await deps.ingest({
        ref,
        source,
        facts: {
          from: entry.from,
          subject: entry.subject,
          arrivedAt: entry.date ? new Date(entry.date) : null,
        },
        earlierRefusals: earlierRefusals(entry),
      });
      if (outcome.kind !== 'unparseable') readNow.push(ref);
    });
    await deps.afterBatch();
    for (const ref of readNow) await deps.store.forgetUnparseable(ref);
    read += readNow.length;
  }
  deps.log.info(
    { account: deps.account, mailbox: deps.mailbox, tried: due.length, read },
    `read ${read} of ${due.length} messages again`,
  );
  return { tried: due.length, read };
}

/**
 * One catch-up pass over the watched mailbox, on the watcher's connection (mailbox selected):
 *
 *   plan (cursor) → highest UID now → SEARCH candidates → header FETCH of all candidates →
 *   choose from headers → body FETCH of those worth reading, in batches → ingest each
 *
 * The cursor moves forward only past messages that have been handled (ingested, skipped or
 * recorded as unreadable), after each batch: a pass cut short by a crash or a dropped
 * connection resumes where it stopped, and a message that arrives meanwhile is found by the next
 * pass. Memory is bounded by one batch of bodies, whatever the size of the mailbox.
 */
import type { ImapFlow } from 'imapflow';
import { type Choice, chooseToRead, type HeaderSummary } from '../decide/choose.ts';
import type { Events } from '../events.ts';
import {
  type AnswerTerms,
  type FetchedSource,
  fetchHeaderSummaries,
  fetchSources,
  highestUid,
  searchCandidates,
} from '../imap/fetch.ts';
import type { Logger } from '../log.ts';
import { type MessageFacts, unparseable } from '../pipeline/unparseable.ts';
import type { InvitationStore, MessageRef, SyncStore } from '../store/records.ts';
import { planCatchUp } from './plan.ts';

export interface CatchUpDeps {
  account: string;
  mailbox: string;
  store: SyncStore & Pick<InvitationStore, 'recordUnparseable'>;
  lookbackDays: number;
  maxMessageBytes: number;
  /** Handles one downloaded message; records poison itself, throws only when it may be retried. */
  ingest(message: { ref: MessageRef; source: Buffer; facts: MessageFacts }): Promise<unknown>;
  /** Runs after each batch, before the cursor moves past it (queues the batch's drafts). */
  afterBatch(): Promise<void>;
  /** What answers to our questions are searched by (src/answer/); none: invitations only. */
  answerTerms?(): Promise<AnswerTerms>;
  /** The headers chose messages to read, so drafts may follow: a hint, called before reading. */
  aboutToRead(): void;
  events: Events;
  log: Logger;
  now(): Date;
}

export interface CatchUpReport {
  candidates: number;
  read: number;
  skipped: number;
  tooLarge: number;
  gone: number;
}

/** Bodies per FETCH: enough to keep the connection busy, few enough to bound memory. */
const BATCH_MESSAGES = 50;
const BATCH_BYTES = 4 * 1024 * 1024;
/** A pass over more candidates than this is reported as long work (progress, summary). */
const LARGE_PASS = 50;

export async function catchUp(client: ImapFlow, deps: CatchUpDeps): Promise<CatchUpReport> {
  const { mailbox, store, log } = deps;
  const report: CatchUpReport = { candidates: 0, read: 0, skipped: 0, tooLarge: 0, gone: 0 };
  const selected = client.mailbox;
  if (!selected || selected.path !== mailbox) throw new Error(`${mailbox} is not selected`);
  const uidValidity = String(selected.uidValidity);
  const plan = planCatchUp(
    await store.getCursor(mailbox),
    uidValidity,
    deps.lookbackDays,
    deps.now(),
  );
  if (plan.kind === 'lookback')
    log.info({ mailbox, since: plan.since.toISOString() }, `looking back (${plan.reason})`);
  const afterUid = plan.kind === 'resume' ? plan.afterUid : 0;
  const highUid = await highestUid(client, afterUid);
  const save = (lastUid: number) => store.setCursor(mailbox, { uidValidity, lastUid }, deps.now());
  if (highUid === afterUid) {
    if (plan.kind === 'lookback') await save(afterUid);
    return report;
  }

  const answers = (await deps.answerTerms?.()) ?? { threadIds: [], addresses: [] };
  const awaitingAnswers = answers.threadIds.length + answers.addresses.length > 0;
  const uids = await searchCandidates(
    client,
    { afterUid, highUid, since: plan.kind === 'lookback' ? plan.since : null },
    answers,
  );
  const { summaries, gone: goneBeforeRead } = await fetchHeaderSummaries(client, uids);
  report.gone += goneBeforeRead.length;
  const chosen = summaries.map((s) => ({
    summary: s,
    choice: chooseToRead(s, deps.maxMessageBytes, awaitingAnswers),
  }));
  report.candidates = summaries.length;
  const toRead = chosen.filter((c) => c.choice === 'read').map((c) => c.summary);
  deps.events.emit('sync.pass', {
    account: deps.account,
    candidates: summaries.length,
    toRead: toRead.length,
    skipped: summaries.length - toRead.length,
    large: summaries.length > LARGE_PASS,
  });
  for (const { summary, choice } of chosen)
    await settleUnread(summary, choice, uidValidity, deps, report);
  if (toRead.length > 0) deps.aboutToRead();

  for (const batch of readBatches(toRead)) {
    const facts = new Map(batch.map((s) => [s.uid, factsOf(s)]));
    const handle = async ({ uid, source }: FetchedSource) => {
      await deps.ingest({
        ref: { mailbox, uidValidity, uid },
        source,
        facts: facts.get(uid) ?? NO_FACTS,
      });
      report.read++;
    };
    const gone = await fetchSources(
      client,
      batch.map((s) => s.uid),
      handle,
    );
    report.gone += gone.length;
    if (gone.length > 0)
      log.info({ account: deps.account, mailbox, uids: gone }, 'deleted before they could be read');
    await deps.afterBatch();
    // Everything below the next batch is handled: skipped, unreadable or read.
    const next = toRead.find((s) => s.uid > (batch.at(-1)?.uid ?? 0));
    await save(next ? next.uid - 1 : highUid);
  }
  await save(highUid);
  deps.events.emit('sync.done', { account: deps.account, ...report });
  return report;
}

const NO_FACTS: MessageFacts = { from: null, subject: null, arrivedAt: null };

function factsOf(s: HeaderSummary): MessageFacts {
  return { from: s.fromAddress, subject: s.subject, arrivedAt: s.arrivedAt };
}

async function settleUnread(
  summary: HeaderSummary,
  choice: Choice,
  uidValidity: string,
  deps: CatchUpDeps,
  report: CatchUpReport,
): Promise<void> {
  if (choice === 'skip') {
    report.skipped++;
    deps.events.emit('message.seen', {
      account: deps.account,
      uid: summary.uid,
      outcome: 'skipped',
    });
  } else if (choice === 'too-large') {
    report.tooLarge++;
    await unparseable(
      { mailbox: deps.mailbox, uidValidity, uid: summary.uid },
      factsOf(summary),
      `message is ${summary.size} bytes, over sync.maxMessageBytes (${deps.maxMessageBytes})`,
      deps,
    );
  }
}

/** Batches of at most BATCH_MESSAGES messages and BATCH_BYTES bytes (a bigger one alone). */
function* readBatches(summaries: HeaderSummary[]): Generator<HeaderSummary[]> {
  let batch: HeaderSummary[] = [];
  let bytes = 0;
  for (const s of summaries) {
    if (batch.length > 0 && (batch.length >= BATCH_MESSAGES || bytes + s.size > BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(s);
    bytes += s.size;
  }
  if (batch.length > 0) yield batch;
}

/**
 * The one job wherewemet queues: write the reply draft of one recorded invitation. Each account
 * has its own `drafts` queue under its own BullMQ prefix (store/keys.ts bullPrefix), worked only
 * by the process that holds the account's lease. Payloads carry references, never message
 * bodies or credentials: BullMQ stores job data in clear text. Job ids are derived from the
 * invitation, so queueing the same draft twice adds nothing while the first job waits or runs;
 * once it is done, the record's status (no longer queued) makes another a no-op (writeDraft.ts).
 */
import type { JobsOptions, WorkerOptions } from 'bullmq';

export const DRAFT_QUEUE = 'drafts';

export interface DraftJob {
  invitationKey: string;
  /** When the invitation reached the mailbox (ISO), for the arrival-to-draft measure. */
  arrivedAt?: string;
}

// BullMQ refuses ':' in custom ids.
export function draftJobId(job: Pick<DraftJob, 'invitationKey'>): string {
  return `draft-${job.invitationKey}`;
}

/**
 * A draft job is never dropped: transient failures are retried for as long as it takes, with
 * the account's backoff (see draftQueue.ts); what cannot succeed completes with a word on why
 * (logged). A completed job is removed at once: what it did is in the invitation's own history
 * (`drafted`, with the draft's UID, To and Subject), and a kept job would cost more memory
 * than the invitation (issue 23). A failed one (it killed its worker five times) is kept for
 * inspection on the review page, and retried at the next start.
 */
export const JOB_OPTIONS: JobsOptions = {
  attempts: Number.MAX_SAFE_INTEGER,
  backoff: { type: 'account' },
  removeOnComplete: true,
  removeOnFail: { age: 30 * 24 * 3600, count: 1000 },
};

/** Drafts one worker writes at once. */
export const DRAFT_CONCURRENCY = 4;

/**
 * A job whose worker died (SIGKILL, power cut) or stalled is handed back once its lock expires,
 * which the account's new owner checks for; the lock is as long as the account's lease
 * (lease.seconds) and checked as often as the lease is renewed (lease.heartbeatSeconds), so a
 * job moves with its account. After 5 such deaths it fails (so a draft that kills the worker
 * every time cannot loop), and is retried when the account next starts.
 */
export function workerOptions(lease: { lockMs: number; checkMs: number }) {
  return {
    concurrency: DRAFT_CONCURRENCY,
    lockDuration: lease.lockMs,
    stalledInterval: lease.checkMs,
    maxStalledCount: 5,
  } satisfies Partial<WorkerOptions>;
}

/**
 * Every job wherewemet queues, with its payload. Payloads carry references (mailbox,
 * UIDVALIDITY, UID, invitation key), never message bodies or credentials: BullMQ stores job
 * data in clear text. Job ids are derived from the payload, so queueing the same work twice
 * adds nothing while the first job is kept.
 */
import { createHash } from 'node:crypto';
import type { JobsOptions, WorkerOptions } from 'bullmq';
import type { MessageRef } from '../store/store.ts';

/** Read one candidate message, classify it, record the invitation. */
export const MESSAGE_QUEUE = 'messages';
export type MessageJob = MessageRef;

/** Write the reply draft of one recorded invitation. */
export const DRAFT_QUEUE = 'drafts';
export interface DraftJob {
  invitationKey: string;
}

/** Both handlers return a short outcome, kept with the completed job for inspection. */
export type JobOutcome = string;

// BullMQ refuses ':' in custom ids.
export function messageJobId(ref: MessageRef): string {
  const mailbox = createHash('sha256').update(ref.mailbox).digest('hex').slice(0, 12);
  return `msg-${mailbox}-${ref.uidValidity}-${ref.uid}`;
}

export function draftJobId(job: DraftJob): string {
  return `draft-${job.invitationKey}`;
}

/**
 * Retries for transient failures (a dropped connection): 5 attempts, 2 s apart doubling
 * (2, 4, 8, 16 s). Permanent failures skip the retries (see the worker's error mapping).
 * Finished jobs are kept a while for inspection, so a repeat within that time is a no-op.
 */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 14 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 10_000 },
};

/**
 * One job at a time per queue. A job whose worker died (SIGKILL, power cut) is handed back once
 * its lock expires, checked every 5 s; after 5 such deaths it fails, so a message that kills the
 * worker every time cannot loop forever.
 */
export const WORKER_OPTIONS = {
  concurrency: 1,
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 5,
} satisfies Partial<WorkerOptions>;

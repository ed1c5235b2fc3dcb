/**
 * One account's draft queue, with a worker that runs only while there is work: an idle account
 * holds no blocking Redis connection, so a process can watch a thousand of them. The worker
 * starts when a job is added (or found waiting at start), and closes once the queue has been
 * empty for a while. Outcomes of the handler map onto BullMQ: done completes the job, deferred
 * and busy delay it without counting an attempt, a thrown error is retried with backoff, and a
 * blocked error delays the job and pauses the account until a person has acted.
 */
import { DelayedError, type Job, type Queue, type Worker } from 'bullmq';
import { type Backoff, backoffDelay } from '../backoff.ts';
import { BlockedError, describeError, kindOf } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { DraftOutcome } from '../pipeline/writeDraft.ts';
import type { RedisClient } from '../store/redisClient.ts';
import { type DraftQueuePlace, draftQueueAt, draftWorkerAt } from './draftQueues.ts';
import { type DraftJob, draftJobId, JOB_OPTIONS, workerOptions } from './jobs.ts';

export interface DraftQueueOptions extends DraftQueuePlace {
  handle(job: DraftJob): Promise<DraftOutcome>;
  /** A job hit an error a person must fix; it is delayed by `blockedMs` and kept. */
  onBlocked(err: BlockedError): void;
  backoff: Backoff;
  blockedMs: number;
  /** The account's lease length and renewal interval: a job's lock follows them. */
  lease: { lockMs: number; checkMs: number };
  /** Close the worker after the queue has been empty this long. */
  idleCloseMs: number;
  log: Logger;
}

/** The states of a job still to be written (waiting, running, put off). */
const BACKLOG_STATES = ['waiting', 'active', 'delayed', 'prioritized'] as const;
/** BullMQ's keys of those states. */
const BACKLOG_KEYS = ['wait', 'active', 'delayed', 'prioritized'];

/** Drafts still to be written in an account's queue (read-only: for metrics). */
export async function draftBacklog(place: DraftQueuePlace): Promise<number> {
  const queue = draftQueueAt(place);
  try {
    const counts = await queue.getJobCounts(...BACKLOG_STATES);
    return Object.values(counts).reduce((a, b) => a + b, 0);
  } finally {
    await queue.close();
  }
}

/** Another worker holds the claim right now: look again soon. */
const BUSY_RETRY_MS = 2000;

export class DraftQueue {
  readonly queue: Queue<DraftJob>;
  private worker: Worker<DraftJob, string> | null = null;
  private closing: Promise<void> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private paused = false;
  private stopped = false;

  constructor(private readonly options: DraftQueueOptions) {
    this.queue = draftQueueAt(options);
  }

  async add(jobs: DraftJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((data) => ({
        name: 'draft',
        data,
        opts: { ...JOB_OPTIONS, jobId: draftJobId(data) },
      })),
    );
    await this.ensureWorker();
  }

  /** Starts the worker if anything waits, is delayed, or was left active by a dead process. */
  async resumeWork(): Promise<void> {
    // Jobs that used up their stalls (see workerOptions) get another chance at each start.
    for (const job of await this.queue.getFailed(0, 999))
      await job.retry('failed', { resetAttemptsMade: true });
    if (await this.hasBacklog()) await this.ensureWorker();
  }

  /** Starts the worker for jobs queued by someone else (the review page's "draft anyway"). */
  async wake(): Promise<void> {
    if (this.worker || this.paused || this.stopped) return;
    if (await this.hasBacklog()) await this.ensureWorker();
  }

  /** Starts the worker ahead of jobs about to be queued; it closes again if none come. */
  async prepare(): Promise<void> {
    await this.ensureWorker();
    if (this.worker) this.scheduleIdleClose();
  }

  /** rules.paused, or a person must act: jobs wait in the queue until resumed. */
  async setPaused(paused: boolean): Promise<void> {
    this.paused = paused;
    if (paused) await this.worker?.pause(true);
    else if (this.worker) this.worker.resume();
    else await this.resumeWork();
  }

  /**
   * Whether any job waits, runs or is put off: one EXISTS of the states' keys (Redis removes an
   * emptied list or sorted set), where counting them is a script of five commands. Every idle
   * account asks this every few seconds (issue 23).
   */
  async hasBacklog(): Promise<boolean> {
    const states = BACKLOG_KEYS.map((key) => this.queue.toKey(key));
    return (await this.options.redis.exists(...states)) > 0;
  }

  /** Waiting, active and delayed jobs: the drafts still to be written. */
  async backlog(): Promise<number> {
    const c = await this.queue.getJobCounts(...BACKLOG_STATES);
    return Object.values(c).reduce((a, b) => a + b, 0);
  }

  /**
   * Resolves once nothing is waiting, running or due within `horizonMs` (run --once): drafts put
   * off until tomorrow, or until drafting is resumed, do not count.
   */
  async drained(horizonMs: number): Promise<void> {
    for (;;) {
      const c = await this.queue.getJobCounts('waiting', 'active', 'prioritized');
      let pending = (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
      const horizon = Date.now() + horizonMs;
      pending += (await this.queue.getDelayed()).filter(
        (job) => (job.processedOn ?? job.timestamp) + job.delay < horizon,
      ).length;
      if (pending === 0 || this.paused) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.closeWorker();
    await this.queue.close();
  }

  private async ensureWorker(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.closing;
    if (this.worker || this.stopped || this.paused) return;
    const { options } = this;
    const worker = draftWorkerAt(options, (job, token) => this.process(job, token), {
      ...workerOptions(options.lease),
      settings: { backoffStrategy: (attempts) => backoffDelay(attempts - 1, options.backoff) },
    });
    worker.on('error', (err) => options.log.warn({ err: describeError(err) }, 'draft queue error'));
    worker.on('failed', (job, err) =>
      options.log.warn(
        { job: job?.id, attempt: job?.attemptsMade, err: describeError(err) },
        'draft job failed; will retry',
      ),
    );
    worker.on('drained', () => this.scheduleIdleClose());
    this.worker = worker;
  }

  private scheduleIdleClose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      void this.hasBacklog().then(
        (busy) => (busy ? undefined : this.closeWorker()),
        () => undefined,
      );
    }, this.options.idleCloseMs);
    this.idleTimer.unref();
  }

  private async closeWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.closing = (async () => {
      await worker.close();
      await (worker.opts.connection as RedisClient).quit().catch(() => undefined);
    })().finally(() => {
      this.closing = null;
    });
    await this.closing;
  }

  private async process(job: Job<DraftJob>, token: string | undefined): Promise<string> {
    const { options } = this;
    let outcome: DraftOutcome;
    try {
      outcome = await options.handle(job.data);
    } catch (err) {
      if (err instanceof BlockedError) {
        options.onBlocked(err);
        return this.delay(job, token, Date.now() + options.blockedMs);
      }
      if (kindOf(err) === 'poison') {
        // The job is removed once complete: the log is where this is kept.
        options.log.warn(
          { invitation: job.data.invitationKey, err: describeError(err) },
          'draft not written',
        );
        return `not written: ${describeError(err)}`;
      }
      throw err;
    }
    if ('done' in outcome) return outcome.done;
    if ('busy' in outcome) return this.delay(job, token, Date.now() + BUSY_RETRY_MS);
    options.log.info(
      { invitation: job.data.invitationKey, until: outcome.until.toISOString() },
      outcome.deferred,
    );
    return this.delay(job, token, outcome.until.getTime());
  }

  /** Put off without counting as a failed attempt (BullMQ's DelayedError). */
  private async delay(
    job: Job<DraftJob>,
    token: string | undefined,
    until: number,
  ): Promise<never> {
    await job.moveToDelayed(until, token);
    throw new DelayedError();
  }
}

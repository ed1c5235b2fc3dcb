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
import {
  DRAFT_CONCURRENCY,
  type DraftJob,
  draftJobId,
  JOB_OPTIONS,
  workerOptions,
} from './jobs.ts';

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
  /** Replace a worker that has left jobs waiting this long while it had room for them. */
  stuckAfterMs: number;
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
  /** Whether the worker's connections became ready: one that never did has no job to wait for. */
  private workerReady = false;
  private closing: Promise<void> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private paused = false;
  private stopped = false;
  /** Jobs the worker is handling now. */
  private handling = 0;
  /** Since when jobs have waited while the worker had room and took none (null: they have not). */
  private waitingSince: number | null = null;

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

  /**
   * Called every few seconds, one call at a time. Starts the worker for jobs queued by someone
   * else (the review page's "draft anyway"), and replaces a worker that takes no job.
   */
  async wake(): Promise<void> {
    if (this.paused || this.stopped) return;
    if (this.worker) await this.replaceIfStuck();
    else if (await this.hasBacklog()) await this.ensureWorker();
  }

  /**
   * A BullMQ worker relies on its own Redis connections, and one can stop taking jobs without
   * an error: in a Redis Cluster, a worker made while a primary was being killed never finished
   * connecting (its blocking connection stayed "initializing"), and its jobs waited for good.
   * BullMQ's maintainers advise making a new worker (taskforcesh/bullmq#3185). Jobs waiting
   * `stuckAfterMs` while the worker had room and started none is the sign; one LLEN, and only
   * while a worker exists. A job the old worker was still running is finished by it or, when its
   * lock lapses, handed to the new one; the draft's claim keeps it to one draft.
   */
  private async replaceIfStuck(): Promise<void> {
    const waiting =
      this.handling < DRAFT_CONCURRENCY
        ? await this.options.redis.llen(this.queue.toKey('wait'))
        : 0;
    if (waiting === 0) {
      this.waitingSince = null;
      return;
    }
    const now = Date.now();
    this.waitingSince ??= now;
    if (now - this.waitingSince < this.options.stuckAfterMs) return;
    this.options.log.warn(
      { waiting, waitedSeconds: Math.round((now - this.waitingSince) / 1000) },
      'draft worker took no job; starting a new one',
    );
    this.abandonWorker();
    await this.ensureWorker();
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
    this.workerReady = false;
    worker.once('ready', () => {
      if (this.worker === worker) this.workerReady = true;
    });
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

  /** Lets a stuck worker go without waiting for it: its close may never finish either. */
  private abandonWorker(): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.waitingSince = null;
    void worker.close(true).catch(() => undefined);
    (worker.opts.connection as RedisClient).disconnect();
  }

  private async closeWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const ready = this.workerReady;
    const connection = worker.opts.connection as RedisClient;
    this.closing = (async () => {
      // Closing waits for the jobs in hand, which a worker never ready cannot have: it would wait
      // for its connection instead, for good.
      await worker.close(!ready);
      if (ready) await connection.quit().catch(() => undefined);
      else connection.disconnect();
    })().finally(() => {
      this.closing = null;
    });
    await this.closing;
  }

  private async process(job: Job<DraftJob>, token: string | undefined): Promise<string> {
    this.handling++;
    this.waitingSince = null;
    try {
      return await this.outcomeOf(job, token);
    } finally {
      this.handling--;
    }
  }

  private async outcomeOf(job: Job<DraftJob>, token: string | undefined): Promise<string> {
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

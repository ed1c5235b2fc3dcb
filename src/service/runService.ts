/**
 * `wherewemet run`: wires the mailbox watcher, the two queue workers and the store together,
 * starts them, and stops them cleanly on SIGTERM/SIGINT. With `once`, it catches up, waits
 * until both queues are drained, and returns. Nothing here can send mail: the only mail
 * operation the workers have is appending to Drafts.
 */
import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { retryWithBackoff } from '../backoff.ts';
import type { ConnectionSettings } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { watchConfig } from '../config/watch.ts';
import { INVITATION_HEADER } from '../draft/headers.ts';
import { ConfigError, describeError, kindOf } from '../errors.ts';
import { appendDraft, fetchMessage, findDraft, resolveDraftsMailbox } from '../imap/mailbox.ts';
import { ImapSession } from '../imap/session.ts';
import { MailboxWatcher } from '../imap/watcher.ts';
import { imapLifecycleMailbox } from '../lifecycle/imapLifecycle.ts';
import { startReconciler } from '../lifecycle/reconciler.ts';
import type { Logger } from '../log.ts';
import {
  DRAFT_QUEUE,
  type DraftJob,
  draftJobId,
  JOB_OPTIONS,
  type JobOutcome,
  MESSAGE_QUEUE,
  type MessageJob,
  messageJobId,
  WORKER_OPTIONS,
} from '../queue/jobs.ts';
import { retryExhaustedJobs } from '../queue/recover.ts';
import { StatusPublisher, statusKey } from '../status/workerStatus.ts';
import { connectRedis } from '../store/connectRedis.ts';
import { accountId, Store } from '../store/store.ts';

export interface RunOptions {
  config: Config;
  /** The file the config came from: edits to it apply without a restart. */
  configPath?: string;
  connection: ConnectionSettings;
  log: Logger;
  once: boolean;
  /** Resolves when the service should stop (a signal); `run` installs one for SIGTERM/SIGINT. */
  stopSignal?: Promise<unknown>;
}

export interface RunSummary {
  queued: number;
  failed: Array<{ job: string; reason: string }>;
  /** Drafts put off by the daily limit, with the reason. */
  deferred: string[];
}

/** DNS for a DKIM key that does not answer in this time tells us nothing; the job goes on. */
const DKIM_TIMEOUT_MS = 5000;

/** How long shutdown waits for an active job before handing it back to the queue. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function runService(options: RunOptions): Promise<RunSummary> {
  const { connection, log } = options;
  let config = options.config;
  const currentConfig = () => config;
  const now = () => new Date();
  const { imap } = connection;
  const account = accountId(imap.user, imap.host, imap.port);
  const prefix = config.redis.prefix;
  const redis = new Redis(connection.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  redis.on('error', (err) => log.warn({ err: { message: err.message } }, 'Redis connection error'));
  const closers: Array<() => Promise<unknown>> = [
    () => redis.quit().catch(() => redis.disconnect()),
  ];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };

  try {
    const connected = await connectRedis(redis, {
      wait: !options.once,
      stop: options.stopSignal,
    });
    if (!connected) return { queued: 0, failed: [], deferred: [] };
    const store = new Store(redis, prefix, account);
    const status = new StatusPublisher(
      redis,
      statusKey(prefix, account),
      config.mailboxes.inbox,
      now(),
    );
    status.start();
    closers.push(() => status.stop());
    const bull = { connection: redis, prefix: `${prefix}:${account}:bull` };
    const messages = new Queue<MessageJob>(MESSAGE_QUEUE, bull);
    const drafts = new Queue<DraftJob>(DRAFT_QUEUE, bull);
    closers.push(
      () => messages.close(),
      () => drafts.close(),
    );

    // Workers block on Redis while waiting for jobs, so each gets a connection of its own.
    const ownConnection = () => {
      const connection = redis.duplicate();
      closers.push(() => connection.quit().catch(() => connection.disconnect()));
      return connection;
    };
    const session = new ImapSession(imap, log);
    closers.push(() => session.close());
    // `run` outlives a refused login or a missing folder at start: it reports and tries again.
    const draftsPath = await retryWithBackoff(
      () => session.run((client) => resolveDraftsMailbox(client, config.mailboxes.drafts)),
      {
        keepTrying: !options.once,
        stop: options.stopSignal,
        onFailure: (err, retryInMs) => {
          log.error(
            { err: { message: describeError(err) }, retryInMs: Math.round(retryInMs) },
            'cannot use the mailbox; retrying',
          );
          status.update({ state: 'retrying', lastError: describeError(err) });
        },
      },
    );
    if (draftsPath === null) return { queued: 0, failed: [], deferred: [] };
    log.info({ drafts: draftsPath }, 'drafts folder');
    // Learns from Drafts and Sent what the user did with each draft; it never sends.
    const reconciler = startReconciler({
      store,
      mailbox: await imapLifecycleMailbox(session, config.mailboxes),
      expireAfterDays: config.drafts.expireAfterDays,
      missingGraceMs: config.drafts.missingGraceSeconds * 1000,
      everyMs: config.drafts.checkEverySeconds * 1000,
      log,
      now,
    });
    closers.push(() => reconciler.stop());

    const failed: RunSummary['failed'] = [];
    const messageWorker = new Worker<MessageJob, JobOutcome>(
      MESSAGE_QUEUE,
      permanentErrorsUnrecoverable(async (job) =>
        (await import('../pipeline/ingestMessage.ts')).ingestMessage(job.data, {
          store,
          fetchMessage: (ref, maxBytes) =>
            session.run((c) => fetchMessage(c, ref.mailbox, ref.uidValidity, ref.uid, maxBytes)),
          verifyDkim: async (raw) =>
            within(
              DKIM_TIMEOUT_MS,
              (await import('../parse/dkim.ts')).verifyLinkedInDkim(raw),
              null,
            ),
          enqueueDraft: async (invitationKey) => {
            await drafts.add(
              'draft',
              { invitationKey },
              { ...JOB_OPTIONS, jobId: draftJobId({ invitationKey }) },
            );
          },
          config: currentConfig,
          log,
          now,
        }),
      ),
      { ...bull, ...WORKER_OPTIONS, connection: ownConnection(), autorun: false },
    );
    const deferred = new Map<string, string>();
    const draftWorker = new Worker<DraftJob, JobOutcome>(
      DRAFT_QUEUE,
      permanentErrorsUnrecoverable(async (job, token) => {
        const outcome = await (await import('../pipeline/writeDraft.ts')).writeDraft(
          job.data.invitationKey,
          {
            store,
            drafts: {
              find: (key) => session.run((c) => findDraft(c, draftsPath, INVITATION_HEADER, key)),
              append: (raw) => session.run((c) => appendDraft(c, draftsPath, raw)),
            },
            config: currentConfig,
            log,
            now,
          },
        );
        deferred.delete(String(job.id));
        if ('done' in outcome) return outcome.done;
        // Put off without counting as a failed attempt (BullMQ's DelayedError).
        log.info(
          { invitation: job.data.invitationKey, until: outcome.until.toISOString() },
          outcome.deferred,
        );
        deferred.set(String(job.id), outcome.deferred);
        await job.moveToDelayed(outcome.until.getTime(), token);
        throw new DelayedError();
      }),
      { ...bull, ...WORKER_OPTIONS, connection: ownConnection(), autorun: false },
    );
    for (const worker of [messageWorker, draftWorker]) {
      worker.on('error', (err) =>
        log.error({ err: { message: err.message } }, 'queue worker error'),
      );
      worker.on('failed', (job, err) => {
        if (!job) return;
        const final =
          job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
        log.error(
          { job: job.id, attempt: job.attemptsMade, final, err: { message: err.message } },
          'job failed',
        );
        if (final) failed.push({ job: String(job.id), reason: err.message });
        status.update({ lastError: err.message });
      });
      closers.push(() => closeWithin(worker, SHUTDOWN_GRACE_MS));
      void worker.run();
    }
    // rules.paused: draft jobs wait in their queue until drafting is resumed.
    const applyPause = (paused: boolean) => {
      if (paused && !draftWorker.isPaused()) {
        void draftWorker.pause();
        log.info('drafting paused (rules.paused)');
      } else if (!paused && draftWorker.isPaused()) {
        draftWorker.resume();
        log.info('drafting resumed');
      }
    };
    applyPause(config.rules.paused);
    const retryExhausted = () =>
      Promise.all([retryExhaustedJobs(messages), retryExhaustedJobs(drafts)])
        .then(([m, d]) => {
          if (m + d > 0)
            log.info({ messages: m, drafts: d }, 'retrying jobs that ran out of attempts');
        })
        .catch((err: Error) =>
          log.warn({ err: { message: err.message } }, 'cannot retry failed jobs'),
        );
    await retryExhausted();

    let queued = 0;
    let wasConnected = false;
    const watcher = new MailboxWatcher({
      settings: imap,
      mailbox: config.mailboxes.inbox,
      store,
      log,
      lookbackDays: config.sync.lookbackDays,
      now,
      onStatus: (watcher) => {
        status.update({
          state: watcher.connected ? 'running' : 'retrying',
          watching: watcher.connected,
          lastSyncAt: watcher.lastSyncAt,
          ...(watcher.lastError ? { lastError: watcher.lastError } : {}),
        });
        if (watcher.connected && !wasConnected) void retryExhausted();
        wasConnected = watcher.connected;
      },
      enqueue: async (refs) => {
        queued += refs.length;
        await messages.addBulk(
          refs.map((ref) => ({
            name: 'message',
            data: ref,
            opts: { ...JOB_OPTIONS, jobId: messageJobId(ref) },
          })),
        );
      },
    });
    closers.push(() => watcher.stop());
    if (options.configPath) {
      const running = config;
      const stopWatching = watchConfig(options.configPath, {
        reloaded(next) {
          if (needsRestart(running, next)) {
            log.warn('connection or mailbox settings changed: they apply after a restart');
          }
          config = next;
          log.info('config reloaded');
          applyPause(next.rules.paused);
        },
        rejected(err) {
          const problems = err instanceof ConfigError ? err.problems : [describeError(err)];
          log.error({ problems }, 'config edit rejected; the previous config stays in force');
        },
      });
      closers.push(async () => stopWatching());
    }
    await watcher.start({ keepTrying: !options.once });

    if (options.once) {
      await drained(config.rules.paused ? [messages] : [messages, drafts]);
      await reconciler.runOnce();
    } else {
      await (options.stopSignal ?? new Promise(() => {}));
      log.info('shutting down');
      status.update({ state: 'stopping' });
    }
    return { queued, failed, deferred: [...deferred.values()] };
  } finally {
    await closeAll();
  }
}

/** Settings a running worker cannot change: it would have to reconnect elsewhere. */
function needsRestart(running: Config, next: Config): boolean {
  const fixed = (c: Config) => JSON.stringify([c.imap, c.redis, c.mailboxes]);
  return fixed(running) !== fixed(next);
}

/** A delayed job due later than this is put off on purpose (daily limit, pause), not retrying. */
const SOON_MS = 60_000;

/**
 * Resolves once no job is waiting, running or about to be retried in any of the queues. Jobs
 * put off until tomorrow or until drafting resumes do not count.
 */
async function drained(queues: Queue[]): Promise<void> {
  for (;;) {
    let pending = 0;
    // In order: a message job queues its draft job before it completes.
    for (const queue of queues) {
      const counts = await queue.getJobCounts(
        'waiting',
        'active',
        'prioritized',
        'waiting-children',
      );
      pending += Object.values(counts).reduce((a, b) => a + b, 0);
      const horizon = Date.now() + SOON_MS;
      // A delayed job is due `delay` ms after its last attempt started.
      pending += (await queue.getDelayed()).filter(
        (job) => (job.processedOn ?? job.timestamp) + job.delay < horizon,
      ).length;
    }
    if (pending === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `promise`'s value, or `fallback` when it takes longer than `ms`. */
async function within<T>(ms: number, promise: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Our permanent errors (malformed input, missing template) must not be retried by BullMQ. */
function permanentErrorsUnrecoverable<T>(
  handler: (job: Job<T>, token?: string) => Promise<JobOutcome>,
) {
  return async (job: Job<T>, token?: string): Promise<JobOutcome> => {
    try {
      return await handler(job, token);
    } catch (err) {
      if (kindOf(err) !== 'retryable') throw new UnrecoverableError(describeError(err));
      throw err;
    }
  };
}

/** Lets an active job finish; past the grace period the worker is closed hard and the job's lock
 * expires, so the queue hands it to the next worker run. */
async function closeWithin(worker: Worker, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), ms);
  });
  const result = await Promise.race([worker.close(), timeout]);
  clearTimeout(timer);
  if (result === 'timeout') await worker.close(true);
}

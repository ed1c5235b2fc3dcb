/**
 * `wherewemet run`: wires the mailbox watcher, the two queue workers and the store together,
 * starts them, and stops them cleanly on SIGTERM/SIGINT. With `once`, it catches up, waits
 * until both queues are drained, and returns. Nothing here can send mail: the only mail
 * operation the workers have is appending to Drafts.
 */
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { retryWithBackoff } from '../src/backoff.ts';
import type { ConnectionSettings } from '../src/config/load.ts';
import type { Config } from '../src/config/schema.ts';
import { INVITATION_HEADER } from '../src/draft/composeDraft.ts';
import { describeError, WherewemetError } from '../src/errors.ts';
import { appendDraft, fetchMessage, findDraft, resolveDraftsMailbox } from '../src/imap/mailbox.ts';
import { ImapSession } from '../src/imap/session.ts';
import { MailboxWatcher } from '../src/imap/watcher.ts';
import type { Logger } from '../src/log.ts';
import { ingestMessage } from '../src/pipeline/ingestMessage.ts';
import { writeDraft } from '../src/pipeline/writeDraft.ts';
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
} from '../src/queue/jobs.ts';
import { retryExhaustedJobs } from '../src/queue/recover.ts';
import { StatusPublisher, statusKey } from '../src/status/workerStatus.ts';
import { connectRedis } from '../src/store/connectRedis.ts';
import { accountId, Store } from '../src/store/store.ts';

export interface RunOptions {
  config: Config;
  connection: ConnectionSettings;
  log: Logger;
  once: boolean;
  /** Resolves when the service should stop (a signal); `run` installs one for SIGTERM/SIGINT. */
  stopSignal?: Promise<unknown>;
}

export interface RunSummary {
  queued: number;
  failed: Array<{ job: string; reason: string }>;
}

/** How long shutdown waits for an active job before handing it back to the queue. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function runService(options: RunOptions): Promise<RunSummary> {
  const { config, connection, log } = options;
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
    if (!connected) return { queued: 0, failed: [] };
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
    if (draftsPath === null) return { queued: 0, failed: [] };
    log.info({ drafts: draftsPath }, 'drafts folder');

    const failed: RunSummary['failed'] = [];
    const messageWorker = new Worker<MessageJob, JobOutcome>(
      MESSAGE_QUEUE,
      permanentErrorsUnrecoverable((job) =>
        ingestMessage(job.data, {
          store,
          fetchMessage: (ref, maxBytes) =>
            session.run((c) => fetchMessage(c, ref.mailbox, ref.uidValidity, ref.uid, maxBytes)),
          enqueueDraft: async (invitationKey) => {
            await drafts.add(
              'draft',
              { invitationKey },
              { ...JOB_OPTIONS, jobId: draftJobId({ invitationKey }) },
            );
          },
          config: () => config,
          log,
          now,
        }),
      ),
      { ...bull, ...WORKER_OPTIONS, connection: ownConnection(), autorun: false },
    );
    const draftWorker = new Worker<DraftJob, JobOutcome>(
      DRAFT_QUEUE,
      permanentErrorsUnrecoverable((job) =>
        writeDraft(job.data.invitationKey, {
          store,
          drafts: {
            find: (key) => session.run((c) => findDraft(c, draftsPath, INVITATION_HEADER, key)),
            append: (raw) => session.run((c) => appendDraft(c, draftsPath, raw)),
          },
          config: () => config,
          log,
          now,
        }),
      ),
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
    await watcher.start({ keepTrying: !options.once });

    if (options.once) {
      await drained([messages, drafts]);
    } else {
      await (options.stopSignal ?? new Promise(() => {}));
      log.info('shutting down');
      status.update({ state: 'stopping' });
    }
    return { queued, failed };
  } finally {
    await closeAll();
  }
}

/** Resolves once no job is waiting, running or due for a retry in any of the queues. */
async function drained(queues: Queue[]): Promise<void> {
  for (;;) {
    let pending = 0;
    // In order: a message job queues its draft job before it completes.
    for (const queue of queues) {
      const counts = await queue.getJobCounts(
        'waiting',
        'active',
        'delayed',
        'prioritized',
        'waiting-children',
      );
      pending += Object.values(counts).reduce((a, b) => a + b, 0);
    }
    if (pending === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Our permanent errors (malformed input, missing template) must not be retried by BullMQ. */
function permanentErrorsUnrecoverable<T>(handler: (job: Job<T>) => Promise<JobOutcome>) {
  return async (job: Job<T>): Promise<JobOutcome> => {
    try {
      return await handler(job);
    } catch (err) {
      if (err instanceof WherewemetError && !err.retryable)
        throw new UnrecoverableError(describeError(err));
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

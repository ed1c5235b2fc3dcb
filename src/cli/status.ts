/**
 * `wherewemet status [--json]` and `wherewemet unparseable [--json]`: what the worker is doing,
 * read from Redis (the worker publishes its status there; see src/status/workerStatus.ts), so
 * they work whether or not the worker runs, and never touch the mailbox.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig, requireConnection } from '../config/load.ts';
import { RedisUnavailableError } from '../errors.ts';
import { DRAFT_QUEUE, MESSAGE_QUEUE } from '../queue/jobs.ts';
import {
  isConnected,
  type PublishedStatus,
  readStatus,
  statusKey,
} from '../status/workerStatus.ts';
import { accountId, Store } from '../store/store.ts';
import { fail } from './output.ts';

const COUNTED = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
type QueueCounts = Record<(typeof COUNTED)[number], number>;

export interface StatusReport {
  account: string;
  mailbox: string;
  connected: boolean;
  worker: PublishedStatus | null;
  lastSyncAt: string | null;
  lastError: string | null;
  backlog: { messages: QueueCounts; drafts: QueueCounts };
  draftsPending: number;
  unparseable: number;
}

export async function statusCommand(options: { json: boolean; configPath: string }) {
  await withStore(options.configPath, async ({ redis, store, prefix, account, mailbox }) => {
    const report = await buildReport(redis, store, prefix, account, mailbox);
    process.stdout.write(
      options.json ? `${JSON.stringify(report)}\n` : describeReport(report, new Date()),
    );
  });
}

export async function unparseableCommand(options: { json: boolean; configPath: string }) {
  await withStore(options.configPath, async ({ store }) => {
    for (const item of await store.unparseable()) {
      process.stdout.write(
        options.json
          ? `${JSON.stringify(item)}\n`
          : `${item.at}  ${item.mailbox} uid ${item.uid} (uidvalidity ${item.uidValidity}): ${item.reason}\n`,
      );
    }
  });
}

interface Context {
  redis: Redis;
  store: Store;
  prefix: string;
  account: string;
  mailbox: string;
}

async function withStore(configPath: string, fn: (ctx: Context) => Promise<void>) {
  let redis: Redis | undefined;
  try {
    const config = await loadConfig(configPath);
    const { imap, redisUrl } = requireConnection(config);
    const account = accountId(imap.user, imap.host, imap.port);
    const prefix = config.redis.prefix;
    redis = new Redis(redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined); // reported once, below
    await redis.connect().catch((err: Error) => {
      throw new RedisUnavailableError(`${redis?.options.host}:${redis?.options.port}`, err.message);
    });
    const store = new Store(redis, prefix, account);
    await fn({ redis, store, prefix, account, mailbox: config.mailboxes.inbox });
  } catch (err) {
    fail(err);
  } finally {
    redis?.disconnect();
  }
}

async function buildReport(
  redis: Redis,
  store: Store,
  prefix: string,
  account: string,
  mailbox: string,
): Promise<StatusReport> {
  const worker = await readStatus(redis, statusKey(prefix, account));
  const bull = { connection: redis, prefix: `${prefix}:${account}:bull` };
  const counts = async (name: string): Promise<QueueCounts> => {
    const queue = new Queue(name, bull);
    try {
      const c = await queue.getJobCounts(...COUNTED);
      return Object.fromEntries(COUNTED.map((s) => [s, c[s] ?? 0])) as QueueCounts;
    } finally {
      await queue.close();
    }
  };
  let draftsPending = 0;
  for (const key of await store.invitationKeys()) {
    if ((await store.getInvitation(key))?.draftStatus === 'queued') draftsPending++;
  }
  return {
    account,
    mailbox,
    connected: isConnected(worker, new Date()),
    worker,
    lastSyncAt: worker?.lastSyncAt ?? null,
    lastError: worker?.lastError ?? null,
    backlog: { messages: await counts(MESSAGE_QUEUE), drafts: await counts(DRAFT_QUEUE) },
    draftsPending,
    unparseable: (await store.unparseable()).length,
  };
}

function describeReport(r: StatusReport, now: Date): string {
  const ago = (iso: string) => `${Math.round((now.getTime() - Date.parse(iso)) / 1000)} s ago`;
  const worker = !r.worker
    ? 'never ran'
    : r.connected
      ? `connected (pid ${r.worker.pid}, heartbeat ${ago(r.worker.heartbeatAt)})`
      : r.worker.state === 'stopped'
        ? `stopped ${ago(r.worker.heartbeatAt)}`
        : isConnected({ ...r.worker, watching: true }, now)
          ? `running, not connected: ${r.worker.state} (pid ${r.worker.pid})`
          : `not running (last heartbeat ${ago(r.worker.heartbeatAt)})`;
  const counts = (c: QueueCounts) =>
    `${c.waiting} waiting, ${c.active} active, ${c.delayed} to retry, ${c.failed} failed`;
  const lines = [
    `account      ${r.account}`,
    `mailbox      ${r.mailbox}`,
    `worker       ${worker}`,
    `last sync    ${r.lastSyncAt ? `${r.lastSyncAt} (${ago(r.lastSyncAt)})` : 'never'}`,
    `backlog      messages: ${counts(r.backlog.messages)}`,
    `             drafts: ${counts(r.backlog.drafts)}`,
    `drafts due   ${r.draftsPending}`,
    `last error   ${r.lastError ? `${r.lastError}${r.worker?.lastErrorAt ? ` (${ago(r.worker.lastErrorAt)})` : ''}` : 'none'}`,
    `unparseable  ${r.unparseable}${r.unparseable > 0 ? ' (wherewemet unparseable lists them)' : ''}`,
  ];
  return `${lines.join('\n')}\n`;
}

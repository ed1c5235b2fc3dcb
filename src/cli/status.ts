/**
 * `wherewemet status [--json]` and `wherewemet unparseable [--json]`, for every account (or one,
 * with --account): read from Redis, where the working process publishes each account's status
 * (src/status/accountStatus.ts), so they work whether or not a worker runs and never touch a
 * mailbox. `status` exits 1 when an account is not connected, so it serves as a healthcheck.
 */
import { type Account, pickAccount, redisTargetOf, resolveAccounts } from '../config/accounts.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { createLogger } from '../log.ts';
import { retryKindOf, retryNote } from '../pipeline/retryPolicy.ts';
import { draftQueueAt } from '../queue/draftQueues.ts';
import { type AccountStatus, isConnected, readStatus } from '../status/accountStatus.ts';
import { AnswerStore } from '../store/answers.ts';
import { connectCommandRedis } from '../store/connectRedis.ts';
import { RedisLeaseStore } from '../store/leaseStore.ts';
import type { RedisClient } from '../store/redisClient.ts';
import { SendingRecords } from '../store/sending.ts';
import { Store } from '../store/store.ts';
import { fail, print, printJson } from '../terminal/output.ts';

export interface AccountReport {
  account: string;
  mailbox: string;
  connected: boolean;
  /** The process that works the account now, from its lease. */
  owner: { host: string; pid: number; since: string } | null;
  status: AccountStatus | null;
  lastSyncAt: string | null;
  lastError: string | null;
  /** When blocked: what to do. */
  fix: string | null;
  /** Drafts waiting for the user's decision: in Drafts, or held by an approval that may have sent. */
  waitingForYou: number;
  /** Of those, approvals whose outcome is not known ("may have been sent": check Sent). */
  mayHaveBeenSent: number;
  /** Strangers' answers to our question that wait for your decision (accept or ignore). */
  answersWaiting: number;
  /** Drafts still to be written: queued, being written, or put off (daily limit, retries). */
  toBeWritten: { waiting: number; active: number; delayed: number };
  unparseable: number;
  /** Invitations held without a draft until their text is placed (see `drafts`). */
  unsure: number;
}

interface Options {
  json: boolean;
  configPath: string;
  account?: string;
}

export async function statusCommand(options: Options): Promise<void> {
  await withAccounts(options, async (redis, config, accounts) => {
    const now = new Date();
    const reports = await Promise.all(accounts.map((a) => report(redis, config, a, now)));
    const connected = reports.every((r) => r.connected);
    if (options.json) printJson({ connected, accounts: reports });
    else print(reports.map((r) => describe(r, now)).join('\n'));
    // A healthcheck: not connected, or connected but waiting for a person (Drafts folder gone).
    if (!connected || reports.some((r) => r.status?.state === 'blocked')) process.exitCode = 1;
  });
}

export async function unparseableCommand(options: Options): Promise<void> {
  await withAccounts(options, async (redis, config, accounts) => {
    let count = 0;
    for (const account of accounts) {
      const store = new Store(redis, config.redis.prefix, account.id);
      for (const item of await store.unparseable()) {
        count++;
        if (options.json) printJson({ account: account.id, ...item, retry: retryKindOf(item) });
        else
          print(
            `${item.at}  ${account.id}  ${item.mailbox} uid ${item.uid}  from ${item.from ?? '?'}  "${item.subject ?? ''}"  ${item.date ? `(sent ${item.date})` : ''}\n    ${item.reason}\n    ${retryNote(item)}\n`,
          );
      }
    }
    // Silence would read as a command that did nothing; --json stays one line per message.
    if (count === 0 && !options.json) process.stdout.write('no unreadable messages\n');
  });
}

export async function withAccounts(
  options: Options,
  fn: (redis: RedisClient, config: Config, accounts: Account[]) => Promise<void>,
) {
  let redis: RedisClient | undefined;
  try {
    const config = await loadConfig(options.configPath);
    const all = resolveAccounts(config);
    const accounts = options.account === undefined ? all : [pickAccount(all, options.account)];
    redis = await connectCommandRedis(redisTargetOf(config), createLogger());
    await fn(redis, config, accounts);
  } catch (err) {
    fail(err);
  } finally {
    redis?.disconnect();
  }
}

async function report(
  redis: RedisClient,
  config: Config,
  account: Account,
  now: Date,
): Promise<AccountReport> {
  const prefix = config.redis.prefix;
  const store = new Store(redis, prefix, account.id);
  const status = await readStatus(redis, prefix, account.id);
  const lease = await new RedisLeaseStore(redis, prefix).owner(account.id);
  const queue = draftQueueAt({ redis, prefix, account: account.id });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    const unsettled = await new SendingRecords(redis, prefix, account.id).unsettled();
    return {
      account: account.id,
      mailbox: `${account.imap.user} at ${account.imap.host}:${account.imap.port}, ${account.mailboxes.inbox}`,
      connected: isConnected(
        status,
        lease?.owner ?? null,
        now,
        3 * config.lease.heartbeatSeconds * 1000,
      ),
      owner: lease ? { host: lease.host, pid: lease.pid, since: lease.since } : null,
      status,
      lastSyncAt: status?.lastSyncAt ?? null,
      lastError: status?.lastError ?? null,
      fix: status?.fix ?? null,
      waitingForYou: (await store.pendingCount()) + unsettled.length,
      mayHaveBeenSent: unsettled.length,
      answersWaiting: await new AnswerStore(redis, prefix, account.id).waitingCount(),
      toBeWritten: {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
      },
      unparseable: (await store.unparseable()).length,
      unsure: await store.unsureCount(),
    };
  } finally {
    await queue.close();
  }
}

function describe(r: AccountReport, now: Date): string {
  const ago = (iso: string) => `${Math.round((now.getTime() - Date.parse(iso)) / 1000)} s ago`;
  const s = r.status;
  const owner = r.owner ? `${r.owner.host}, pid ${r.owner.pid}, since ${r.owner.since}` : null;
  const worker =
    s?.state === 'blocked'
      ? `blocked: ${r.lastError}${r.connected ? ` (still watching the mailbox; ${owner})` : ''}`
      : r.connected
        ? `connected (${owner}; heartbeat ${s ? ago(s.heartbeatAt) : '?'})`
        : !s
          ? 'never ran'
          : owner && s.state !== 'stopped'
            ? `not connected: ${s.state} (${owner})`
            : `not running (last heartbeat ${ago(s.heartbeatAt)})`;
  const w = r.toBeWritten;
  const lines = [
    `account          ${r.account} (${r.mailbox})`,
    `worker           ${worker}`,
    ...(r.fix ? [`what to do       ${r.fix}`] : []),
    `last sync        ${r.lastSyncAt ? `${r.lastSyncAt} (${ago(r.lastSyncAt)})` : 'never'}`,
    `waiting for you  ${r.waitingForYou} draft${r.waitingForYou === 1 ? '' : 's'}${r.mayHaveBeenSent > 0 ? ` (${r.mayHaveBeenSent} may have been sent: see wherewemet drafts)` : ''}`,
    `answers          ${r.answersWaiting} waiting for you${r.answersWaiting > 0 ? ' (wherewemet drafts lists them; accept or ignore on LinkedIn)' : ''}`,
    `to be written    ${w.waiting + w.active + w.delayed}${w.delayed > 0 ? ` (${w.delayed} put off or retrying)` : ''}`,
    `last error       ${r.lastError ? `${r.lastError}${s?.lastErrorAt ? ` (${ago(s.lastErrorAt)})` : ''}` : 'none'}`,
    `unparseable      ${r.unparseable}${r.unparseable > 0 ? ' (wherewemet unparseable lists them)' : ''}`,
    `unsure           ${r.unsure}${r.unsure > 0 ? ' (held without a draft until their text is placed: wherewemet drafts, or the review page)' : ''}`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The service behind `wherewemet run`: Redis, the process's leases and the account units. With
 * `once`, it takes every account it can, catches up, waits until the drafts are written and the
 * decisions reconciled, and returns; otherwise the supervisor keeps its share of the accounts
 * until `stopSignal`. Nothing here can send mail: the only mail operation is appending to Drafts.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { within } from '../backoff.ts';
import {
  type Account,
  type RedisTarget,
  redisTargetOf,
  resolveAccounts,
} from '../config/accounts.ts';
import type { Config } from '../config/schema.ts';
import { watchConfig } from '../config/watch.ts';
import { BlockedError, ConfigError, describeError } from '../errors.ts';
import { Events } from '../events.ts';
import type { Logger } from '../log.ts';
import { draftBacklog } from '../queue/draftQueue.ts';
import { repeat } from '../repeat.ts';
import { type AccountStatus, StatusBoard } from '../status/accountStatus.ts';
import { connectRedis } from '../store/connectRedis.ts';
import { requireNoEviction } from '../store/evictionPolicy.ts';
import { type Lease, type LeaseOwner, RedisLeaseStore } from '../store/leaseStore.ts';
import { createRedis, describeTarget, type RedisClient } from '../store/redisClient.ts';
import { checkReplicas } from '../store/replicas.ts';
import { Store } from '../store/store.ts';
import { type AccountServices, type AccountUnit, startAccount } from './account.ts';
import { logEvents } from './logEvents.ts';
import { Supervisor } from './supervisor.ts';

export interface RunOptions {
  config: Config;
  /** The file the config came from: edits to it apply without a restart. */
  configPath?: string;
  log: Logger;
  once: boolean;
  /** Resolves when the service should stop (a signal). */
  stopSignal?: Promise<unknown>;
  /** The Redis to use instead of the config's (the one `run` started: src/store/localRedis.ts). */
  redis?: RedisTarget;
  /** While true for an account, its per-invitation log lines are debug (a progress display sums them up). */
  quietLog?(account: string): boolean;
  /** Subscribers of the service's events beyond the log (metrics, progress). */
  subscribe?(events: Events, view: ServiceView): void;
}

/** Read-only views of the service's state, for subscribers (metrics). */
export interface ServiceView {
  /** The accounts this process works now, as `status` sees them. */
  accounts(): Array<Pick<AccountStatus, 'account' | 'state' | 'watching'>>;
  /** Drafts still to be written in the account's queue. */
  draftBacklog(account: string): Promise<number>;
  /** Invitations held as unsure, without a draft until their text is placed. */
  unsureCount?(account: string): Promise<number>;
}

export interface RunSummary {
  /** Accounts `run --once` could not work, with the reason. */
  failed: Array<{ account: string; reason: string }>;
  /** Accounts left alone because another process works them. */
  skipped: Array<{ account: string; owner: string }>;
}

/** DNS for a DKIM key that does not answer in this time tells us nothing; the job goes on. */
const DKIM_TIMEOUT_MS = 5000;

export async function runService(options: RunOptions): Promise<RunSummary> {
  const { log } = options;
  const current: Current = {
    config: options.config,
    accounts: resolveAccounts(options.config),
  };
  const target = options.redis ?? redisTargetOf(current.config);
  const redis = createRedis(target, 'service');
  const where = describeTarget(target);
  redis.on('error', (err) => log.warn({ err: err.message }, `Redis at ${where}: connection error`));
  const summary: RunSummary = { failed: [], skipped: [] };
  const closers: Array<() => Promise<unknown>> = [
    () => redis.quit().catch(() => redis.disconnect()),
  ];
  try {
    if (!(await connectRedis(redis, { where, wait: !options.once, stop: options.stopSignal })))
      return summary;
    const { events, board } = await startStatusBoard(redis, current, options, closers);
    await checkReplicas(redis, log);
    const config = current.config;
    let supervisor: Supervisor | null = null;
    /** `run --once`: accounts whose lease ran out or was taken while this process worked them. */
    const lostOnce = new Set<string>();
    const services: AccountServices = {
      redis,
      config: () => current.config,
      events,
      statusBoard: board,
      log,
      now: () => new Date(),
      verifyDkim: async (raw) => {
        const { verifyLinkedInDkim } = await import('../dns/dkim.ts');
        return within(DKIM_TIMEOUT_MS, verifyLinkedInDkim(raw), null);
      },
      leaseLost: (id) => (supervisor ? supervisor.leaseLost(id) : lostOnce.add(id)),
    };
    const work: Work = {
      current,
      leases: new RedisLeaseStore(redis, config.redis.prefix),
      me: thisProcess(),
      leaseMs: config.lease.seconds * 1000,
      heartbeatMs: config.lease.heartbeatSeconds * 1000,
      services,
      log,
    };
    if (options.once) return await runOnce(work, lostOnce, summary);

    const running = startSupervisor(work, closers);
    supervisor = running;
    if (options.configPath)
      closers.push(watchConfigEdits(options.configPath, current, running, log));
    await (options.stopSignal ?? new Promise(() => {}));
    log.info('shutting down');
    return summary;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
}

/** The config in force and its accounts; an accepted edit replaces both. */
interface Current {
  config: Config;
  accounts: Account[];
}

/** What working the accounts needs, once Redis answers. */
interface Work {
  current: Current;
  leases: RedisLeaseStore;
  me: LeaseOwner;
  leaseMs: number;
  heartbeatMs: number;
  services: AccountServices;
  log: Logger;
}

/**
 * The events (logged, and given to subscribers) and the status board that `status` reads, which
 * says so for every account when Redis may evict keys.
 */
async function startStatusBoard(
  redis: RedisClient,
  current: Current,
  options: RunOptions,
  closers: Array<() => Promise<unknown>>,
) {
  const { config, accounts } = current;
  const { log } = options;
  const prefix = config.redis.prefix;
  const events = new Events((err) =>
    log.warn({ err: describeError(err) }, 'event subscriber failed'),
  );
  logEvents(events, log, options.quietLog);
  const board = new StatusBoard(redis, prefix, config.lease.heartbeatSeconds * 1000);
  options.subscribe?.(events, {
    accounts: () => board.held(),
    draftBacklog: (account) => draftBacklog({ redis, prefix, account }),
    unsureCount: (account) => new Store(redis, prefix, account).unsureCount(),
  });
  board.start();
  closers.push(() => board.stop());
  await refuseEviction(redis, config, accounts, board);
  return { events, board };
}

/** This process as a lease owner: host, pid and a random tag (a pid can be reused). */
function thisProcess(): LeaseOwner {
  return {
    owner: `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`,
    host: hostname(),
    pid: process.pid,
    since: new Date().toISOString(),
  };
}

/**
 * `run --once`: takes every account no other process works, catches up, waits until its work is
 * done, and says which accounts failed or were left alone.
 */
async function runOnce(
  work: Work,
  lostOnce: Set<string>,
  summary: RunSummary,
): Promise<RunSummary> {
  const { leases, leaseMs, log } = work;
  const units: AccountUnit[] = [];
  // Renewed like any owner's from the moment it is taken (the first catch-up may take longer
  // than a lease), so that a --once that dies frees its accounts within leaseMs.
  const held = new Map<string, Lease>();
  const renewal = repeat(
    work.heartbeatMs,
    () =>
      Promise.allSettled(
        [...held.values()].map(async (lease) => {
          if (!(await leases.renew(lease, leaseMs))) lostOnce.add(lease.account);
        }),
      ),
    () => undefined,
  );
  try {
    for (const account of work.current.accounts) {
      const lease = await acquireForOnce(leases, account.id, work.me, leaseMs);
      if ('busy' in lease) {
        log.warn(
          { account: account.id, owner: lease.busy },
          'worked by another process: left alone',
        );
        summary.skipped.push({ account: account.id, owner: lease.busy });
        continue;
      }
      held.set(account.id, lease);
      try {
        units.push(await startAccount(account, lease, work.services, { once: true }));
      } catch (err) {
        held.delete(account.id);
        await leases.release(lease).catch(() => undefined);
        summary.failed.push({ account: account.id, reason: describeError(err) });
      }
    }
    const settled = await Promise.allSettled(units.map((u) => u.settle()));
    settled.forEach((result, i) => {
      const account = units[i]?.id ?? '?';
      if (lostOnce.has(account))
        summary.failed.push({
          account,
          reason:
            'its lease ran out or was taken over before the work was done (see lease.seconds); what is left stays queued for the next run',
        });
      else if (result.status === 'rejected')
        summary.failed.push({ account, reason: describeError(result.reason) });
    });
  } finally {
    clearInterval(renewal);
    for (const unit of units) {
      await unit.stop();
      await leases.release(unit.lease).catch(() => undefined);
    }
  }
  return summary;
}

/** The long-running service: the supervisor keeps this process's share of the accounts. */
function startSupervisor(work: Work, closers: Array<() => Promise<unknown>>): Supervisor {
  const running = new Supervisor({
    accounts: () => work.current.accounts,
    leases: work.leases,
    me: work.me,
    leaseMs: work.leaseMs,
    heartbeatMs: work.heartbeatMs,
    startUnit: (account, lease) => startAccount(account, lease, work.services, { once: false }),
    log: work.log,
  });
  running.start();
  closers.push(() => running.stop());
  return running;
}

/**
 * Applies edits of the config file without a restart (Redis settings excepted); an edit that
 * does not hold leaves the previous config in force. Returns what stops watching.
 */
function watchConfigEdits(
  path: string,
  current: Current,
  running: Supervisor,
  log: Logger,
): () => Promise<void> {
  const stopWatching = watchConfig(path, {
    reloaded(next) {
      let nextAccounts: Account[];
      try {
        nextAccounts = resolveAccounts(next);
      } catch (err) {
        log.error(
          { problems: problemsOf(err) },
          'config edit rejected; the previous config stays in force',
        );
        return;
      }
      if (JSON.stringify(next.redis) !== JSON.stringify(current.config.redis))
        log.warn('redis settings changed: they apply after a restart');
      const previous = current.accounts;
      current.config = next;
      current.accounts = nextAccounts;
      log.info('config reloaded');
      void running.reload(previous);
    },
    rejected(err) {
      log.error(
        { problems: problemsOf(err) },
        'config edit rejected; the previous config stays in force',
      );
    },
  });
  return async () => stopWatching();
}

/**
 * The account's lease for `run --once`, which does not join the registry (the running processes
 * must not hand it accounts). A lease whose owner renews it is a live process's, and is left to
 * it; one left behind by a process that died runs out within `leaseMs`, and is waited for.
 */
async function acquireForOnce(
  leases: RedisLeaseStore,
  account: string,
  me: LeaseOwner,
  leaseMs: number,
): Promise<Lease | { busy: string }> {
  let last: number | null = null;
  for (;;) {
    const lease = await leases.acquire(account, me, leaseMs);
    if (lease) return lease;
    const remaining = await leases.remaining(account);
    if (remaining !== null && last !== null && remaining > last)
      return { busy: (await leases.owner(account))?.owner ?? 'another process' };
    last = remaining;
    await new Promise((r) => setTimeout(r, Math.min(100, leaseMs / 10)));
  }
}

/** Redis that may evict keys: every account says so in `status` (written as the board stops). */
async function refuseEviction(
  redis: RedisClient,
  config: Config,
  accounts: Account[],
  board: StatusBoard,
) {
  try {
    await requireNoEviction(redis, config.redis.allowEviction);
  } catch (err) {
    if (!(err instanceof BlockedError)) throw err;
    for (const account of accounts) {
      board.set({
        account: account.id,
        state: 'blocked',
        owner: '',
        host: hostname(),
        pid: process.pid,
        ownerSince: '',
        heartbeatAt: '',
        watching: false,
        lastSyncAt: null,
        lastError: err.message,
        lastErrorAt: null,
        fix: err.fix,
      });
    }
    throw err;
  }
}

function problemsOf(err: unknown): string[] {
  return err instanceof ConfigError ? err.problems : [describeError(err)];
}

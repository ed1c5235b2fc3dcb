/**
 * Writes a person or a worker relies on (a decision, a draft claim, a send record) wait until a
 * replica has them: a failover right after "discarded" must not bring the draft back, nor a lost
 * claim let a second worker write the same draft. Redis' WAIT after the write, on the connection
 * that wrote it, bounded by REPLICA_WAIT_MS; the write is on the primary either way, so a timeout
 * is logged, never the person's action failed.
 *
 * Whether there is a replica is found per client, and said when it changes: once at start when
 * there is none (then nothing waits), and again after a failover. A WAIT no replica answered asks
 * again at the next durable write, so a promoted replica without one of its own costs one bounded
 * wait, not one per write; with none, it is asked again every REPLICA_RECHECK_MS, so the old
 * primary coming back as a replica is waited for again. The service asks, and says, at start; a
 * command asks at its first such write and says nothing of it.
 */
import { Cluster } from 'ioredis';
import { describeError } from '../errors.ts';
import { createLogger, type Logger } from '../log.ts';
import { addressOf, primaries, type RedisClient } from './redisClient.ts';

/** Long enough for a replica on the same network (well under a millisecond), short for a page. */
export const REPLICA_WAIT_MS = 500;

/** How long an answer on replicas holds before it is asked again (one INFO per primary). */
export const REPLICA_RECHECK_MS = 30_000;

/** What was written, for the log: never a key's contents. */
export type DurableWrite = 'decision' | 'claim' | 'send' | 'undo';

interface ReplicaCheck {
  log: Logger;
  recheckMs: number;
  /** Say whether there is a replica: the service does, at start; a command does not. */
  announce: boolean;
  replicated?: Promise<boolean>;
  askedAt?: number;
  /** What was last said, so that it is said again only when it changes. */
  said?: boolean;
}

const checks = new WeakMap<RedisClient, ReplicaCheck>();

/**
 * Where this client's warnings go, and whether it says if there is a replica: a command that
 * decides would repeat it at every discard, which `run` says once at start.
 */
export function reportReplicasTo(
  redis: RedisClient,
  log: Logger,
  options: { announce: boolean; recheckMs?: number },
): void {
  checkOf(redis, log, options);
}

/** This client's check, made at its first use: by reportReplicasTo, else as the service's. */
function checkOf(
  redis: RedisClient,
  log: Logger,
  { announce = true, recheckMs = REPLICA_RECHECK_MS }: { announce?: boolean; recheckMs?: number },
): ReplicaCheck {
  const made = checks.get(redis);
  if (made) return made;
  const check: ReplicaCheck = { log, recheckMs, announce };
  checks.set(redis, check);
  return check;
}

/**
 * Whether every primary has a replica: asked on the first call for this client, after a WAIT no
 * replica answered, and every REPLICA_RECHECK_MS; in between, later calls answer the same.
 */
export function checkReplicas(redis: RedisClient, log: Logger): Promise<boolean> {
  const check = checkOf(redis, log, {});
  if (check.replicated && Date.now() - (check.askedAt ?? 0) < check.recheckMs)
    return check.replicated;
  check.askedAt = Date.now();
  // A failed check is not remembered: the next durable write asks again.
  check.replicated = findReplicas(redis, check).catch((err: unknown) => {
    delete check.replicated;
    throw err;
  });
  return check.replicated;
}

/**
 * Waits until a replica has this connection's writes so far. `key`: one the write touched, so
 * that in a cluster the WAIT reaches the primary (and the connection) that took it. Never fails:
 * the write is done, and the person's action stands.
 */
export async function waitForReplica(
  redis: RedisClient,
  key: string,
  what: { account: string; write: DurableWrite },
): Promise<void> {
  const log = checks.get(redis)?.log ?? createLogger();
  const about = { account: what.account, write: what.write };
  try {
    if (!(await checkReplicas(redis, log))) return;
    if ((await sendWait(redis, key)) >= 1) return;
    delete checks.get(redis)?.replicated; // the replica may be gone (a failover): ask again
    log.warn(
      { ...about, waitedMs: REPLICA_WAIT_MS },
      'no replica confirmed the write in time: it is on the primary only for now',
    );
  } catch (err) {
    log.warn({ ...about, err: describeError(err) }, 'could not wait for a replica after the write');
  }
}

async function findReplicas(redis: RedisClient, check: ReplicaCheck): Promise<boolean> {
  const without: string[] = [];
  for (const server of primaries(redis)) {
    const info = await server.info('replication');
    const replicas = Number(/^connected_slaves:(\d+)/m.exec(info)?.[1] ?? 0);
    if (replicas === 0) without.push(addressOf(server));
  }
  const replicated = without.length === 0;
  if (!check.announce || replicated === (check.said ?? true)) return replicated;
  check.said = replicated;
  if (replicated)
    check.log.info('a replica is back: decisions, claims and send records wait for it');
  else
    check.log.info(
      { redis: without },
      'no replica: decisions, draft claims and send records are not copied before they are confirmed',
    );
  return replicated;
}

/**
 * WAIT names no key, so a cluster would send it to any node: in a pipeline with a read of `key`,
 * it goes to the key's primary, on the connection the write went through.
 */
async function sendWait(redis: RedisClient, key: string): Promise<number> {
  if (!(redis instanceof Cluster)) return Number(await redis.call('WAIT', 1, REPLICA_WAIT_MS));
  const replies = await redis.pipeline().exists(key).call('WAIT', 1, REPLICA_WAIT_MS).exec();
  const [, wait] = replies ?? [];
  if (wait?.[0]) throw wait[0];
  return Number(wait?.[1] ?? 0);
}

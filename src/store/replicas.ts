/**
 * Writes a person or a worker relies on (a decision, a draft claim, a send record) wait until a
 * replica has them: a failover right after "discarded" must not bring the draft back, nor a lost
 * claim let a second worker write the same draft. Redis' WAIT after the write, on the connection
 * that wrote it, bounded by REPLICA_WAIT_MS; the write is on the primary either way, so a timeout
 * is logged, never the person's action failed.
 *
 * Whether there is a replica is found once per client (each primary of a cluster must have one),
 * and said once when there is none; then nothing waits. The service finds it at start; a command
 * at its first such write, so that listing drafts says nothing about it.
 */
import { Cluster } from 'ioredis';
import { describeError } from '../errors.ts';
import { createLogger, type Logger } from '../log.ts';
import { addressOf, primaries, type RedisClient } from './redisClient.ts';

/** Long enough for a replica on the same network (well under a millisecond), short for a page. */
export const REPLICA_WAIT_MS = 500;

/** What was written, for the log: never a key's contents. */
export type DurableWrite = 'decision' | 'claim' | 'send' | 'undo';

interface ReplicaCheck {
  log: Logger;
  replicated?: Promise<boolean>;
}

const checks = new WeakMap<RedisClient, ReplicaCheck>();

/** Where this client's word on replicas goes, found at its first durable write. */
export function reportReplicasTo(redis: RedisClient, log: Logger): void {
  if (!checks.has(redis)) checks.set(redis, { log });
}

/**
 * Whether every primary has a replica; found on the first call for this client, which logs once
 * when one has none. Later calls answer the same.
 */
export function checkReplicas(redis: RedisClient, log: Logger): Promise<boolean> {
  const check = checks.get(redis) ?? { log };
  checks.set(redis, check);
  // A failed check is not remembered: the next durable write asks again.
  check.replicated ??= findReplicas(redis, check.log).catch((err: unknown) => {
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
    log.warn(
      { ...about, waitedMs: REPLICA_WAIT_MS },
      'no replica confirmed the write in time: it is on the primary only for now',
    );
  } catch (err) {
    log.warn({ ...about, err: describeError(err) }, 'could not wait for a replica after the write');
  }
}

async function findReplicas(redis: RedisClient, log: Logger): Promise<boolean> {
  const without: string[] = [];
  for (const server of primaries(redis)) {
    const info = await server.info('replication');
    const replicas = Number(/^connected_slaves:(\d+)/m.exec(info)?.[1] ?? 0);
    if (replicas === 0) without.push(addressOf(server));
  }
  if (without.length === 0) return true;
  log.info(
    { redis: without },
    'no replica: decisions, draft claims and send records are not copied before they are confirmed',
  );
  return false;
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

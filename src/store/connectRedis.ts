/**
 * Connects Redis clients (made by redisClient.ts). The service's: `run --once` fails at once when
 * Redis is down; `run` waits for it instead: ioredis keeps reconnecting (every 2 s at most), the
 * caller logs each failed attempt, and the queues start once Redis is there. A command's fails
 * at once.
 */
import type { RedisTarget } from '../config/accounts.ts';
import { RedisUnavailableError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { createRedis, describeTarget, failureOf, type RedisClient } from './redisClient.ts';
import { reportReplicasTo } from './replicas.ts';

/** Resolves true once connected, false when `stop` settles first (only when waiting). */
export async function connectRedis(
  redis: RedisClient,
  options: { where: string; wait: boolean; stop?: Promise<unknown> },
): Promise<boolean> {
  // ioredis rejects with "Connection is closed"; the cause is in the error event before it.
  let cause: string | null = null;
  const noteCause = (err: Error) => {
    cause ??= failureOf(redis, err);
  };
  redis.on('error', noteCause);
  const connecting = redis
    .connect()
    .catch((err: Error) => {
      throw new RedisUnavailableError(options.where, cause ?? failureOf(redis, err), err);
    })
    .finally(() => redis.off('error', noteCause));
  if (!options.wait) {
    await connecting;
    return true;
  }
  connecting.catch(() => undefined);
  return new Promise<boolean>((resolve) => {
    if (redis.status === 'ready') resolve(true);
    redis.once('ready', () => resolve(true));
    void options.stop?.then(() => resolve(false));
  });
}

/**
 * A command's Redis client (drafts, approve, serve, status…): one attempt, no reconnecting, so a
 * Redis that is down fails the command at once with a RedisUnavailableError. Whether Redis has a
 * replica is not said (`run` says it at start); a decision that no replica confirmed in time is
 * a warning on `log` (replicas.ts).
 */
export async function connectCommandRedis(target: RedisTarget, log: Logger): Promise<RedisClient> {
  const redis = createRedis(target, 'command');
  redis.on('error', (err) => log.debug({ err: { message: err.message } }, 'Redis error'));
  await redis.connect().catch((err: Error) => {
    redis.disconnect();
    throw new RedisUnavailableError(describeTarget(target), failureOf(redis, err), err);
  });
  reportReplicasTo(redis, log, { announce: false });
  return redis;
}

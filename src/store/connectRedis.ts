/**
 * Connects the service's Redis client. `run --once` fails at once when Redis is down; `run`
 * waits for it instead: ioredis keeps reconnecting (every 2 s at most), the caller logs each
 * failed attempt, and the queues start once Redis is there.
 */
import type { Redis } from 'ioredis';
import { RedisUnavailableError } from '../errors.ts';

/** Resolves true once connected, false when `stop` settles first (only when waiting). */
export async function connectRedis(
  redis: Redis,
  options: { wait: boolean; stop?: Promise<unknown> },
): Promise<boolean> {
  // ioredis rejects with "Connection is closed"; the cause is in the error event before it.
  let cause: string | null = null;
  const noteCause = (err: Error) => {
    cause ??= err.message;
  };
  redis.on('error', noteCause);
  const connecting = redis
    .connect()
    .catch((err: Error) => {
      const where = `${redis.options.host}:${redis.options.port}`;
      throw new RedisUnavailableError(where, cause ?? err.message, err);
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

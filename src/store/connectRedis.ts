/**
 * Connects the service's Redis client. `run --once` fails at once when Redis is down; `run`
 * waits for it instead: ioredis keeps reconnecting (every 2 s at most), the caller logs each
 * failed attempt, and the queues start once Redis is there.
 */
import type { Redis } from 'ioredis';
import { WherewemetError } from '../errors.ts';

/** Resolves true once connected, false when `stop` settles first (only when waiting). */
export async function connectRedis(
  redis: Redis,
  options: { wait: boolean; stop?: Promise<unknown> },
): Promise<boolean> {
  const connecting = redis.connect().catch((err: Error) => {
    throw new WherewemetError('REDIS_UNAVAILABLE', `Redis unavailable: ${err.message}`, {
      retryable: true,
      cause: err,
    });
  });
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

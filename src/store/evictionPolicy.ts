/**
 * Redis must never evict wherewemet's keys: a lost alias re-drafts an invitation the user
 * already discarded, a lost lease lets two processes work one mailbox. Managed Redis often runs
 * `allkeys-lru`; this refuses to run on it unless the config says redis.allowEviction: true.
 */
import type { Redis } from 'ioredis';
import { BlockedError } from '../errors.ts';

/** The server's maxmemory-policy, from CONFIG GET or, where CONFIG is disabled, INFO memory. */
export async function evictionPolicy(redis: Redis): Promise<string | null> {
  try {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy) return policy;
  } catch {
    // Managed services often rename or disable CONFIG.
  }
  const info = await redis.info('memory');
  return /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? null;
}

export async function requireNoEviction(redis: Redis, allowEviction: boolean): Promise<void> {
  const policy = await evictionPolicy(redis);
  if (policy === null || policy === 'noeviction' || allowEviction) return;
  const where = `${redis.options.host}:${redis.options.port}`;
  throw new BlockedError(
    'REDIS_EVICTS',
    `Redis at ${where} may evict keys (maxmemory-policy ${policy}): wherewemet's state would be lost`,
    'set maxmemory-policy noeviction on that Redis (or redis.allowEviction: true to run anyway)',
  );
}

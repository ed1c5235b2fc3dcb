/**
 * Redis must never evict wherewemet's keys: a lost alias re-drafts an invitation the user
 * already discarded, a lost lease lets two processes work one mailbox. Managed Redis often runs
 * `allkeys-lru`; this refuses to run on it unless the config says redis.allowEviction: true.
 * In a Redis Cluster each primary has its own policy: all are checked.
 */
import type { Redis } from 'ioredis';
import { BlockedError } from '../errors.ts';
import { addressOf, primaries, type RedisClient } from './redisClient.ts';

/** The server's maxmemory-policy, from CONFIG GET or, where CONFIG is disabled, INFO memory. */
async function evictionPolicy(server: Redis): Promise<string | null> {
  try {
    const [, policy] = (await server.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy) return policy;
  } catch {
    // Managed services often rename or disable CONFIG.
  }
  const info = await server.info('memory');
  return /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? null;
}

export async function requireNoEviction(redis: RedisClient, allowEviction: boolean): Promise<void> {
  if (allowEviction) return;
  for (const server of primaries(redis)) {
    const policy = await evictionPolicy(server);
    if (policy === null || policy === 'noeviction') continue;
    throw new BlockedError(
      'REDIS_EVICTS',
      `Redis at ${addressOf(server)} may evict keys (maxmemory-policy ${policy}): wherewemet's state would be lost`,
      'set maxmemory-policy noeviction on that Redis (or redis.allowEviction: true to run anyway)',
    );
  }
}

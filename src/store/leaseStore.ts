/**
 * Leases on Redis: which process works which account, with a fencing token, and the registry of
 * live processes that the supervisor divides the accounts among (src/service/supervisor.ts).
 * A lease is a hash that expires unless its owner renews it; its token grows with every new
 * owner, and the store's fenced writes compare against it (scripts.ts).
 */

import { accountBase, processesBase } from './keys.ts';
import type { RedisClient } from './redisClient.ts';

export interface LeaseOwner {
  /** Process id as the registry knows it: "<host>:<pid>:<random>". */
  owner: string;
  host: string;
  pid: number;
  since: string;
}

export interface Lease extends LeaseOwner {
  account: string;
  token: string;
}

export interface LeaseStore {
  /** Takes the account when nobody holds it; null when someone does. */
  acquire(account: string, me: LeaseOwner, ms: number): Promise<Lease | null>;
  /** Extends a held lease; false when it was lost (expired, or taken by another process). */
  renew(lease: Lease, ms: number): Promise<boolean>;
  release(lease: Lease): Promise<void>;
  owner(account: string): Promise<(LeaseOwner & { token: string }) | null>;
  /** Which of these accounts nobody holds now, in one round trip (pipelined). */
  unheld(accounts: string[]): Promise<string[]>;
  /** Announces this process as alive; returns every process seen alive within `ttlMs`. */
  heartbeat(me: LeaseOwner, ttlMs: number, now: Date): Promise<string[]>;
  /** How long until the account's lease expires unless renewed (ms); null when none is held. */
  remaining(account: string): Promise<number | null>;
  /** Takes this process out of the registry (clean shutdown). */
  leave(me: LeaseOwner): Promise<void>;
}

const ACQUIRE = `
-- KEYS[1] lease, KEYS[2] lease-seq; ARGV[1] owner, ARGV[2] host, ARGV[3] pid, ARGV[4] since,
-- ARGV[5] length (ms) → the new token, or false when the lease is held
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local token = tostring(redis.call('INCR', KEYS[2]))
redis.call('HSET', KEYS[1], 'token', token, 'owner', ARGV[1], 'host', ARGV[2], 'pid', ARGV[3],
  'since', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return token
`;

const RENEW = `
-- KEYS[1] lease; ARGV[1] token, ARGV[2] length (ms) → 1 | 0
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

const RELEASE = `
-- KEYS[1] lease; ARGV[1] token → 1 | 0
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`;

type LeaseRedis = RedisClient & {
  wherewemetAcquire(...args: Array<string | number>): Promise<string | null>;
  wherewemetRenew(...args: Array<string | number>): Promise<number>;
  wherewemetRelease(...args: Array<string | number>): Promise<number>;
};

export class RedisLeaseStore implements LeaseStore {
  private readonly redis: LeaseRedis;

  constructor(
    redis: RedisClient,
    private readonly prefix: string,
  ) {
    if (!('wherewemetAcquire' in redis)) {
      redis.defineCommand('wherewemetAcquire', { lua: ACQUIRE, numberOfKeys: 2 });
      redis.defineCommand('wherewemetRenew', { lua: RENEW, numberOfKeys: 1 });
      redis.defineCommand('wherewemetRelease', { lua: RELEASE, numberOfKeys: 1 });
    }
    this.redis = redis as LeaseRedis;
  }

  async acquire(account: string, me: LeaseOwner, ms: number): Promise<Lease | null> {
    const base = accountBase(this.prefix, account);
    const since = new Date().toISOString();
    const token = await this.redis.wherewemetAcquire(
      `${base}lease`,
      `${base}lease-seq`,
      me.owner,
      me.host,
      me.pid,
      since,
      Math.ceil(ms),
    );
    return token ? { ...me, since, account, token: String(token) } : null;
  }

  async renew(lease: Lease, ms: number): Promise<boolean> {
    const key = `${accountBase(this.prefix, lease.account)}lease`;
    return (await this.redis.wherewemetRenew(key, lease.token, Math.ceil(ms))) === 1;
  }

  async release(lease: Lease): Promise<void> {
    await this.redis.wherewemetRelease(
      `${accountBase(this.prefix, lease.account)}lease`,
      lease.token,
    );
  }

  async owner(account: string): Promise<(LeaseOwner & { token: string }) | null> {
    const h = await this.redis.hgetall(`${accountBase(this.prefix, account)}lease`);
    if (!h.token) return null;
    return {
      token: h.token,
      owner: h.owner ?? '',
      host: h.host ?? '',
      pid: Number(h.pid),
      since: h.since ?? '',
    };
  }

  async unheld(accounts: string[]): Promise<string[]> {
    // One EXISTS per account, sent together: the leases are in different slots of a cluster. The
    // answer is a hint anyway; acquire decides, atomically, within the account's slot.
    const held = await Promise.all(
      accounts.map((a) => this.redis.exists(`${accountBase(this.prefix, a)}lease`)),
    );
    return accounts.filter((_, i) => held[i] === 0);
  }

  async heartbeat(me: LeaseOwner, ttlMs: number, now: Date): Promise<string[]> {
    const base = processesBase(this.prefix);
    const [, , , , [, live]] = (await this.redis
      .multi()
      .zadd(`${base}live`, now.getTime(), me.owner)
      .hset(`${base}info:${me.owner}`, { host: me.host, pid: String(me.pid), since: me.since })
      .pexpire(`${base}info:${me.owner}`, Math.ceil(ttlMs * 2))
      .zremrangebyscore(`${base}live`, '-inf', now.getTime() - ttlMs)
      .zrange(`${base}live`, '0', '-1')
      .exec()) as Array<[Error | null, unknown]> as [
      unknown,
      unknown,
      unknown,
      unknown,
      [null, string[]],
    ];
    return live;
  }

  async remaining(account: string): Promise<number | null> {
    const ms = await this.redis.pttl(`${accountBase(this.prefix, account)}lease`);
    return ms < 0 ? null : ms;
  }

  async leave(me: LeaseOwner): Promise<void> {
    const base = processesBase(this.prefix);
    await this.redis.multi().zrem(`${base}live`, me.owner).del(`${base}info:${me.owner}`).exec();
  }
}

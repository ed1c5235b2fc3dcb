/**
 * The "sending" record of an approval, beside the store's invitation records (same prefix):
 *
 *   inv:<key>            hash   draftStatus is 'sending' from the moment an approval takes the
 *                               draft until the outcome is known; nothing else decides it meanwhile
 *   sending:<key>        hash   the attempt: token, startedAt, via, to, subject, heldUid (where
 *                               the draft waits, see imap/holdingFolder.ts), phase, reason
 *   sending-lease:<key>  string the attempt's token while its process works on it; it expires
 *                               after the hold unless renewed, which the sender does for as long
 *                               as the SMTP transaction runs
 *
 * Outcomes: sent (approved), not sent (pending again, back in Drafts), or not known (the status
 * stays 'sending', the lease is gone: "may have been sent", and only a forced approval sends
 * again). A process that dies mid-send leaves the same state once its lease expires.
 */

import { markAsked } from './answers.ts';
import { accountBase } from './keys.ts';
import type { DraftStatus } from './records.ts';
import type { RedisClient } from './redisClient.ts';

/** taking/held: the approval is at work. not-sent: nothing went out, the draft is still held.
 * unknown: the message may have been sent. */
export type SendingPhase = 'taking' | 'held' | 'not-sent' | 'unknown';

export interface SendingAttempt {
  token: string;
  startedAt: string;
  via: string;
  to: string[];
  subject: string;
  heldUid: number | null;
  phase: SendingPhase;
  /** Why the last attempt ended without a known outcome. */
  reason: string | null;
  failedAt: string | null;
  /** A process is working on it now (its lease is alive). */
  live: boolean;
}

/**
 * Takes the draft for one attempt (out of the pending index: reconcile leaves it alone; into
 * the sending index). KEYS: inv, attempt, lease, pending, sending. ARGV: token, holdMs, mode, then
 * field/value pairs of the attempt. mode 'fresh': only from pending, a new attempt. mode 'again':
 * only a 'sending' draft that no process works on; the attempt's heldUid is kept.
 * Returns 'ok', 'busy' (a live lease), 'stopped' (sending, no lease: needs 'again'), or the status.
 */
const BEGIN_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'draftStatus')
if status == 'sending' then
  if redis.call('EXISTS', KEYS[3]) == 1 then return 'busy' end
  if ARGV[3] ~= 'again' then return 'stopped' end
elseif ARGV[3] == 'again' or (status ~= 'pending' and status ~= 'drafted') then
  return status or 'missing'
else
  redis.call('DEL', KEYS[2])
end
redis.call('HSET', KEYS[1], 'draftStatus', 'sending')
redis.call('ZREM', KEYS[4], redis.call('HGET', KEYS[1], 'key'))
redis.call('ZADD', KEYS[5], 'NX', redis.call('TIME')[1], redis.call('HGET', KEYS[1], 'key'))
redis.call('HDEL', KEYS[2], 'reason', 'failedAt')
redis.call('HSET', KEYS[2], 'token', ARGV[1], unpack(ARGV, 4))
redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[2])
return 'ok'
`;

/** Extends the lease if it is still ours. KEYS: lease. ARGV: token, holdMs. */
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

/** Sets attempt fields, and drops the lease when ARGV[2] is '1'. KEYS: attempt, lease.
 * ARGV: token, dropLease, field/value pairs. */
const UPDATE_SCRIPT = `
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
if ARGV[2] == '1' then redis.call('DEL', KEYS[2]) end
return 1
`;

/**
 * Ends the attempt with a status. KEYS: inv, attempt, lease, pending, text-expiry, sending.
 * ARGV: token
 * ('' for any attempt no process works on), status, at, draftUid ('' keeps it), now (ms), text
 * expiry (ms). 'pending' puts the draft back under draftUid (and in the pending index); any other
 * status is the decision, with decidedAt, after which the text is kept until the expiry.
 * Returns 1, or 0 when it is not this attempt's to end.
 */
const FINISH_SCRIPT = `
if redis.call('HGET', KEYS[1], 'draftStatus') ~= 'sending' then return 0 end
if ARGV[1] == '' then
  if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
elseif redis.call('HGET', KEYS[2], 'token') ~= ARGV[1] then
  return 0
end
local key = redis.call('HGET', KEYS[1], 'key')
if ARGV[2] == 'pending' then
  redis.call('HSET', KEYS[1], 'draftStatus', 'pending')
  if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'draftUid', ARGV[4]) end
  redis.call('ZADD', KEYS[4], ARGV[5], key)
else
  redis.call('HSET', KEYS[1], 'draftStatus', ARGV[2], 'decidedAt', ARGV[3])
  redis.call('ZADD', KEYS[5], ARGV[6], key)
end
redis.call('ZREM', KEYS[6], key)
redis.call('DEL', KEYS[2], KEYS[3])
return 1
`;

type SendingRedis = RedisClient & {
  wherewemetSendBegin(numKeys: number, ...args: string[]): Promise<string>;
  wherewemetSendRenew(numKeys: number, ...args: string[]): Promise<number>;
  wherewemetSendUpdate(numKeys: number, ...args: string[]): Promise<number>;
  wherewemetSendFinish(numKeys: number, ...args: string[]): Promise<number>;
};

export class SendingRecords {
  private readonly redis: SendingRedis;
  private readonly base: string;
  private readonly keepMs: number;

  /** `keepDays`: history.keepDays, how long the note outlives the decision. */
  constructor(
    redis: RedisClient,
    private readonly prefix: string,
    private readonly account: string,
    keepDays = 90,
  ) {
    const scripts = {
      wherewemetSendBegin: BEGIN_SCRIPT,
      wherewemetSendRenew: RENEW_SCRIPT,
      wherewemetSendUpdate: UPDATE_SCRIPT,
      wherewemetSendFinish: FINISH_SCRIPT,
    };
    for (const [name, lua] of Object.entries(scripts))
      if (!(name in redis)) redis.defineCommand(name, { lua });
    this.redis = redis as SendingRedis;
    this.base = accountBase(prefix, account);
    this.keepMs = keepDays * 24 * 60 * 60 * 1000;
  }

  /** Takes the draft for an attempt identified by `token`; see BEGIN_SCRIPT for the answers. */
  async begin(
    key: string,
    attempt: { token: string; at: Date; via: string; to: string[]; subject: string },
    mode: 'fresh' | 'again',
    holdMs: number,
  ): Promise<string> {
    return this.redis.wherewemetSendBegin(
      5,
      ...this.keys(key),
      `${this.base}pending`,
      `${this.base}sending`,
      attempt.token,
      String(holdMs),
      mode,
      ...Object.entries({
        startedAt: attempt.at.toISOString(),
        via: attempt.via,
        to: JSON.stringify(attempt.to),
        subject: attempt.subject,
        phase: mode === 'fresh' ? 'taking' : 'held',
      }).flat(),
    );
  }

  /** Keeps the lease alive; false when it is no longer this attempt's. */
  async renew(key: string, token: string, holdMs: number): Promise<boolean> {
    const [, , lease] = this.keys(key);
    return (await this.redis.wherewemetSendRenew(1, lease, token, String(holdMs))) === 1;
  }

  /** The draft is held at `heldUid` now. */
  async held(key: string, token: string, heldUid: number): Promise<void> {
    await this.update(key, token, false, { heldUid: String(heldUid), phase: 'held' });
  }

  /** The attempt ends with the draft still held: nothing was sent, or it may have been. */
  async stopped(
    key: string,
    token: string,
    outcome: Extract<SendingPhase, 'not-sent' | 'unknown'>,
    reason: string,
    at: Date,
  ): Promise<void> {
    await this.update(key, token, true, { phase: outcome, reason, failedAt: at.toISOString() });
  }

  /**
   * Ends the attempt (`token`; null: whichever attempt no process works on) with a status:
   * pending (back in Drafts under `draftUid`) or a decision. Whether this call ended it.
   */
  async finish(
    key: string,
    token: string | null,
    status: Extract<DraftStatus, 'pending' | 'approved' | 'sent' | 'discarded'>,
    at: Date,
    draftUid: number | null = null,
  ): Promise<boolean> {
    const done = await this.redis.wherewemetSendFinish(
      6,
      ...this.keys(key),
      `${this.base}pending`,
      `${this.base}text-expiry`,
      `${this.base}sending`,
      token ?? '',
      status,
      at.toISOString(),
      draftUid === null ? '' : String(draftUid),
      String(at.getTime()),
      String(at.getTime() + this.keepMs),
    );
    // The question went out: its answer is looked for.
    if (done === 1 && (status === 'approved' || status === 'sent'))
      await markAsked(this.redis, this.prefix, this.account, key, at);
    return done === 1;
  }

  /** Drafts an approval holds whose outcome is not known and no process works on now. */
  async unsettled(): Promise<string[]> {
    const keys = await this.redis.zrange(`${this.base}sending`, '0', '-1');
    const attempts = await Promise.all(keys.map((k) => this.get(k)));
    return keys.filter((_, i) => attempts[i] && !attempts[i]?.live);
  }

  async get(key: string): Promise<SendingAttempt | null> {
    const [, attemptKey, leaseKey] = this.keys(key);
    const [[, h], [, live]] = (await this.redis
      .multi()
      .hgetall(attemptKey)
      .exists(leaseKey)
      .exec()) as [[null, Record<string, string>], [null, number]];
    if (!h.token) return null;
    return {
      token: h.token,
      startedAt: h.startedAt ?? '',
      via: h.via ?? '',
      to: JSON.parse(h.to ?? '[]') as string[],
      subject: h.subject ?? '',
      heldUid: h.heldUid ? Number(h.heldUid) : null,
      phase: (h.phase as SendingPhase | undefined) ?? 'unknown',
      reason: h.reason || null,
      failedAt: h.failedAt || null,
      live: live === 1,
    };
  }

  private async update(
    key: string,
    token: string,
    dropLease: boolean,
    fields: Record<string, string>,
  ): Promise<void> {
    const [, attempt, lease] = this.keys(key);
    await this.redis.wherewemetSendUpdate(
      2,
      attempt,
      lease,
      token,
      dropLease ? '1' : '0',
      ...Object.entries(fields).flat(),
    );
  }

  private keys(key: string): [string, string, string] {
    return [
      `${this.base}inv:${key}`,
      `${this.base}sending:${key}`,
      `${this.base}sending-lease:${key}`,
    ];
  }
}

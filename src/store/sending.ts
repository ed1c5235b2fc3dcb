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
 *
 * An attempt begins and ends with its record, in one script (invitationRecords.ts); in between
 * this module keeps its lease and notes where the draft is held. Each of these records waits
 * for a replica (replicas.ts): after a failover the draft must still be found.
 */

import { InvitationRecords } from './invitationRecords.ts';
import type { DraftStatus } from './records.ts';
import type { RedisClient } from './redisClient.ts';
import { waitForReplica } from './replicas.ts';

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

type SendingRedis = RedisClient & {
  wherewemetSendRenew(numKeys: number, ...args: string[]): Promise<number>;
  wherewemetSendUpdate(numKeys: number, ...args: string[]): Promise<number>;
};

export class SendingRecords {
  private readonly redis: SendingRedis;
  private readonly records: InvitationRecords;
  private readonly keepMs: number;

  /** `keepDays`: history.keepDays, how long the note outlives the decision. */
  constructor(
    redis: RedisClient,
    prefix: string,
    private readonly account: string,
    keepDays = 90,
  ) {
    const scripts = { wherewemetSendRenew: RENEW_SCRIPT, wherewemetSendUpdate: UPDATE_SCRIPT };
    for (const [name, lua] of Object.entries(scripts))
      if (!(name in redis)) redis.defineCommand(name, { lua });
    this.redis = redis as SendingRedis;
    this.records = new InvitationRecords(redis, prefix, account);
    this.keepMs = keepDays * 24 * 60 * 60 * 1000;
  }

  /**
   * Takes the draft for an attempt identified by `token`; see scripts.ts beginSend for the
   * answers.
   */
  begin(
    key: string,
    attempt: { token: string; at: Date; via: string; to: string[]; subject: string },
    mode: 'fresh' | 'again',
    holdMs: number,
  ): Promise<string> {
    return this.records.beginSend(key, {
      token: attempt.token,
      holdMs,
      mode,
      attempt: {
        startedAt: attempt.at.toISOString(),
        via: attempt.via,
        to: JSON.stringify(attempt.to),
        subject: attempt.subject,
        phase: mode === 'fresh' ? 'taking' : 'held',
      },
    });
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
  finish(
    key: string,
    token: string | null,
    status: Extract<DraftStatus, 'pending' | 'approved' | 'sent' | 'discarded'>,
    at: Date,
    draftUid: number | null = null,
  ): Promise<boolean> {
    const textExpiry = at.getTime() + this.keepMs;
    return this.records.finishSend(key, { token, status, at, draftUid, textExpiry });
  }

  /** Drafts an approval holds whose outcome is not known and no process works on now. */
  async unsettled(): Promise<string[]> {
    const keys = await this.redis.zrange(this.records.sendingIndex(), '0', '-1');
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
    const done = await this.redis.wherewemetSendUpdate(
      2,
      attempt,
      lease,
      token,
      dropLease ? '1' : '0',
      ...Object.entries(fields).flat(),
    );
    if (done === 1)
      await waitForReplica(this.redis, attempt, { account: this.account, write: 'send' });
  }

  private keys(key: string): [string, string, string] {
    return this.records.sendingKeys(key);
  }
}

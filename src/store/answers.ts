/**
 * What strangers answered to our "where did we meet?": the owner of these keys, beside the
 * store's invitation records (same prefix and hash tag, see keys.ts):
 *
 *   asked              zset    invitations whose question went out, by when (ms): whose answers
 *                              the sync looks for; an invitation leaves it once answered or decided
 *   answer:<key>       hash    the answer: match (sure | possible), at, via (email | linkedin), by
 *                              (thread | address | profile | name), from, sources (one message
 *                              each, newline-separated), pitch (JSON), possibleWith (JSON keys);
 *                              and the decision after it: decision (accepted | ignored), decidedAt
 *   answer-text:<key>  string  the excerpt (at most 500 characters of a stranger's text); expires
 *                              history.keepDays after the answer, by itself
 *   answered           zset    invitations with an answer (sure or possible), by when it came (ms)
 *
 * An answer is recorded once per invitation, in one script with its `answered` history event:
 * the same message read again (a catch-up after a crash) changes nothing, and a second source
 * (the email and LinkedIn's notification of the same answer) is only added to `sources`.
 */

import { accountBase } from './keys.ts';
import type { HistoryEvent } from './records.ts';
import type { RedisClient } from './redisClient.ts';
import { waitForReplica } from './replicas.ts';

export type AnswerVia = 'email' | 'linkedin';
export type AnswerDecision = 'accepted' | 'ignored';

export interface NewAnswer {
  /** sure: this invitation's; possible: one of several invitations with the sender's name. */
  match: 'sure' | 'possible';
  at: Date;
  via: AnswerVia;
  by: 'thread' | 'address' | 'profile' | 'name';
  /** The sender as the mail names them (an address, or a name for LinkedIn). */
  from: string | null;
  /** The message it came in: `mailbox|uidValidity|uid`. */
  source: string;
  excerpt: string | null;
  pitch: string[];
  possibleWith: string[];
}

export interface AnswerRecord {
  key: string;
  match: 'sure' | 'possible' | null;
  at: string | null;
  via: AnswerVia | null;
  by: string | null;
  from: string | null;
  sources: string[];
  /** Null once history.keepDays have passed since the answer (or when the mail had no text). */
  excerpt: string | null;
  pitch: string[];
  possibleWith: string[];
  decision: AnswerDecision | null;
  decidedAt: string | null;
}

/**
 * KEYS: answer, answer-text, answered, history, asked. ARGV: key, source, match, at (ms), excerpt
 * ('' none), keep (ms), history event (JSON), then field/value pairs. A sure answer replaces a
 * possible one. → 1 recorded, 0 already known (a second source is added to `sources`).
 */
const RECORD_SCRIPT = `
local match = redis.call('HGET', KEYS[1], 'match')
local sources = redis.call('HGET', KEYS[1], 'sources') or ''
local seen = string.find('\\n' .. sources .. '\\n', '\\n' .. ARGV[2] .. '\\n', 1, true)
if match == 'sure' or (match == 'possible' and ARGV[3] == 'possible') then
  if not seen then redis.call('HSET', KEYS[1], 'sources', sources .. '\\n' .. ARGV[2]) end
  return 0
end
local decision = redis.call('HMGET', KEYS[1], 'decision', 'decidedAt')
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'match', ARGV[3], 'sources', ARGV[2], unpack(ARGV, 8))
if decision[1] then redis.call('HSET', KEYS[1], 'decision', decision[1], 'decidedAt', decision[2]) end
if ARGV[5] ~= '' and tonumber(ARGV[6]) > 0 then
  redis.call('SET', KEYS[2], ARGV[5], 'PX', ARGV[6])
end
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
if ARGV[3] == 'sure' then redis.call('ZREM', KEYS[5], ARGV[1]) end
redis.call('RPUSH', KEYS[4], ARGV[7])
return 1
`;

/**
 * KEYS: answer, asked, history. ARGV: key, decision, at (ISO), history event (JSON).
 * → 1 decided, 0 decided before (the first decision stands).
 */
const DECIDE_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], 'decision') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'decision', ARGV[2], 'decidedAt', ARGV[3])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('RPUSH', KEYS[3], ARGV[4])
return 1
`;

type AnswerRedis = RedisClient & {
  wherewemetRecordAnswer(numKeys: number, ...args: string[]): Promise<number>;
  wherewemetDecideAnswer(numKeys: number, ...args: string[]): Promise<number>;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Marks an invitation as asked (its question went out): the sync looks for its answer. */
export async function markAsked(
  redis: RedisClient,
  prefix: string,
  account: string,
  key: string,
  at: Date,
): Promise<void> {
  await redis.zadd(`${accountBase(prefix, account)}asked`, 'NX', at.getTime(), key);
}

export class AnswerStore {
  private readonly redis: AnswerRedis;
  private readonly base: string;
  private readonly keepMs: number;

  constructor(
    redis: RedisClient,
    private readonly prefix: string,
    private readonly account: string,
    keepDays = 90,
  ) {
    if (!('wherewemetRecordAnswer' in redis)) {
      redis.defineCommand('wherewemetRecordAnswer', { lua: RECORD_SCRIPT });
      redis.defineCommand('wherewemetDecideAnswer', { lua: DECIDE_SCRIPT });
    }
    this.redis = redis as AnswerRedis;
    this.base = accountBase(prefix, account);
    // Whole milliseconds: PX takes an integer, and history.keepDays may be a fraction of a day.
    this.keepMs = Math.round(keepDays * DAY_MS);
  }

  markAsked(key: string, at: Date): Promise<void> {
    return markAsked(this.redis, this.prefix, this.account, key, at);
  }

  /**
   * Invitations asked within history.keepDays and not answered yet; older ones leave the index
   * (their text is gone, and an answer after months is no answer to this question).
   */
  async askedKeys(now: Date): Promise<string[]> {
    const k = this.k('asked');
    if (this.keepMs > 0)
      await this.redis.zremrangebyscore(k, '-inf', `(${now.getTime() - this.keepMs}`);
    return this.redis.zrange(k, '0', '-1');
  }

  /** Records an answer; false when this invitation's answer was known already. */
  async record(key: string, answer: NewAnswer, event: HistoryEvent): Promise<boolean> {
    const fields: Record<string, string> = {
      at: answer.at.toISOString(),
      via: answer.via,
      by: answer.by,
      from: answer.from ?? '',
      pitch: JSON.stringify(answer.pitch),
      possibleWith: JSON.stringify(answer.possibleWith),
    };
    const done = await this.redis.wherewemetRecordAnswer(
      5,
      this.k(`answer:${key}`),
      this.k(`answer-text:${key}`),
      this.k('answered'),
      this.k(`history:${key}`),
      this.k('asked'),
      key,
      answer.source,
      answer.match,
      String(answer.at.getTime()),
      answer.excerpt ?? '',
      String(this.keepMs),
      JSON.stringify(event),
      ...Object.entries(fields).flat(),
    );
    return done === 1;
  }

  async get(key: string): Promise<AnswerRecord | null> {
    const [[, h], [, text]] = (await this.redis
      .multi()
      .hgetall(this.k(`answer:${key}`))
      .get(this.k(`answer-text:${key}`))
      .exec()) as [[null, Record<string, string>], [null, string | null]];
    if (!h.match && !h.decision) return null;
    return {
      key,
      match: h.match === 'sure' || h.match === 'possible' ? h.match : null,
      at: h.at || null,
      via: h.via === 'email' || h.via === 'linkedin' ? h.via : null,
      by: h.by || null,
      from: h.from || null,
      sources: h.sources ? h.sources.split('\n') : [],
      excerpt: text,
      pitch: JSON.parse(h.pitch ?? '[]') as string[],
      possibleWith: JSON.parse(h.possibleWith ?? '[]') as string[],
      decision: h.decision === 'accepted' || h.decision === 'ignored' ? h.decision : null,
      decidedAt: h.decidedAt || null,
    };
  }

  /** Invitations with an answer (sure or possible), newest answer first. */
  async answeredKeys(): Promise<string[]> {
    return this.redis.zrevrange(this.k('answered'), '0', '-1');
  }

  /** Answers (sure or possible) that wait for the person's decision. */
  async waitingCount(): Promise<number> {
    const keys = await this.answeredKeys();
    const decided = await Promise.all(
      keys.map((key) => this.redis.hexists(this.k(`answer:${key}`), 'decision')),
    );
    return decided.filter((d) => d === 0).length;
  }

  /** When each invitation still asked was asked (ms). */
  async askedSince(): Promise<Map<string, number>> {
    const flat = await this.redis.zrange(this.k('asked'), '0', '-1', 'WITHSCORES');
    const out = new Map<string, number>();
    for (let i = 0; i + 1 < flat.length; i += 2) out.set(flat[i] as string, Number(flat[i + 1]));
    return out;
  }

  /**
   * The decision after the answer (or after none came); false when one was recorded before. A
   * person's decision: copied to a replica before this returns (replicas.ts).
   */
  async decide(key: string, decision: AnswerDecision, at: Date, event: HistoryEvent) {
    const answerKey = this.k(`answer:${key}`);
    const done = await this.redis.wherewemetDecideAnswer(
      3,
      answerKey,
      this.k('asked'),
      this.k(`history:${key}`),
      key,
      decision,
      at.toISOString(),
      JSON.stringify(event),
    );
    if (done !== 1) return false;
    await waitForReplica(this.redis, answerKey, { account: this.account, write: 'decision' });
    return true;
  }

  private k(suffix: string): string {
    return this.base + suffix;
  }
}

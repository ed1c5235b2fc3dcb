/**
 * What Discard and Replied leave behind for a short while so they can be undone: the decision,
 * the status before it, and the draft's source (the copy in Trash may be gone, or there may be no
 * Trash). Kept under `undo:<key>`, expiring after UNDO_MS; taken at most once.
 */

import { accountBase } from './keys.ts';
import type { DraftStatus } from './records.ts';
import type { RedisClient } from './redisClient.ts';

/** How long Discard and Replied can be undone: a mistake noticed at once, not a change of mind. */
export const UNDO_MS = 10 * 60_000;

export interface UndoEntry {
  decision: 'discarded' | 'replied';
  /** The status the decision left: a pending draft, or an invitation without one. */
  from: Extract<DraftStatus, 'pending' | 'none' | 'ignored'>;
  /** The decision's decidedAt: an undo applies to this decision only. */
  decidedAt: string;
  /** The pending draft's source, base64; absent for an invitation without a draft. */
  source?: string;
  /** When the undo expires (ms). */
  until: number;
}

/**
 * KEYS: inv, pending, text-expiry, asked. ARGV: key, decision, decidedAt (ISO), status to restore,
 * draft UID ('' unknown), drafted (ms, '' when there is no draft). Only while the record still
 * holds that decision: its status back, the draft in the pending index, the question no longer
 * out (when this decision put it out). → 1 | 0
 */
const RESTORE_SCRIPT = `
local h = redis.call('HMGET', KEYS[1], 'draftStatus', 'decidedAt')
if h[1] ~= ARGV[2] or h[2] ~= ARGV[3] then return 0 end
redis.call('HSET', KEYS[1], 'draftStatus', ARGV[4])
redis.call('HDEL', KEYS[1], 'decidedAt', 'draftMissingSince')
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[1], 'draftUid', ARGV[5])
  redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
end
local asked = redis.call('ZSCORE', KEYS[4], ARGV[1])
if ARGV[2] == 'replied' and asked and tonumber(asked) == tonumber(ARGV[7]) then
  redis.call('ZREM', KEYS[4], ARGV[1])
end
return 1
`;

type UndoRedis = RedisClient & {
  wherewemetUndo(numKeys: number, ...args: string[]): Promise<number>;
};

export class UndoRecords {
  private readonly redis: UndoRedis;
  private readonly base: string;

  constructor(redis: RedisClient, prefix: string, account: string) {
    if (!('wherewemetUndo' in redis))
      redis.defineCommand('wherewemetUndo', { lua: RESTORE_SCRIPT });
    this.redis = redis as UndoRedis;
    this.base = accountBase(prefix, account);
  }

  async save(key: string, entry: UndoEntry, now: number): Promise<void> {
    const ms = entry.until - now;
    if (ms > 0) await this.redis.set(this.k(key), JSON.stringify(entry), 'PX', ms);
  }

  /** The entry, removed: a second undo (or one racing it) finds nothing. */
  async take(key: string): Promise<UndoEntry | null> {
    const [[, value]] = (await this.redis.multi().get(this.k(key)).del(this.k(key)).exec()) as [
      [null, string | null],
      unknown,
    ];
    return value ? (JSON.parse(value) as UndoEntry) : null;
  }

  /** The record back to `entry.from`, only while it still holds the decision; whether it did. */
  async restore(
    key: string,
    entry: UndoEntry,
    draft: { uid: number | null; draftedAt: string } | null,
  ): Promise<boolean> {
    const done = await this.redis.wherewemetUndo(
      4,
      `${this.base}inv:${key}`,
      `${this.base}pending`,
      `${this.base}text-expiry`,
      `${this.base}asked`,
      key,
      entry.decision,
      entry.decidedAt,
      entry.from,
      draft?.uid == null ? '' : String(draft.uid),
      draft ? String(Date.parse(draft.draftedAt)) : '',
      String(Date.parse(entry.decidedAt)),
    );
    return done === 1;
  }

  private k(key: string): string {
    return `${this.base}undo:${key}`;
  }
}

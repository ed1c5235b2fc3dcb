/**
 * What Discard and Replied leave behind for a short while so they can be undone: the decision,
 * the status before it, and the draft's source (the copy in Trash may be gone, or there may be no
 * Trash). Kept under `undo:<key>`, expiring after UNDO_MS; taken at most once.
 */

import { InvitationRecords } from './invitationRecords.ts';
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

export class UndoRecords {
  private readonly base: string;
  private readonly records: InvitationRecords;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    account: string,
  ) {
    this.base = accountBase(prefix, account);
    this.records = new InvitationRecords(redis, prefix, account);
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
  restore(
    key: string,
    entry: UndoEntry,
    draft: { uid: number | null; draftedAt: string } | null,
  ): Promise<boolean> {
    return this.records.undoDecision(key, { ...entry, draft });
  }

  private k(key: string): string {
    return `${this.base}undo:${key}`;
  }
}

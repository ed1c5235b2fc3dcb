/**
 * Where a catch-up starts, from the saved cursor and what the server says now. Pure.
 *
 * The cursor promises that every message up to `lastUid` of that UIDVALIDITY has been handled,
 * so a pass resumes right after it. Without a cursor (first run), or when UIDVALIDITY changed
 * (the mailbox was recreated, so old UIDs mean nothing; RFC 3501 2.3.1.1), it looks back
 * `lookbackDays` by arrival date instead.
 */
import type { SyncCursor } from '../store/records.ts';

export type CatchUpPlan =
  | { kind: 'resume'; afterUid: number }
  | { kind: 'lookback'; since: Date; reason: 'first run' | 'UIDVALIDITY changed' };

const DAY_MS = 24 * 60 * 60 * 1000;

export function planCatchUp(
  saved: SyncCursor | null,
  uidValidity: string,
  lookbackDays: number,
  now: Date,
): CatchUpPlan {
  if (saved && saved.uidValidity === uidValidity)
    return { kind: 'resume', afterUid: saved.lastUid };
  return {
    kind: 'lookback',
    since: new Date(now.getTime() - lookbackDays * DAY_MS),
    reason: saved ? 'UIDVALIDITY changed' : 'first run',
  };
}

/** `uids` in ascending order, cut into runs of at most `size`. */
export function batches(uids: number[], size: number): number[][] {
  const sorted = [...uids].sort((a, b) => a - b);
  const out: number[][] = [];
  for (let i = 0; i < sorted.length; i += size) out.push(sorted.slice(i, i + size));
  return out;
}

/**
 * The store on Redis: every key an account has (see keys.ts for the layout), behind the small
 * interfaces of records.ts. It holds metadata and state, never message bodies; the inviter's note
 * and headline stay only until history.keepDays after the invitation needs nothing more.
 */
import { randomBytes } from 'node:crypto';
import { LeaseLostError } from '../errors.ts';
import type { Notification } from '../parse/parseNotification.ts';
import { markAsked } from './answers.ts';
import { accountBase } from './keys.ts';
import {
  type BeginDraft,
  type Decision,
  DRAFT_STATUSES,
  type DraftClaim,
  type DraftStatus,
  type DraftStore,
  type HistoryEvent,
  type InvitationRecord,
  type InvitationStore,
  type LifecycleStore,
  type MessageRef,
  type Reclassification,
  type SyncCursor,
  type SyncStore,
  type UnparseableEntry,
  type UnsureStore,
  type WrittenDraft,
} from './records.ts';
import type { RedisClient } from './redisClient.ts';
import { SCRIPTS, type ScriptName } from './scripts.ts';

export * from './records.ts';

export interface StoreOptions {
  /** The account's current lease token; writes that must be fenced are refused without it. */
  fence?: () => string | null;
  /** How long the note and headline outlive the last decision (history.keepDays). */
  keepDays?: number;
}

/** A draft claim outlives a slow APPEND, not a dead worker (whose lease a successor replaces). */
const CLAIM_MS = 120_000;
const UNPARSEABLE_KEPT = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;

type ScriptedRedis = RedisClient &
  Record<ScriptName, (...args: Array<string | number>) => Promise<unknown>>;

export class Store implements SyncStore, InvitationStore, DraftStore, LifecycleStore, UnsureStore {
  private readonly redis: ScriptedRedis;
  private readonly base: string;
  private readonly keepMs: number;

  constructor(
    redis: RedisClient,
    private readonly prefix: string,
    readonly account: string,
    private readonly options: StoreOptions = {},
  ) {
    for (const [name, lua] of Object.entries(SCRIPTS)) {
      if (!(name in redis)) redis.defineCommand(name, { lua });
    }
    this.redis = redis as ScriptedRedis;
    this.base = accountBase(prefix, account);
    this.keepMs = (options.keepDays ?? 90) * DAY_MS;
  }

  // --- sync -------------------------------------------------------------------------------

  async getCursor(mailbox: string): Promise<SyncCursor | null> {
    const h = await this.redis.hgetall(this.k(`sync:${mailbox}`));
    return h.uidValidity ? { uidValidity: h.uidValidity, lastUid: Number(h.lastUid ?? 0) } : null;
  }

  async setCursor(mailbox: string, cursor: SyncCursor, at: Date): Promise<void> {
    await this.fenced(
      'setCursor',
      [this.k(`sync:${mailbox}`)],
      [
        'uidValidity',
        cursor.uidValidity,
        'lastUid',
        String(cursor.lastUid),
        'lastSyncAt',
        at.toISOString(),
      ],
    );
  }

  // --- invitations ------------------------------------------------------------------------

  async claimInvitation(
    aliases: string[],
    fresh: Parameters<InvitationStore['claimInvitation']>[1],
  ): Promise<{ record: InvitationRecord; created: boolean }> {
    const { classification: c, at } = fresh;
    const fields: Record<string, string> = {
      key: fresh.key,
      category: c.category ?? '',
      action: c.action,
      template: c.template ?? '',
      reasons: JSON.stringify(c.reasons),
      notification: JSON.stringify(fresh.notification),
      firstSeenAt: at.toISOString(),
      draftStatus: c.action === 'draft' ? 'queued' : 'none',
      ...(fresh.source ? { source: JSON.stringify(fresh.source) } : {}),
      ...(fresh.parserVersion ? { parserVersion: String(fresh.parserVersion) } : {}),
    };
    // Without a draft nothing waits for a decision: the text is kept keepDays from now.
    const expiry = c.action === 'draft' ? '' : String(at.getTime() + this.keepMs);
    const [key, created] = (await this.redis.claimInvitation(
      3 + aliases.length,
      this.k(`inv:${fresh.key}`),
      this.k('invitations'),
      this.k('text-expiry'),
      ...aliases.map((a) => this.k(`alias:${a}`)),
      fresh.key,
      at.getTime(),
      expiry,
      ...Object.entries(fields).flat(),
    )) as [string, number];
    const record = await this.getInvitation(key);
    if (!record) throw new Error(`invitation ${key} is referenced but missing`);
    return { record, created: created === 1 };
  }

  async getInvitation(key: string): Promise<InvitationRecord | null> {
    const h = await this.redis.hgetall(this.k(`inv:${key}`));
    if (!h.key || !h.notification) return null;
    return {
      key: h.key,
      category: h.category || null,
      action: h.action === 'draft' ? 'draft' : 'none',
      template: h.template || null,
      reasons: JSON.parse(h.reasons ?? '[]') as string[],
      notification: JSON.parse(h.notification) as Notification,
      firstSeenAt: h.firstSeenAt ?? '',
      draftStatus: readDraftStatus(h.draftStatus),
      draftUid: h.draftUid ? Number(h.draftUid) : null,
      draftMessageId: h.draftMessageId || null,
      draftedAt: h.draftedAt || null,
      draftTo: h.draftTo || null,
      draftSubject: h.draftSubject || null,
      draftEditedAt: h.draftEditedAt || null,
      draftMissingSince: h.draftMissingSince || null,
      decidedAt: h.decidedAt || null,
      source: h.source ? (JSON.parse(h.source) as MessageRef) : null,
      parserVersion: h.parserVersion ? Number(h.parserVersion) : null,
      unplacedIsFrame: h.unplacedIsFrame === '1',
    };
  }

  /** Every invitation key, newest first; `offset`/`count` for one page. */
  async invitationKeys(offset = 0, count = -1): Promise<string[]> {
    const stop = count < 0 ? -1 : offset + count - 1;
    return this.redis.zrevrange(this.k('invitations'), offset, stop);
  }

  async invitationCount(): Promise<number> {
    return this.redis.zcard(this.k('invitations'));
  }

  async addHistory(key: string, event: HistoryEvent): Promise<void> {
    await this.redis.rpush(this.k(`history:${key}`), JSON.stringify(event));
  }

  async history(key: string): Promise<HistoryEvent[]> {
    const items = await this.redis.lrange(this.k(`history:${key}`), 0, -1);
    return items.map((i) => JSON.parse(i) as HistoryEvent);
  }

  async recordUnparseable(entry: UnparseableEntry): Promise<void> {
    await this.redis.recordUnparseable(
      2,
      this.k('unparseable'),
      this.k('unparseable-info'),
      `${entry.mailbox}|${entry.uidValidity}|${entry.uid}`,
      Date.parse(entry.at),
      JSON.stringify(entry),
      UNPARSEABLE_KEPT,
    );
  }

  /** Forgets an unreadable message that was read after all. */
  async forgetUnparseable(ref: MessageRef): Promise<void> {
    const member = `${ref.mailbox}|${ref.uidValidity}|${ref.uid}`;
    await this.redis
      .multi()
      .zrem(this.k('unparseable'), member)
      .hdel(this.k('unparseable-info'), member)
      .exec();
  }

  /** Newest first. */
  async unparseable(): Promise<UnparseableEntry[]> {
    const members = await this.redis.zrevrange(this.k('unparseable'), 0, -1);
    if (members.length === 0) return [];
    const details = await this.redis.hmget(this.k('unparseable-info'), ...members);
    return details.flatMap((d) => (d ? [JSON.parse(d) as UnparseableEntry] : []));
  }

  /** Drops the note, headline and location of invitations past their keep time; how many. */
  async dropExpiredText(now: Date, batch = 200): Promise<number> {
    const keys = await this.redis.zrangebyscore(
      this.k('text-expiry'),
      '-inf',
      now.getTime(),
      'LIMIT',
      0,
      batch,
    );
    for (const key of keys) {
      const stored = await this.redis.hget(this.k(`inv:${key}`), 'notification');
      if (stored) {
        const n = JSON.parse(stored) as Notification;
        const kept = {
          ...n,
          note: null,
          subject: null,
          inviter: { ...n.inviter, headline: null, location: null },
        };
        await this.redis.hset(this.k(`inv:${key}`), 'notification', JSON.stringify(kept));
      }
      await this.redis.zrem(this.k('text-expiry'), key);
    }
    return keys.length;
  }

  // --- unsure invitations -----------------------------------------------------------------

  async holdUnsure(key: string, firstSeen: Date): Promise<void> {
    await this.redis.zadd(this.k('unsure'), 'NX', firstSeen.getTime(), key);
  }

  async unsureKeys(count = -1): Promise<string[]> {
    return this.redis.zrange(this.k('unsure'), '0', String(count < 0 ? -1 : count - 1));
  }

  async unsureCount(): Promise<number> {
    return this.redis.zcard(this.k('unsure'));
  }

  async releaseUnsure(key: string): Promise<void> {
    await this.redis.zrem(this.k('unsure'), key);
  }

  /** A has-context invitation whose note may yet be LinkedIn's (Classification.provisional). */
  async holdProvisional(key: string, firstSeen: Date): Promise<void> {
    await this.redis.zadd(this.k('provisional'), 'NX', firstSeen.getTime(), key);
  }

  async provisionalKeys(count = -1): Promise<string[]> {
    return this.redis.zrange(this.k('provisional'), '0', String(count < 0 ? -1 : count - 1));
  }

  async releaseProvisional(key: string): Promise<void> {
    await this.redis.zrem(this.k('provisional'), key);
  }

  async unsureReadWith(): Promise<string | null> {
    return this.redis.get(this.k('unsure-read'));
  }

  async setUnsureReadWith(mark: string): Promise<void> {
    await this.redis.set(this.k('unsure-read'), mark);
  }

  async markUnplacedIsFrame(key: string): Promise<void> {
    await this.redis
      .multi()
      .hset(this.k(`inv:${key}`), 'unplacedIsFrame', '1')
      .incr(this.k('unsure-taught'))
      .exec();
  }

  async unsureTaught(): Promise<number> {
    return Number((await this.redis.get(this.k('unsure-taught'))) ?? 0);
  }

  async reclassify(key: string, change: Reclassification): Promise<boolean> {
    const fields: Record<string, string> = {
      category: change.category,
      action: change.action,
      template: change.template ?? '',
      reasons: JSON.stringify(change.reasons),
      ...(change.notification ? { notification: JSON.stringify(change.notification) } : {}),
      ...(change.parserVersion ? { parserVersion: String(change.parserVersion) } : {}),
    };
    const done = await this.redis.reclassify(
      3,
      this.k(`inv:${key}`),
      this.k('text-expiry'),
      this.k('provisional'),
      change.action,
      ...Object.entries(fields).flat(),
    );
    return done === 1;
  }

  // --- drafts -----------------------------------------------------------------------------

  async beginDraft(key: string, at: Date): Promise<BeginDraft> {
    const token = randomBytes(12).toString('hex');
    const reply = (await this.fenced(
      'beginDraft',
      [this.k(`inv:${key}`)],
      [token, at.getTime(), CLAIM_MS],
    )) as [string, number | string];
    if (reply[0] === 'busy') return { busy: true };
    if (reply[0] === 'done') return { done: readDraftStatus(String(reply[1])) };
    return { key, token, recovering: reply[1] === 1 };
  }

  async stillClaimed(claim: DraftClaim, at: Date): Promise<boolean> {
    const held = await this.fenced(
      'stillClaimed',
      [this.k(`inv:${claim.key}`)],
      [claim.token, at.getTime(), CLAIM_MS],
    );
    return held === 1;
  }

  async confirmDraft(claim: DraftClaim, draft: WrittenDraft): Promise<boolean> {
    const done = await this.redis.confirmDraft(
      2,
      this.k(`inv:${claim.key}`),
      this.k('pending'),
      claim.token,
      draft.at.getTime(),
      'draftStatus',
      'pending',
      'draftUid',
      draft.uid === null ? '' : String(draft.uid),
      'draftMessageId',
      draft.messageId,
      'draftedAt',
      draft.at.toISOString(),
      'draftTo',
      draft.to ?? '',
      'draftSubject',
      draft.subject ?? '',
    );
    return done === 1;
  }

  async releaseDraft(claim: DraftClaim, appendMayHaveHappened: boolean): Promise<void> {
    await this.redis.releaseDraft(
      1,
      this.k(`inv:${claim.key}`),
      claim.token,
      appendMayHaveHappened ? '1' : '0',
    );
  }

  /** The count is kept for two days, so it resets by itself. */
  async reserveDailyDraft(day: string, limit: number): Promise<boolean> {
    const key = this.k(`drafts-on:${day}`);
    const [[, count]] = (await this.redis
      .multi()
      .incr(key)
      .expire(key, 2 * 24 * 3600)
      .exec()) as [[null, number], unknown];
    if (count <= limit) return true;
    await this.redis.decr(key);
    return false;
  }

  // --- lifecycle --------------------------------------------------------------------------

  async pendingCount(): Promise<number> {
    return this.redis.zcard(this.k('pending'));
  }

  async pendingKeys(): Promise<string[]> {
    return this.redis.zrange(this.k('pending'), '0', '-1');
  }

  async followDraft(key: string, uid: number, at: Date): Promise<void> {
    await this.redis.hset(this.k(`inv:${key}`), {
      draftUid: String(uid),
      draftEditedAt: at.toISOString(),
    });
  }

  async noteDraftMissing(key: string, at: Date | null): Promise<string | null> {
    const k = this.k(`inv:${key}`);
    if (at === null) {
      await this.redis.hdel(k, 'draftMissingSince');
      return null;
    }
    await this.redis.hsetnx(k, 'draftMissingSince', at.toISOString());
    return this.redis.hget(k, 'draftMissingSince');
  }

  /** Of two deciders racing (reconcile and an approval), the first wins. */
  async decide(key: string, decision: Decision, at: Date): Promise<boolean> {
    const done = await this.redis.decide(
      3,
      this.k(`inv:${key}`),
      this.k('pending'),
      this.k('text-expiry'),
      decision,
      at.toISOString(),
      at.getTime() + this.keepMs,
    );
    // The question went out (sent from a mail client, or on LinkedIn): its answer is looked for.
    if (done === 1 && (decision === 'sent' || decision === 'replied'))
      await markAsked(this.redis, this.prefix, this.account, key, at);
    return done === 1;
  }

  async holdDraft(key: string, ms = 120_000): Promise<(() => Promise<void>) | null> {
    const lockKey = this.k(`hold:${key}`);
    const token = randomBytes(12).toString('hex');
    const ok = await this.redis.set(lockKey, token, 'PX', ms, 'NX');
    if (ok !== 'OK') return null;
    return async () => {
      if ((await this.redis.get(lockKey)) === token) await this.redis.del(lockKey);
    };
  }

  // --- helpers ----------------------------------------------------------------------------

  /** Runs a fenced script: KEYS = [lease, ...keys], ARGV = [fence token, ...args]. */
  private async fenced(
    script: ScriptName,
    keys: string[],
    args: Array<string | number>,
  ): Promise<unknown> {
    const token = this.options.fence?.() ?? null;
    if (token === null) throw new LeaseLostError(this.account);
    try {
      return await this.redis[script](1 + keys.length, this.k('lease'), ...keys, token, ...args);
    } catch (err) {
      if (err instanceof Error && err.message.includes('LEASE_LOST'))
        throw new LeaseLostError(this.account);
      throw err;
    }
  }

  private k(suffix: string): string {
    return this.base + suffix;
  }
}

/** Records written before the lifecycle said 'drafted' for what is now 'pending'. */
function readDraftStatus(stored: string | undefined): DraftStatus {
  if (stored === 'drafted') return 'pending';
  return DRAFT_STATUSES.find((s) => s === stored) ?? 'none';
}

/**
 * The store on Redis: an account's invitations, history, sync cursors and lists (see keys.ts for
 * the layout), behind the small interfaces of records.ts. Its invitation records are changed
 * through invitationRecords.ts, their one writer. It holds metadata and state, never message
 * bodies; the inviter's note and headline stay only until history.keepDays after the invitation
 * needs nothing more; of the notification only what is read later (KeptNotification), LinkedIn's
 * links without what no reader needs (withKeptLinks).
 */
import { randomBytes } from 'node:crypto';
import { withKeptLinks } from '../draft/linkedInLinks.ts';
import { type KeptNotification, keptOf, type Notification } from '../parse/parseNotification.ts';
import { InvitationRecords } from './invitationRecords.ts';
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
import { runFenced, type ScriptedRedis, withScripts } from './scripts.ts';

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

export class Store implements SyncStore, InvitationStore, DraftStore, LifecycleStore, UnsureStore {
  private readonly redis: ScriptedRedis;
  private readonly base: string;
  private readonly keepMs: number;
  private readonly records: InvitationRecords;

  constructor(
    redis: RedisClient,
    prefix: string,
    readonly account: string,
    private readonly options: StoreOptions = {},
  ) {
    this.redis = withScripts(redis);
    this.base = accountBase(prefix, account);
    this.keepMs = (options.keepDays ?? 90) * DAY_MS;
    this.records = new InvitationRecords(redis, prefix, account, () => options.fence?.() ?? null);
  }

  // --- sync -------------------------------------------------------------------------------

  async getCursor(mailbox: string): Promise<SyncCursor | null> {
    const h = await this.redis.hgetall(this.k(`sync:${mailbox}`));
    return h.uidValidity ? { uidValidity: h.uidValidity, lastUid: Number(h.lastUid ?? 0) } : null;
  }

  async setCursor(mailbox: string, cursor: SyncCursor, at: Date): Promise<void> {
    const fence = {
      account: this.account,
      lease: this.k('lease'),
      token: this.options.fence?.() ?? null,
    };
    await runFenced(
      this.redis,
      'setCursor',
      fence,
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
    const notification = JSON.stringify(kept(fresh.notification));
    const fields: Record<string, string> = {
      key: fresh.key,
      category: c.category ?? '',
      action: c.action,
      template: c.template ?? '',
      reasons: JSON.stringify(c.reasons),
      firstSeenAt: at.toISOString(),
      draftStatus: c.action === 'draft' ? 'queued' : 'none',
      ...(fresh.source ? { source: JSON.stringify(fresh.source) } : {}),
      ...(fresh.parserVersion ? { parserVersion: String(fresh.parserVersion) } : {}),
    };
    // Without a draft nothing waits for a decision: the text is kept keepDays from now.
    const expiry = c.action === 'draft' ? '' : at.getTime() + this.keepMs;
    const { key, created } = await this.records.create({
      key: fresh.key,
      aliases,
      firstSeen: at.getTime(),
      textExpiry: expiry,
      notification,
      fields,
    });
    // A created record is these fields and no others: its key is its first alias
    // (invitationKey.ts), which named nothing, and records are only made under their aliases.
    const record = created
      ? recordFrom({ ...fields, notification })
      : await this.getInvitation(key);
    if (!record) throw new Error(`invitation ${key} is referenced but missing`);
    return { record, created };
  }

  async getInvitation(key: string): Promise<InvitationRecord | null> {
    return recordFrom(await this.records.read(key));
  }

  /** Every invitation key, newest first; `offset`/`count` for one page. */
  async invitationKeys(offset = 0, count = -1): Promise<string[]> {
    const stop = count < 0 ? -1 : offset + count - 1;
    return this.redis.zrevrange(this.k('invitations'), offset, stop);
  }

  async invitationCount(): Promise<number> {
    return this.redis.zcard(this.k('invitations'));
  }

  /** Events in order, in one command. */
  async addHistory(key: string, ...events: HistoryEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.redis.rpush(this.k(`history:${key}`), ...events.map((e) => JSON.stringify(e)));
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
    for (const key of keys) await this.records.dropText(key, withoutText);
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
    await this.records.markUnplacedIsFrame(key);
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
      ...(change.parserVersion ? { parserVersion: String(change.parserVersion) } : {}),
    };
    const notification = change.notification ? JSON.stringify(kept(change.notification)) : null;
    return this.records.reclassify(key, change.action, notification, fields);
  }

  // --- drafts -----------------------------------------------------------------------------

  async beginDraft(key: string, at: Date): Promise<BeginDraft> {
    const token = randomBytes(12).toString('hex');
    const reply = (await this.records.beginDraft(key, token, at.getTime(), CLAIM_MS)) as [
      string,
      number | string,
      string[],
      string,
    ];
    if (reply[0] === 'busy') return { busy: true };
    if (reply[0] === 'missing') return { missing: true };
    if (reply[0] === 'done') return { done: readDraftStatus(String(reply[1])) };
    const record = recordFrom({ ...fieldsOf(reply[2]), notification: reply[3] });
    if (!record) throw new Error(`invitation ${key} was claimed without its fields`);
    return { key, token, recovering: reply[1] === 1, record };
  }

  async stillClaimed(claim: DraftClaim, at: Date): Promise<boolean> {
    return this.records.stillClaimed(claim.key, claim.token, at.getTime(), CLAIM_MS);
  }

  async confirmDraft(claim: DraftClaim, draft: WrittenDraft): Promise<boolean> {
    return this.records.confirmDraft(claim.key, claim.token, draft.at.getTime(), {
      draftStatus: 'pending',
      draftUid: draft.uid === null ? '' : String(draft.uid),
      draftMessageId: draft.messageId,
      draftedAt: draft.at.toISOString(),
      draftTo: draft.to ?? '',
      draftSubject: draft.subject ?? '',
    });
  }

  async releaseDraft(claim: DraftClaim, appendMayHaveHappened: boolean): Promise<void> {
    await this.records.releaseDraft(claim.key, claim.token, appendMayHaveHappened);
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
    await this.records.followDraft(key, uid, at);
  }

  async noteDraftMissing(key: string, at: Date | null): Promise<string | null> {
    return this.records.noteDraftMissing(key, at);
  }

  /** Of two deciders racing (reconcile and an approval), the first wins. */
  async decide(key: string, decision: Decision, at: Date): Promise<boolean> {
    return this.records.decide(key, decision, at, at.getTime() + this.keepMs);
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

  private k(suffix: string): string {
    return this.base + suffix;
  }
}

/** What is kept of a notification: KeptNotification, with its links as withKeptLinks keeps them. */
function kept(n: Notification): KeptNotification {
  return withKeptLinks(keptOf(n));
}

/**
 * The notification without what a stranger wrote or said of themselves: note, headline, place;
 * and, in one stored before only what is kept was stored, the email's subject with the rest.
 */
function withoutText(stored: string): string {
  const n = keptOf(JSON.parse(stored) as Notification);
  return JSON.stringify({
    ...n,
    note: null,
    inviter: { ...n.inviter, headline: null, location: null },
  } satisfies KeptNotification);
}

/** HGETALL's flat field, value list, as from a script, as ioredis gives it outside one. */
function fieldsOf(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1] as string;
  return fields;
}

/** An invitation record from its stored fields; null when it has none. */
function recordFrom(h: Record<string, string>): InvitationRecord | null {
  if (!h.key || !h.notification) return null;
  return {
    key: h.key,
    category: h.category || null,
    action: h.action === 'draft' ? 'draft' : 'none',
    template: h.template || null,
    reasons: JSON.parse(h.reasons ?? '[]') as string[],
    notification: JSON.parse(h.notification) as KeptNotification,
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

/** Records written before the lifecycle said 'drafted' for what is now 'pending'. */
function readDraftStatus(stored: string | undefined): DraftStatus {
  if (stored === 'drafted') return 'pending';
  return DRAFT_STATUSES.find((s) => s === stored) ?? 'none';
}

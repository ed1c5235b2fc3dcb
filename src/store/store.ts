/**
 * Everything wherewemet remembers, in Redis, under `<prefix>:<account>:`. All datastore access
 * goes through this class. It holds metadata and state, never message bodies:
 *
 *   sync:<mailbox>        hash  uidValidity, lastUid, lastSyncAt: where catch-up resumes
 *   msg:<uidv>:<uid>      string what became of one message (so a redelivered job is a no-op)
 *   alias:<alias>         string invitation key for an invitation id, a profile or a Message-ID
 *   inv:<key>             hash  the invitation: who, category, action, draft status
 *   history:<key>         list  audit trail, JSON events oldest first
 *   hold:<key>            string short lock while one process approves, discards or reconciles it
 *   unparseable           list  messages that could not be read, with the reason (newest first)
 *   status                hash  what the running worker reports (src/status/workerStatus.ts)
 */
import type { Redis } from 'ioredis';
import type { Classification } from '../classify/classify.ts';
import type { Notification } from '../parse/parseNotification.ts';

/**
 * none: no draft wanted. queued: wanted, not written yet. pending: in Drafts, awaiting the user.
 * Then one decision, final: approved (sent by wherewemet on approval), sent (by the user's own
 * client), discarded (deleted by the user), expired (removed by wherewemet after its age limit).
 * sending: an approval has taken the draft out of Drafts and is sending it, or its outcome is not
 * known (src/store/sending.ts). replied: the user answered outside mail (on LinkedIn). ignored:
 * an invitation without a draft that the user will not answer.
 */
export const DRAFT_STATUSES = [
  'none',
  'queued',
  'pending',
  'approved',
  'sent',
  'discarded',
  'expired',
  'sending',
  'replied',
  'ignored',
] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
export type Decision = Extract<
  DraftStatus,
  'approved' | 'sent' | 'discarded' | 'expired' | 'replied'
>;

export interface InvitationRecord {
  key: string;
  category: string | null;
  action: 'draft' | 'none';
  template: string | null;
  reasons: string[];
  notification: Notification;
  firstSeenAt: string;
  draftStatus: DraftStatus;
  draftUid: number | null;
  draftMessageId: string | null;
  draftedAt: string | null;
  /** Recipients and subject as drafted (the user may have changed them since). */
  draftTo: string | null;
  draftSubject: string | null;
  /** When the draft was last seen edited (by the user or on the review page). */
  draftEditedAt: string | null;
  /** When reconcile first found the draft gone from Drafts with no reply in Sent yet. */
  draftMissingSince: string | null;
  decidedAt: string | null;
}

export interface MessageRef {
  mailbox: string;
  uidValidity: string;
  uid: number;
}

export interface SyncState {
  uidValidity: string;
  lastUid: number;
}

export interface HistoryEvent {
  at: string;
  event: string;
  [detail: string]: unknown;
}

/** Atomically finds the invitation behind any alias, or records a new one under all of them. */
const CLAIM_SCRIPT = `
-- KEYS[1]: record key for the new invitation; KEYS[2..]: alias keys
-- ARGV[1]: new invitation key; ARGV[2..]: field, value pairs of the new record
-- returns { key, 1 if created else 0 }
for i = 2, #KEYS do
  local existing = redis.call('GET', KEYS[i])
  if existing then
    for j = 2, #KEYS do redis.call('SET', KEYS[j], existing, 'NX') end
    return { existing, 0 }
  end
end
for j = 2, #KEYS do redis.call('SET', KEYS[j], ARGV[1]) end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
return { ARGV[1], 1 }
`;

/** Sets the final status only from pending. KEYS[1]: record; ARGV: status, decidedAt. */
const DECIDE_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'draftStatus')
if status ~= 'pending' and status ~= 'drafted' then return 0 end
redis.call('HSET', KEYS[1], 'draftStatus', ARGV[1], 'decidedAt', ARGV[2])
return 1
`;

type ClaimingRedis = Redis & {
  wherewemetClaim(numKeys: number, ...args: string[]): Promise<[string, number]>;
  wherewemetDecide(numKeys: number, ...args: string[]): Promise<number>;
};

export class Store {
  private readonly redis: ClaimingRedis;
  private readonly base: string;

  constructor(redis: Redis, prefix: string, account: string) {
    if (!('wherewemetClaim' in redis))
      redis.defineCommand('wherewemetClaim', { lua: CLAIM_SCRIPT });
    if (!('wherewemetDecide' in redis))
      redis.defineCommand('wherewemetDecide', { lua: DECIDE_SCRIPT });
    this.redis = redis as ClaimingRedis;
    this.base = `${prefix}:${account}:`;
  }

  async getSync(mailbox: string): Promise<SyncState | null> {
    const h = await this.redis.hgetall(this.k(`sync:${mailbox}`));
    return h.uidValidity ? { uidValidity: h.uidValidity, lastUid: Number(h.lastUid ?? 0) } : null;
  }

  async setSync(mailbox: string, state: SyncState, at: Date): Promise<void> {
    await this.redis.hset(this.k(`sync:${mailbox}`), {
      uidValidity: state.uidValidity,
      lastUid: String(state.lastUid),
      lastSyncAt: at.toISOString(),
    });
  }

  async messageOutcome(ref: MessageRef): Promise<string | null> {
    return this.redis.get(this.k(`msg:${ref.mailbox}:${ref.uidValidity}:${ref.uid}`));
  }

  async setMessageOutcome(ref: MessageRef, outcome: string): Promise<void> {
    await this.redis.set(this.k(`msg:${ref.mailbox}:${ref.uidValidity}:${ref.uid}`), outcome);
  }

  /**
   * The invitation behind these aliases, created from `fresh` when none exists yet. Returns the
   * stored record and whether this call created it.
   */
  async claimInvitation(
    aliases: string[],
    fresh: { key: string; notification: Notification; classification: Classification; at: Date },
  ): Promise<{ record: InvitationRecord; created: boolean }> {
    const { classification: c } = fresh;
    const fields: Record<string, string> = {
      key: fresh.key,
      category: c.category ?? '',
      action: c.action,
      template: c.template ?? '',
      reasons: JSON.stringify(c.reasons),
      notification: JSON.stringify(fresh.notification),
      firstSeenAt: fresh.at.toISOString(),
      draftStatus: c.action === 'draft' ? 'queued' : 'none',
    };
    const [key, created] = await this.redis.wherewemetClaim(
      1 + aliases.length,
      this.k(`inv:${fresh.key}`),
      ...aliases.map((a) => this.k(`alias:${a}`)),
      fresh.key,
      ...Object.entries(fields).flat(),
    );
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
    };
  }

  async markDrafted(
    key: string,
    draft: {
      uid: number | null;
      messageId: string;
      at: Date;
      to?: string | null;
      subject?: string | null;
    },
  ): Promise<void> {
    await this.redis.hset(this.k(`inv:${key}`), {
      draftStatus: 'pending',
      draftUid: draft.uid === null ? '' : String(draft.uid),
      draftMessageId: draft.messageId,
      draftedAt: draft.at.toISOString(),
      draftTo: draft.to ?? '',
      draftSubject: draft.subject ?? '',
    });
  }

  /**
   * Takes one of the day's `limit` drafts; false when none is left. The count is kept for
   * two days, so it resets by itself.
   */
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

  /** The draft now lives under another UID (the user edited it, or wherewemet saved an edit). */
  async followDraft(key: string, uid: number, at: Date): Promise<void> {
    await this.redis.hset(this.k(`inv:${key}`), {
      draftUid: String(uid),
      draftEditedAt: at.toISOString(),
    });
  }

  /** Notes when the draft was first missed (kept from the first call); cleared when found. */
  async noteDraftMissing(key: string, at: Date | null): Promise<string | null> {
    const k = this.k(`inv:${key}`);
    if (at === null) {
      await this.redis.hdel(k, 'draftMissingSince');
      return null;
    }
    await this.redis.hsetnx(k, 'draftMissingSince', at.toISOString());
    return this.redis.hget(k, 'draftMissingSince');
  }

  /**
   * Records the final decision, only if the draft is still pending: of two deciders racing (the
   * worker's reconcile and an approval), the first wins. Returns whether this call decided.
   */
  async decide(key: string, decision: Decision, at: Date): Promise<boolean> {
    const done = await this.redis.wherewemetDecide(
      1,
      this.k(`inv:${key}`),
      decision,
      at.toISOString(),
    );
    return done === 1;
  }

  /** A short exclusive hold on one invitation's draft, so approve, discard and reconcile do not
   * act on it at once. Returns a release function, or null when someone else holds it. */
  async holdDraft(key: string, ms = 120_000): Promise<(() => Promise<void>) | null> {
    const lockKey = this.k(`hold:${key}`);
    const token = `${process.pid}-${Math.random()}`;
    const ok = await this.redis.set(lockKey, token, 'PX', ms, 'NX');
    if (ok !== 'OK') return null;
    return async () => {
      if ((await this.redis.get(lockKey)) === token) await this.redis.del(lockKey);
    };
  }

  async addHistory(key: string, event: HistoryEvent): Promise<void> {
    await this.redis.rpush(this.k(`history:${key}`), JSON.stringify(event));
  }

  async history(key: string): Promise<HistoryEvent[]> {
    const items = await this.redis.lrange(this.k(`history:${key}`), 0, -1);
    return items.map((i) => JSON.parse(i) as HistoryEvent);
  }

  async recordUnparseable(ref: MessageRef, reason: string, at: Date): Promise<void> {
    await this.redis
      .multi()
      .lpush(this.k('unparseable'), JSON.stringify({ ...ref, reason, at: at.toISOString() }))
      .ltrim(this.k('unparseable'), 0, 9999)
      .set(this.k(`msg:${ref.mailbox}:${ref.uidValidity}:${ref.uid}`), `unparseable: ${reason}`)
      .exec();
  }

  async unparseable(): Promise<Array<MessageRef & { reason: string; at: string }>> {
    const items = await this.redis.lrange(this.k('unparseable'), 0, -1);
    return items.map((i) => JSON.parse(i) as MessageRef & { reason: string; at: string });
  }

  async invitationKeys(): Promise<string[]> {
    const keys: string[] = [];
    const stream = this.redis.scanStream({ match: this.k('inv:*'), count: 200 });
    for await (const batch of stream as AsyncIterable<string[]>) {
      for (const k of batch) keys.push(k.slice(this.k('inv:').length));
    }
    return keys.sort();
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

/** A stable, key-safe name for a mailbox account: "user@host:port". */
export function accountId(user: string, host: string, port: number): string {
  return `${user}@${host}:${port}`.toLowerCase().replace(/[^a-z0-9@._:+-]/g, '_');
}

// The store's interfaces in memory, for unit tests of the handlers (ingest, draft, reconcile):
// the same rules as the Redis store (store.ts, scripts.ts) — claims fenced by the account's
// lease token, one decision only, the pending index — without a server.
import type { Classification } from '../../src/classify/classify.ts';
import { LeaseLostError } from '../../src/errors.ts';
import type { Notification } from '../../src/parse/parseNotification.ts';
import type {
  BeginDraft,
  Decision,
  DraftClaim,
  DraftStatus,
  DraftStore,
  HistoryEvent,
  InvitationRecord,
  InvitationStore,
  LifecycleStore,
  MessageRef,
  Reclassification,
  StatusChangeStore,
  SyncCursor,
  SyncStore,
  UnparseableEntry,
  UnsureStore,
  WrittenDraft,
} from '../../src/store/records.ts';
import { invitationRecord } from './notifications.ts';

interface Claim {
  token: string;
  fence: string;
  until: number;
  appendStarted: boolean;
}

export class MemoryStore
  implements SyncStore, InvitationStore, DraftStore, LifecycleStore, UnsureStore, StatusChangeStore
{
  /** The account's lease token now; set it to another value to simulate a takeover. */
  leaseToken = 'lease-1';
  /** The token this store's writes are fenced with (its process's lease). */
  fence = 'lease-1';
  readonly records = new Map<string, InvitationRecord>();
  readonly aliases = new Map<string, string>();
  readonly histories = new Map<string, HistoryEvent[]>();
  readonly unparseableEntries: UnparseableEntry[] = [];
  readonly cursors = new Map<string, SyncCursor>();
  readonly claims = new Map<string, Claim>();
  readonly dailyCounts = new Map<string, number>();
  /** Unsure invitation key → first seen (ms). */
  readonly unsure = new Map<string, number>();
  readonly provisional = new Map<string, number>();
  readWith: string | null = null;
  taught = 0;
  private tokens = 0;

  async getCursor(mailbox: string) {
    return this.cursors.get(mailbox) ?? null;
  }

  async setCursor(mailbox: string, cursor: SyncCursor) {
    this.fenced();
    this.cursors.set(mailbox, cursor);
  }

  async claimInvitation(
    aliases: string[],
    fresh: {
      key: string;
      notification: Notification;
      classification: Classification;
      at: Date;
      source?: MessageRef;
      parserVersion?: number;
    },
  ) {
    const existing = aliases.map((a) => this.aliases.get(a)).find((k) => k !== undefined);
    const key = existing ?? fresh.key;
    for (const a of aliases) if (!this.aliases.has(a)) this.aliases.set(a, key);
    if (!existing) {
      const c = fresh.classification;
      this.records.set(
        key,
        invitationRecord({
          key,
          category: c.category,
          action: c.action,
          template: c.template,
          reasons: c.reasons,
          notification: fresh.notification,
          firstSeenAt: fresh.at.toISOString(),
          draftStatus: c.action === 'draft' ? 'queued' : 'none',
          source: fresh.source ?? null,
          parserVersion: fresh.parserVersion ?? null,
        }),
      );
    }
    return {
      record: structuredClone(this.records.get(key) as InvitationRecord),
      created: !existing,
    };
  }

  async getInvitation(key: string) {
    const r = this.records.get(key);
    return r ? structuredClone(r) : null;
  }

  async addHistory(key: string, ...events: HistoryEvent[]) {
    this.histories.set(key, [...(this.histories.get(key) ?? []), ...events]);
  }

  async history(key: string) {
    return this.histories.get(key) ?? [];
  }

  /** As in Redis: one record per message, the latest refusal replacing an earlier one. */
  async recordUnparseable(entry: UnparseableEntry) {
    const at = this.unparseableEntries.findIndex(
      (e) => e.uid === entry.uid && e.uidValidity === entry.uidValidity,
    );
    if (at >= 0) this.unparseableEntries.splice(at, 1);
    this.unparseableEntries.push(entry);
  }

  async holdUnsure(key: string, firstSeen: Date) {
    if (!this.unsure.has(key)) this.unsure.set(key, firstSeen.getTime());
  }

  async unsureKeys(count = -1) {
    const keys = [...this.unsure.entries()].sort((a, b) => a[1] - b[1]).map(([k]) => k);
    return count < 0 ? keys : keys.slice(0, count);
  }

  async unsureCount() {
    return this.unsure.size;
  }

  async releaseUnsure(key: string) {
    this.unsure.delete(key);
  }

  async holdProvisional(key: string, firstSeen: Date) {
    if (!this.provisional.has(key)) this.provisional.set(key, firstSeen.getTime());
  }

  async provisionalKeys(count = -1) {
    const keys = [...this.provisional.entries()].sort((a, b) => a[1] - b[1]).map(([k]) => k);
    return count < 0 ? keys : keys.slice(0, count);
  }

  async releaseProvisional(key: string) {
    this.provisional.delete(key);
  }

  async unsureReadWith() {
    return this.readWith;
  }

  async setUnsureReadWith(mark: string) {
    this.readWith = mark;
  }

  async markUnplacedIsFrame(key: string) {
    this.taught++;
    const r = this.records.get(key);
    if (r) r.unplacedIsFrame = true;
  }

  async unsureTaught() {
    return this.taught;
  }

  async reclassify(key: string, change: Reclassification) {
    const r = this.records.get(key);
    const provisional = r?.category === 'has-context' && this.provisional.has(key);
    if ((r?.category !== 'unsure' && !provisional) || r?.draftStatus !== 'none') return false;
    this.provisional.delete(key);
    Object.assign(r, {
      category: change.category,
      action: change.action,
      template: change.template,
      reasons: change.reasons,
      ...(change.notification ? { notification: change.notification } : {}),
      ...(change.parserVersion ? { parserVersion: change.parserVersion } : {}),
      draftStatus: change.action === 'draft' ? 'queued' : 'none',
    });
    return true;
  }

  async beginDraft(key: string, at: Date): Promise<BeginDraft> {
    this.fenced();
    const record = this.records.get(key);
    if (!record) return { missing: true };
    if (record.draftStatus !== 'queued') return { done: record.draftStatus };
    const held = this.claims.get(key);
    if (held && held.until > at.getTime() && held.fence === this.leaseToken) return { busy: true };
    const token = `claim-${++this.tokens}`;
    this.claims.set(key, {
      token,
      fence: this.fence,
      until: at.getTime() + 120_000,
      appendStarted: true,
    });
    return {
      key,
      token,
      recovering: held?.appendStarted === true,
      record: structuredClone(record),
    };
  }

  async stillClaimed(claim: DraftClaim) {
    this.fenced();
    return this.claims.get(claim.key)?.token === claim.token;
  }

  async confirmDraft(claim: DraftClaim, draft: WrittenDraft) {
    const record = this.records.get(claim.key);
    if (!record || this.claims.get(claim.key)?.token !== claim.token) return false;
    Object.assign(record, {
      draftStatus: 'pending',
      draftUid: draft.uid,
      draftMessageId: draft.messageId,
      draftedAt: draft.at.toISOString(),
      draftTo: draft.to,
      draftSubject: draft.subject,
    });
    this.claims.delete(claim.key);
    return true;
  }

  async releaseDraft(claim: DraftClaim, appendMayHaveHappened: boolean) {
    const held = this.claims.get(claim.key);
    if (held?.token !== claim.token) return;
    if (appendMayHaveHappened) this.claims.set(claim.key, { ...held, token: '', until: 0 });
    else this.claims.delete(claim.key);
  }

  async reserveDailyDraft(day: string, limit: number) {
    const n = (this.dailyCounts.get(day) ?? 0) + 1;
    if (n > limit) return false;
    this.dailyCounts.set(day, n);
    return true;
  }

  async pendingKeys() {
    return [...this.records.values()].filter((r) => r.draftStatus === 'pending').map((r) => r.key);
  }

  async followDraft(key: string, uid: number, at: Date) {
    const r = this.records.get(key);
    if (r) Object.assign(r, { draftUid: uid, draftEditedAt: at.toISOString() });
  }

  async noteDraftMissing(key: string, at: Date | null) {
    const r = this.records.get(key);
    if (!r) return null;
    r.draftMissingSince = at === null ? null : (r.draftMissingSince ?? at.toISOString());
    return r.draftMissingSince;
  }

  async decide(key: string, decision: Decision, at: Date) {
    const r = this.records.get(key);
    if (r?.draftStatus !== 'pending') return false;
    Object.assign(r, { draftStatus: decision, decidedAt: at.toISOString() });
    return true;
  }

  async holdDraft(): Promise<(() => Promise<void>) | null> {
    return async () => {};
  }

  /** As statusChange.ts; a field given as '' is read back as null, as from Redis. */
  async change(
    key: string,
    from: DraftStatus[],
    to: DraftStatus,
    fields: Record<string, string> = {},
  ) {
    const r = this.records.get(key);
    if (!r || !from.includes(r.draftStatus)) return false;
    const read = Object.entries(fields).map(([field, value]) => [field, value || null]);
    Object.assign(r, Object.fromEntries(read), { draftStatus: to });
    return true;
  }

  private fenced(): void {
    if (this.fence !== this.leaseToken) throw new LeaseLostError('test');
  }
}

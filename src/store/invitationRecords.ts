/**
 * The one writer of `inv:<key>` records and their `notification:<key>`, and of what changes
 * atomically with them (the indexes invitations, pending, text-expiry, provisional, sending; an
 * attempt's sending:<key> and lease as it begins and ends; `asked` when a decision puts the
 * question out or takes it back). Store, StatusChanges, SendingRecords and UndoRecords say what
 * should change; this runs it, through the scripts of scripts.ts, and waits for a replica
 * (replicas.ts) after the writes a person or a worker relies on: decisions, undo, draft claims
 * and send records.
 */
import { markAsked } from './answers.ts';
import { accountBase } from './keys.ts';
import type { Decision, DraftStatus } from './records.ts';
import type { RedisClient } from './redisClient.ts';
import { type DurableWrite, waitForReplica } from './replicas.ts';
import { runFenced, type ScriptedRedis, withScripts } from './scripts.ts';

/**
 * A new record: its aliases, when it was first seen, when its text may go ('' not yet), the
 * notification (JSON) and the other fields.
 */
export interface NewRecord {
  key: string;
  aliases: string[];
  firstSeen: number;
  textExpiry: number | '';
  notification: string;
  fields: Record<string, string>;
}

/** A sending attempt's change of the record: see scripts.ts beginSend and finishSend. */
export interface SendBegin {
  token: string;
  holdMs: number;
  mode: 'fresh' | 'again';
  attempt: Record<string, string>;
}

export interface SendFinish {
  token: string | null;
  status: Extract<DraftStatus, 'pending' | 'approved' | 'sent' | 'discarded'>;
  at: Date;
  draftUid: number | null;
  textExpiry: number;
}

/** What an undo restores: see scripts.ts undoDecision. */
export interface UndoChange {
  decision: 'discarded' | 'replied';
  decidedAt: string;
  from: DraftStatus;
  draft: { uid: number | null; draftedAt: string } | null;
}

export class InvitationRecords {
  private readonly redis: ScriptedRedis;
  private readonly base: string;

  /** `fence`: the account's current lease token, for the fenced draft claim. */
  constructor(
    redis: RedisClient,
    private readonly prefix: string,
    readonly account: string,
    private readonly fence: () => string | null = () => null,
  ) {
    this.redis = withScripts(redis);
    this.base = accountBase(prefix, account);
  }

  /**
   * The record's fields, the notification among them: from notification:<key>, or from the
   * record's own field where a record written before the split keeps it.
   */
  async read(key: string): Promise<Record<string, string>> {
    const [[, fields], [, notification]] = (await this.redis
      .pipeline()
      .hgetall(this.inv(key))
      .get(this.notification(key))
      .exec()) as [[null, Record<string, string>], [null, string | null]];
    if (fields.notification || notification === null) return fields;
    return { ...fields, notification };
  }

  /** The record behind any alias, or this new one under all of them; whether it was created. */
  async create(record: NewRecord): Promise<{ key: string; created: boolean }> {
    const [key, created] = (await this.redis.claimInvitation(
      4 + record.aliases.length,
      this.inv(record.key),
      this.k('invitations'),
      this.k('text-expiry'),
      this.notification(record.key),
      ...record.aliases.map((a) => this.k(`alias:${a}`)),
      record.key,
      record.firstSeen,
      record.textExpiry,
      record.notification,
      ...Object.entries(record.fields).flat(),
    )) as [string, number];
    return { key, created: created === 1 };
  }

  /**
   * Replaces the stored notification with `change(stored)` (in notification:<key>, also for a
   * record that kept it in its own field), and takes it off text-expiry.
   */
  async dropText(key: string, change: (stored: string) => string): Promise<void> {
    const stored = (await this.read(key)).notification;
    const write = this.redis.multi();
    if (stored)
      write.set(this.notification(key), change(stored)).hdel(this.inv(key), 'notification');
    await write.zrem(this.k('text-expiry'), key).exec();
  }

  async markUnplacedIsFrame(key: string): Promise<void> {
    await this.redis
      .multi()
      .hset(this.inv(key), 'unplacedIsFrame', '1')
      .incr(this.k('unsure-taught'))
      .exec();
  }

  /** `notification`: the new one (JSON), or null to keep the stored one. */
  async reclassify(
    key: string,
    action: 'draft' | 'none',
    notification: string | null,
    fields: Record<string, string>,
  ): Promise<boolean> {
    const done = await this.redis.reclassify(
      4,
      this.inv(key),
      this.k('text-expiry'),
      this.k('provisional'),
      this.notification(key),
      action,
      notification ?? '',
      ...Object.entries(fields).flat(),
    );
    return done === 1;
  }

  /** Fenced, and copied to a replica: see scripts.ts beginDraft for the reply. */
  async beginDraft(key: string, token: string, now: number, claimMs: number): Promise<unknown> {
    const keys = [this.inv(key), this.notification(key)];
    const reply = await this.fenced('beginDraft', keys, [token, now, claimMs]);
    await this.replicated(key, 'claim');
    return reply;
  }

  /** Fenced: whether the claim still holds, renewed when it does. */
  async stillClaimed(key: string, token: string, now: number, claimMs: number): Promise<boolean> {
    return (await this.fenced('stillClaimed', [this.inv(key)], [token, now, claimMs])) === 1;
  }

  async confirmDraft(
    key: string,
    token: string,
    at: number,
    fields: Record<string, string>,
  ): Promise<boolean> {
    const done = await this.redis.confirmDraft(
      2,
      this.inv(key),
      this.k('pending'),
      token,
      at,
      key,
      ...Object.entries(fields).flat(),
    );
    return done === 1;
  }

  async releaseDraft(key: string, token: string, keepAppendMarker: boolean): Promise<void> {
    await this.redis.releaseDraft(1, this.inv(key), token, keepAppendMarker ? '1' : '0');
  }

  async followDraft(key: string, uid: number, at: Date): Promise<void> {
    await this.redis.hset(this.inv(key), {
      draftUid: String(uid),
      draftEditedAt: at.toISOString(),
    });
  }

  /** When the draft was first missed (kept from the first call); cleared with null. */
  async noteDraftMissing(key: string, at: Date | null): Promise<string | null> {
    if (at === null) {
      await this.redis.hdel(this.inv(key), 'draftMissingSince');
      return null;
    }
    await this.redis.hsetnx(this.inv(key), 'draftMissingSince', at.toISOString());
    return this.redis.hget(this.inv(key), 'draftMissingSince');
  }

  /** The final decision on a pending draft (scripts.ts decide); whether this call made it. */
  async decide(key: string, decision: Decision, at: Date, textExpiry: number): Promise<boolean> {
    const done = await this.redis.decide(
      3,
      this.inv(key),
      this.k('pending'),
      this.k('text-expiry'),
      decision,
      at.toISOString(),
      textExpiry,
    );
    if (done !== 1) return false;
    // The question went out (sent from a mail client, or on LinkedIn): its answer is looked for.
    if (decision === 'sent' || decision === 'replied') await this.markAsked(key, at);
    await this.replicated(key, 'decision');
    return true;
  }

  /** Sets `to` (and `fields`) only when the status is one of `from`; whether it did. */
  async changeStatus(
    key: string,
    from: DraftStatus[],
    to: DraftStatus,
    fields: Record<string, string>,
  ): Promise<boolean> {
    const done = await this.redis.changeStatus(
      2,
      this.inv(key),
      this.k('text-expiry'),
      from.join(','),
      to,
      ...Object.entries(fields).flat(),
    );
    if (done !== 1) return false;
    // Replied on LinkedIn: the question went out there, and its answer is looked for.
    if (to === 'replied')
      await this.markAsked(key, fields.decidedAt ? new Date(fields.decidedAt) : new Date());
    await this.replicated(key, 'decision');
    return true;
  }

  /** The record back from a decision, only while it still holds it; whether it did. */
  async undoDecision(key: string, change: UndoChange): Promise<boolean> {
    const done = await this.redis.undoDecision(
      4,
      this.inv(key),
      this.k('pending'),
      this.k('text-expiry'),
      this.k('asked'),
      key,
      change.decision,
      change.decidedAt,
      change.from,
      change.draft?.uid == null ? '' : String(change.draft.uid),
      change.draft ? String(Date.parse(change.draft.draftedAt)) : '',
      String(Date.parse(change.decidedAt)),
    );
    if (done !== 1) return false;
    await this.replicated(key, 'undo');
    return true;
  }

  /** Takes the draft for a sending attempt: see scripts.ts beginSend for the reply. */
  async beginSend(key: string, begin: SendBegin): Promise<string> {
    const reply = (await this.redis.beginSend(
      5,
      ...this.sendingKeys(key),
      this.k('pending'),
      this.k('sending'),
      begin.token,
      String(begin.holdMs),
      begin.mode,
      ...Object.entries(begin.attempt).flat(),
    )) as string;
    if (reply === 'ok') await this.replicated(key, 'send');
    return reply;
  }

  /** Ends a sending attempt with a status; whether this call ended it. */
  async finishSend(key: string, finish: SendFinish): Promise<boolean> {
    const { at } = finish;
    const done = await this.redis.finishSend(
      6,
      ...this.sendingKeys(key),
      this.k('pending'),
      this.k('text-expiry'),
      this.k('sending'),
      finish.token ?? '',
      finish.status,
      at.toISOString(),
      finish.draftUid === null ? '' : String(finish.draftUid),
      String(at.getTime()),
      String(finish.textExpiry),
    );
    if (done !== 1) return false;
    // The question went out: its answer is looked for.
    if (finish.status === 'approved' || finish.status === 'sent') await this.markAsked(key, at);
    await this.replicated(key, 'send');
    return true;
  }

  /** inv:<key>, sending:<key>, sending-lease:<key>: an attempt's keys, in the scripts' order. */
  sendingKeys(key: string): [string, string, string] {
    return [this.inv(key), this.k(`sending:${key}`), this.k(`sending-lease:${key}`)];
  }

  /** The sending index: drafts an approval has taken. */
  sendingIndex(): string {
    return this.k('sending');
  }

  private markAsked(key: string, at: Date): Promise<void> {
    return markAsked(this.redis, this.prefix, this.account, key, at);
  }

  private fenced(
    script: 'beginDraft' | 'stillClaimed',
    keys: string[],
    args: Array<string | number>,
  ): Promise<unknown> {
    const fence = { account: this.account, lease: this.k('lease'), token: this.fence() };
    return runFenced(this.redis, script, fence, keys, args);
  }

  private replicated(key: string, write: DurableWrite): Promise<void> {
    return waitForReplica(this.redis, this.inv(key), { account: this.account, write });
  }

  private inv(key: string): string {
    return this.k(`inv:${key}`);
  }

  private notification(key: string): string {
    return this.k(`notification:${key}`);
  }

  private k(suffix: string): string {
    return this.base + suffix;
  }
}

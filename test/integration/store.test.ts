// The store and the leases on the real Redis: old records, one decision only, the pending index,
// draft claims fenced by the account's lease, and leases that expire and pass to a new owner;
// the notification kept apart from the record, which old records still hold in a field.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { type Classification, classify } from '../../src/classify/classify.ts';
import { parseConfig } from '../../src/config/load.ts';
import { withKeptLinks } from '../../src/draft/linkedInLinks.ts';
import { LeaseLostError } from '../../src/errors.ts';
import { keptOf, type Notification } from '../../src/parse/parseNotification.ts';
import { accountBase } from '../../src/store/keys.ts';
import { RedisLeaseStore } from '../../src/store/leaseStore.ts';
import { Store } from '../../src/store/store.ts';
import { redisUrl, uniqueRedisPrefix } from '../harness/context.ts';
import { invitation } from '../support/notifications.ts';

const redis = new Redis(redisUrl());
afterAll(async () => {
  await redis.quit();
});

const me = (n: number) => ({
  owner: `host:${n}:aaaa`,
  host: 'host',
  pid: n,
  since: '2026-12-01T00:00:00Z',
});

/** A store for a fresh account whose lease `owner` holds (or nobody, with `lease: false`). */
async function freshAccount(options: { lease?: boolean } = {}) {
  const prefix = uniqueRedisPrefix('store').replace(/:$/, '');
  const leases = new RedisLeaseStore(redis, prefix);
  const lease = options.lease === false ? null : await leases.acquire('acct', me(1), 60_000);
  const store = new Store(redis, prefix, 'acct', { fence: () => lease?.token ?? null });
  return { prefix, leases, lease, store };
}

const rules = parseConfig(
  'templates: { where-we-met: { subject: s, body: b }, not-now: { subject: s, body: b } }',
  't',
  {},
).rules;

async function queuedInvitation(store: Store, key: string) {
  const notification = invitation({});
  return store.claimInvitation([`id-${key}`], {
    key,
    notification,
    classification: classify(notification, rules),
    at: new Date(),
  });
}

describe('store: invitations', () => {
  it('finds an invitation under any of its aliases, and files its new aliases under it', async () => {
    const { store } = await freshAccount();
    const notification = invitation({});
    const fresh = (key: string) => ({
      key,
      notification,
      classification: classify(notification, rules),
      at: new Date('2026-12-01T09:00:00Z'),
    });
    const first = await store.claimInvitation(['id-1', 'msg-1'], fresh('id-1'));
    expect(first).toMatchObject({ created: true, record: { key: 'id-1', draftStatus: 'queued' } });
    expect(first.record).toEqual(await store.getInvitation('id-1'));
    const reminder = await store.claimInvitation(['id-2', 'msg-2', 'msg-1'], fresh('id-2'));
    expect(reminder).toMatchObject({ created: false, record: { key: 'id-1' } });
    expect((await store.claimInvitation(['msg-2'], fresh('msg-2'))).record.key).toBe('id-1');
    expect(await store.invitationKeys()).toEqual(['id-1']);
  });
});

describe('store: the notification, kept apart from the record', () => {
  const unsure: Classification = {
    category: 'unsure',
    action: 'none',
    template: null,
    reasons: [],
  };
  const noted = invitation({ note: 'We met at the Berlin meetup', noteKind: 'personal' });

  /** What the previous version stored: the whole notification, in the record's own field. */
  async function asBefore(prefix: string, key: string, notification: Notification) {
    const base = accountBase(prefix, 'acct');
    await redis.hset(`${base}inv:${key}`, 'notification', JSON.stringify(notification));
    await redis.del(`${base}notification:${key}`);
  }

  it('stores what is read later, its links kept, and the record as a compact listpack', async () => {
    const { prefix, store } = await queuedAccount();
    const base = accountBase(prefix, 'acct');
    expect(await redis.object('ENCODING', `${base}inv:q`)).toBe('listpack');
    expect(await redis.hget(`${base}inv:q`, 'notification')).toBeNull();
    const stored = (await store.getInvitation('q'))?.notification;
    expect(stored).toEqual(withKeptLinks(keptOf(invitation({}))));
    expect(stored).not.toHaveProperty('subject');
  });

  it('reads, claims and drafts a record written before, with it in its own field', async () => {
    const { prefix, store } = await queuedAccount();
    const stored = { ...(await store.getInvitation('q')), notification: invitation({}) };
    await asBefore(prefix, 'q', invitation({}));
    expect(await store.getInvitation('q')).toEqual(stored);
    const claimed = await store.beginDraft('q', new Date());
    expect(claimed).toMatchObject({ key: 'q', record: { notification: stored?.notification } });
    if (!('token' in claimed)) throw new Error('not claimed');
    const written = { uid: 7, messageId: '<d@x>', to: null, subject: 's', at: new Date() };
    expect(await store.confirmDraft(claimed, written)).toBe(true);
    expect(await store.getInvitation('q')).toMatchObject({
      draftStatus: 'pending',
      notification: stored?.notification,
    });
  });

  it("drops an old or a new record's text when it expires, and re-reads an old unsure one", async () => {
    const prefix = uniqueRedisPrefix('store').replace(/:$/, '');
    const store = new Store(redis, prefix, 'acct', { keepDays: 0 });
    const at = new Date(Date.now() - 1000);
    for (const key of ['new', 'old'])
      await store.claimInvitation([`id-${key}`], {
        key,
        notification: noted,
        classification: unsure,
        at,
      });
    await asBefore(prefix, 'old', noted);
    expect(await store.dropExpiredText(new Date())).toBe(2);
    for (const key of ['new', 'old']) {
      const { notification } = (await store.getInvitation(key)) ?? {};
      expect(notification).toMatchObject({
        note: null,
        inviter: { name: 'Jane Doe', headline: null },
      });
      expect(notification).not.toHaveProperty('subject');
    }

    await store.claimInvitation(['id-unsure'], {
      key: 'unsure',
      notification: noted,
      classification: unsure,
      at,
    });
    await asBefore(prefix, 'unsure', noted);
    const reread = invitation({ note: 'We met at the Hamburg meetup', noteKind: 'personal' });
    const change = { ...unsure, category: 'has-context' as const, notification: reread };
    expect(await store.reclassify('unsure', change)).toBe(true);
    expect((await store.getInvitation('unsure'))?.notification.note).toBe(reread.note);
  });
});

async function queuedAccount() {
  const account = await freshAccount();
  await queuedInvitation(account.store, 'q');
  return account;
}

describe('store: decisions', () => {
  it("reads a record written as 'drafted' as pending, and decides it once", async () => {
    const { prefix, store } = await freshAccount();
    await redis.hset(`${accountBase(prefix, 'acct')}inv:old`, {
      key: 'old',
      notification: JSON.stringify({ inviter: { name: 'Old Record' } }),
      draftStatus: 'drafted',
      draftUid: '3',
    });
    expect((await store.getInvitation('old'))?.draftStatus).toBe('pending');
    expect(await store.decide('old', 'sent', new Date('2026-11-22T00:00:00Z'))).toBe(true);
    expect(await store.decide('old', 'discarded', new Date())).toBe(false);
    const decided = await store.getInvitation('old');
    expect(decided?.draftStatus).toBe('sent');
    expect(decided?.decidedAt).toBe('2026-11-22T00:00:00.000Z');
  });

  it('lets one holder at a time act on a draft', async () => {
    const { store } = await freshAccount();
    const release = await store.holdDraft('held');
    expect(release).not.toBeNull();
    expect(await store.holdDraft('held')).toBeNull();
    await release?.();
    const again = await store.holdDraft('held');
    expect(again).not.toBeNull();
    await again?.();
  });
});

describe('store: writing a draft', () => {
  it('claims, confirms into the pending index, and a decision leaves it', async () => {
    const { store } = await freshAccount();
    const { record, created } = await queuedInvitation(store, 'k1');
    expect(created).toBe(true);
    expect(record.draftStatus).toBe('queued');
    const claim = await store.beginDraft('k1', new Date());
    if (!('token' in claim)) throw new Error('not claimed');
    expect(claim.recovering).toBe(false);
    expect(claim.record).toEqual(record); // the record to write from, without a read of its own
    expect(await store.beginDraft('k1', new Date())).toEqual({ busy: true });
    expect(await store.beginDraft('nobody', new Date())).toEqual({ missing: true });
    expect(await store.stillClaimed(claim, new Date())).toBe(true);
    const written = { uid: 9, messageId: '<m@x>', to: null, subject: 'Hi', at: new Date() };
    expect(await store.confirmDraft(claim, written)).toBe(true);
    expect(await store.pendingKeys()).toEqual(['k1']);
    expect(await store.beginDraft('k1', new Date())).toEqual({ done: 'pending' });
    expect(await store.decide('k1', 'discarded', new Date())).toBe(true);
    expect(await store.pendingKeys()).toEqual([]);
  });

  it('tells the next attempt to look in Drafts when the last one may have appended', async () => {
    const { store } = await freshAccount();
    await queuedInvitation(store, 'k2');
    const first = await store.beginDraft('k2', new Date());
    if (!('token' in first)) throw new Error('not claimed');
    await store.releaseDraft(first, true);
    const second = await store.beginDraft('k2', new Date());
    expect(second).toMatchObject({ recovering: true });
    if (!('token' in second)) throw new Error('not claimed');
    await store.releaseDraft(second, false);
    expect(await store.beginDraft('k2', new Date())).toMatchObject({ recovering: false });
  });

  it('a worker whose lease was taken over can neither claim nor confirm over the new owner', async () => {
    const { prefix, leases, lease, store: stale } = await freshAccount();
    await queuedInvitation(stale, 'k3');
    const old = await stale.beginDraft('k3', new Date());
    if (!('token' in old) || !lease) throw new Error('not claimed');
    // The owner stalls: its lease expires and another process takes the account.
    await redis.del(`${accountBase(prefix, 'acct')}lease`);
    const next = await leases.acquire('acct', me(2), 60_000);
    expect(Number(next?.token)).toBeGreaterThan(Number(lease.token));
    const fresh = new Store(redis, prefix, 'acct', { fence: () => next?.token ?? null });
    await expect(stale.stillClaimed(old, new Date())).rejects.toBeInstanceOf(LeaseLostError);
    await expect(
      stale.setCursor('INBOX', { uidValidity: '1', lastUid: 5 }, new Date()),
    ).rejects.toBeInstanceOf(LeaseLostError);
    // The new owner takes the claim over at once, and knows an append may have happened.
    const taken = await fresh.beginDraft('k3', new Date());
    expect(taken).toMatchObject({ recovering: true });
    const written = { uid: 1, messageId: '<m@x>', to: null, subject: null, at: new Date() };
    expect(await stale.confirmDraft(old, written)).toBe(false);
    if (!('token' in taken)) throw new Error('not claimed');
    expect(await fresh.confirmDraft(taken, written)).toBe(true);
  });
});

describe('leases', () => {
  it('one owner at a time, renewed only by it, free again after release', async () => {
    const { leases, lease } = await freshAccount();
    if (!lease) throw new Error('no lease');
    expect(await leases.acquire('acct', me(2), 60_000)).toBeNull();
    expect(await leases.renew(lease, 60_000)).toBe(true);
    expect(await leases.owner('acct')).toMatchObject({ host: 'host', pid: 1, token: lease.token });
    expect(await leases.unheld(['acct', 'other'])).toEqual(['other']);
    await leases.release(lease);
    expect(await leases.renew(lease, 60_000)).toBe(false);
    expect(await leases.acquire('acct', me(2), 60_000)).not.toBeNull();
  });

  it('a lease that is not renewed expires, and the registry forgets a silent process', async () => {
    const { leases } = await freshAccount({ lease: false });
    const lease = await leases.acquire('acct', me(1), 200);
    if (!lease) throw new Error('no lease');
    expect(await leases.heartbeat(me(1), 200, new Date())).toEqual([me(1).owner]);
    await expect.poll(() => leases.unheld(['acct']), { timeout: 5000 }).toEqual(['acct']);
    expect(await leases.renew(lease, 200)).toBe(false);
    const later = new Date(Date.now() + 1000);
    expect(await leases.heartbeat(me(2), 200, later)).toEqual([me(2).owner]);
  });
});

describe('store: provisional notes', () => {
  const personal = () => {
    const notification = invitation({
      note: 'Follows you and 3 of your colleagues',
      noteKind: 'personal',
    });
    return { notification, classification: classify(notification, rules) };
  };
  const placed = {
    category: 'no-context' as const,
    action: 'draft' as const,
    template: 'where-we-met',
    reasons: ['no note'],
  };

  it('places one on the list once, and queues its draft; one not on the list stays as it is', async () => {
    const { store } = await freshAccount();
    const on = personal();
    expect(on.classification).toMatchObject({ category: 'has-context', provisional: true });
    await store.claimInvitation(['id-on'], { key: 'on', ...on, at: new Date() });
    await store.holdProvisional('on', new Date());
    await store.claimInvitation(['id-off'], { key: 'off', ...personal(), at: new Date() });

    expect(await store.reclassify('off', placed)).toBe(false);
    expect((await store.getInvitation('off'))?.category).toBe('has-context');
    expect(await store.reclassify('on', placed)).toBe(true);
    expect(await store.getInvitation('on')).toMatchObject({
      category: 'no-context',
      draftStatus: 'queued',
    });
    expect(await store.provisionalKeys()).toEqual([]);
    expect(await store.reclassify('on', placed)).toBe(false);
  });
});

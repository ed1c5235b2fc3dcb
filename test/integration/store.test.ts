// The lifecycle's part of the store, on the real Redis: old records, and one decision only.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.ts';
import { redisUrl, uniqueRedisPrefix } from '../harness/context.ts';

describe('store: draft lifecycle', () => {
  const redis = new Redis(redisUrl());
  const prefix = uniqueRedisPrefix('store').replace(/:$/, '');
  const store = new Store(redis, prefix, 'me@example.net:143');
  const record = (key: string, status: string) =>
    redis.hset(`${prefix}:me@example.net:143:inv:${key}`, {
      key,
      notification: JSON.stringify({ inviter: { name: 'Old Record' } }),
      draftStatus: status,
      draftUid: '3',
    });

  afterAll(async () => {
    await redis.quit();
  });

  it("reads a record written as 'drafted' as pending, and can decide it", async () => {
    await record('old', 'drafted');
    expect((await store.getInvitation('old'))?.draftStatus).toBe('pending');
    expect(await store.decide('old', 'sent', new Date('2026-11-22T00:00:00Z'))).toBe(true);
    const decided = await store.getInvitation('old');
    expect(decided?.draftStatus).toBe('sent');
    expect(decided?.decidedAt).toBe('2026-11-22T00:00:00.000Z');
  });

  it('records only the first decision', async () => {
    await record('raced', 'pending');
    const at = new Date();
    expect(await store.decide('raced', 'approved', at)).toBe(true);
    expect(await store.decide('raced', 'discarded', at)).toBe(false);
    expect((await store.getInvitation('raced'))?.draftStatus).toBe('approved');
    await record('queued', 'queued');
    expect(await store.decide('queued', 'discarded', at)).toBe(false);
  });

  it('lets one holder at a time act on a draft', async () => {
    const release = await store.holdDraft('held');
    expect(release).not.toBeNull();
    expect(await store.holdDraft('held')).toBeNull();
    await release?.();
    const again = await store.holdDraft('held');
    expect(again).not.toBeNull();
    await again?.();
  });
});

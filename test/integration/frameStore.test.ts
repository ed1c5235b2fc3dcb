// The learned frame on the real Redis: one Lua script per lesson, bounded, one source one vote,
// snapshots reloaded by version (frameStoreSpec.ts), and only hashes stored.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { shapeKey, sourceKey } from '../../src/parse/learnedFrame.ts';
import { RedisFrameStore } from '../../src/store/frameStore.ts';
import { frameBase } from '../../src/store/keys.ts';
import { redisUrl, uniqueRedisPrefix } from '../harness/context.ts';
import { frameStoreSpec } from '../support/frameStoreSpec.ts';

const redis = new Redis(redisUrl());
const clients: Redis[] = [];
afterAll(async () => {
  await Promise.all([redis, ...clients].map((c) => c.quit()));
});

describe('RedisFrameStore', () => {
  frameStoreSpec(async (bounds) => {
    const prefix = uniqueRedisPrefix('frame').replace(/:$/, '');
    return {
      store: new RedisFrameStore(redis, prefix, bounds),
      other: () => {
        const client = new Redis(redisUrl());
        clients.push(client);
        return new RedisFrameStore(client, prefix, bounds);
      },
    };
  });

  it('keeps its keys under one hash tag, holding hashes and never text', async () => {
    const prefix = uniqueRedisPrefix('frame').replace(/:$/, '');
    const store = new RedisFrameStore(redis, prefix);
    const note = 'Great meeting you at the harbour conference';
    await store.learn({ source: sourceKey('jane'), shapes: [shapeKey(note)] }, new Date());
    await store.teach([shapeKey('say hello')], new Date());
    const keys = await redis.keys(`${frameBase(prefix)}*`);
    expect(keys.sort()).toEqual(
      ['candidates', 'learned', 'seen', 'version'].map((k) => `${frameBase(prefix)}${k}`),
    );
    expect(new Set(keys.map((k) => /\{[^}]+\}/.exec(k)?.[0]))).toEqual(new Set(['{frame}']));
    const dump = JSON.stringify([
      await redis.hgetall(`${frameBase(prefix)}candidates`),
      await redis.zrange(`${frameBase(prefix)}learned`, '0', '-1'),
    ]);
    expect(dump).not.toMatch(/harbour|hello|jane/i);
    expect(dump).toMatch(/[0-9a-f]{16}/);
  });
});

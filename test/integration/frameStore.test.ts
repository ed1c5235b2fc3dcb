// The learned frame on the real Redis: one Lua script per lesson, bounded, counted per cluster
// by learnedFrame.ts's rule, snapshots reloaded by version (frameStoreSpec.ts), and only hashes
// stored (of shapes, sources and clusters).
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterOf, shapeKey, sourceKey } from '../../src/parse/learnedFrame.ts';
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
    const cluster = clusterOf('invite-notification', 'en');
    const note = shapeKey('Great meeting you at the harbour conference', cluster);
    for (const who of ['jane', 'john', 'joan'])
      await store.learn({ cluster, source: sourceKey(who), shapes: [note] }, new Date());
    await store.learn(
      { cluster, source: sourceKey('jim'), shapes: [shapeKey('only once', cluster)] },
      new Date(),
    );
    await store.teach([shapeKey('say hello', cluster)], new Date());
    const keys = await redis.keys(`${frameBase(prefix)}*`);
    expect(keys.sort()).toEqual(
      ['candidates', 'clusterSeen', 'clusters', 'counts', 'learned', 'seen', 'version'].map(
        (k) => `${frameBase(prefix)}${k}`,
      ),
    );
    expect(new Set(keys.map((k) => /\{[^}]+\}/.exec(k)?.[0]))).toEqual(new Set(['{frame}']));
    const dump = JSON.stringify([
      await redis.hgetall(`${frameBase(prefix)}candidates`),
      await redis.hgetall(`${frameBase(prefix)}clusters`),
      await redis.hgetall(`${frameBase(prefix)}counts`),
      await redis.zrange(`${frameBase(prefix)}clusterSeen`, '0', '-1'),
      await redis.zrange(`${frameBase(prefix)}learned`, '0', '-1'),
    ]);
    expect(dump).not.toMatch(/harbour|hello|jane|invite|notification/i);
    expect(dump).toMatch(/[0-9a-f]{16}/);
  });
});

// The Redis Cluster of the harness: six nodes that serve every slot, a killed primary's replica
// takes over, and the old primary comes back as a replica; the ioredis Cluster client that
// wherewemet makes follows all of it, and nothing is left in the temp folder.
import { existsSync } from 'node:fs';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, type RedisClient } from '../../src/store/redisClient.ts';
import { type RedisCluster, startRedisCluster } from './redisCluster.ts';

describe('the harness Redis Cluster', () => {
  let cluster: RedisCluster;
  let redis: RedisClient;

  beforeAll(async () => {
    cluster = await startRedisCluster();
    redis = createRedis({ kind: 'cluster', nodes: cluster.urls.slice(0, 2) }, 'service');
    await redis.connect();
  });
  afterAll(async () => {
    redis?.disconnect();
    await cluster?.stop();
  });

  it('fails a killed primary over to its replica, and takes the old one back as a replica', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `harness:{account-${i}}:x`);
    await Promise.all(keys.map((k, i) => redis.set(k, String(i))));
    // Replication is asynchronous: what a primary has not passed on yet dies with it. Each
    // primary's connection waits for its replica before the kill.
    if (!(redis instanceof Cluster)) throw new Error('not a cluster client');
    await Promise.all(redis.nodes('master').map((node) => node.call('WAIT', '1', '5000')));
    const [victim] = await cluster.primaries();
    if (!victim) throw new Error('no primary');
    await cluster.kill(victim);
    await cluster.failedOver(victim);
    // The client finds the new primary by itself.
    expect(await Promise.all(keys.map((k) => redis.get(k)))).toEqual(keys.map((_, i) => String(i)));
    await cluster.restart(victim);
    await cluster.healthy();
    expect(await cluster.primaries()).not.toContain(victim);
  });

  it('removes its folder when stopped', async () => {
    const dirs = cluster.nodes.map((n) => n.dir);
    await cluster.stop();
    expect(dirs.filter((d) => existsSync(d))).toEqual([]);
  });
});

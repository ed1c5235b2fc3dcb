// The harness's primary and replica behind a name that moves: a client of the name follows it
// to the promoted replica by itself; what reached the replica is there, and what a stalled
// replication link held back is lost with the primary. Nothing is left in the temp folder.
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplicatedRedis, startReplicatedRedis } from './redisReplicated.ts';

describe('the harness primary and replica behind a name that moves', () => {
  let pair: ReplicatedRedis;
  let client: Redis;

  beforeAll(async () => {
    pair = await startReplicatedRedis();
    // As the service's client: it reconnects, and waits for Redis however long it is away.
    client = new Redis(pair.url, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    client?.disconnect();
    await pair?.stop();
  });

  it('moves the name to the promoted replica, which lacks what the stalled link held back', async () => {
    await client.set('harness:replicated', '1');
    await pair.caughtUp();
    pair.link.stall();
    await client.set('harness:held-back', '2');
    expect(await client.get('harness:held-back')).toBe('2');
    await pair.failOver();
    expect(await client.get('harness:replicated')).toBe('1');
    expect(await client.get('harness:held-back')).toBeNull();
    // The same client, now on the replica, which serves writes as a primary.
    expect(await client.info('server')).toContain(`tcp_port:${pair.replica.port}`);
    expect(await client.info('replication')).toContain('role:master');
    await client.set('harness:after', '3');
  });

  it('removes its folders when stopped', async () => {
    const dirs = [pair.primary.dir, pair.replica.dir];
    client.disconnect();
    await pair.stop();
    expect(dirs.filter((d) => existsSync(d))).toEqual([]);
  });
});

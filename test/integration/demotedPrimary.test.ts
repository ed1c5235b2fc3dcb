// A managed endpoint's switchover: the replica is promoted, the old primary becomes its replica,
// and the name moves, but the old primary keeps the connections it had. The service's client
// must not stall on READONLY answers: it connects again through the name and writes there.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, type RedisClient } from '../../src/store/redisClient.ts';
import { type ReplicatedRedis, startReplicatedRedis } from '../harness/redisReplicated.ts';

describe('a primary demoted behind a name that moved', () => {
  let pair: ReplicatedRedis;
  let client: RedisClient;

  beforeAll(async () => {
    pair = await startReplicatedRedis();
    client = createRedis({ kind: 'single', url: pair.url }, 'service');
    await client.connect();
  });
  afterAll(async () => {
    client?.disconnect();
    await pair?.stop();
  });

  it('sends the write that was answered READONLY to the new primary', async () => {
    await client.set('demoted:before', '1');
    await pair.caughtUp();
    const promoted = new Redis(pair.replica.url);
    const demoted = new Redis(pair.primary.url);
    try {
      await promoted.replicaof('NO', 'ONE');
      await demoted.replicaof('127.0.0.1', pair.replica.port);
      pair.endpoint.switchTo(pair.replica.port); // the name moves; open connections stay

      await client.set('demoted:after', '2');
      expect(await promoted.get('demoted:after')).toBe('2');
      expect(await promoted.get('demoted:before')).toBe('1');
      expect(await client.info('server')).toContain(`tcp_port:${pair.replica.port}`);
    } finally {
      promoted.disconnect();
      demoted.disconnect();
    }
  });
});

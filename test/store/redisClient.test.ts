import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedis, describeTarget } from '../../src/store/redisClient.ts';

describe('the Redis client factory', () => {
  it('makes a plain client for one Redis, waiting per request only for the service', () => {
    const service = createRedis({ kind: 'single', url: 'redis://10.0.0.1:6380' }, 'service');
    const command = createRedis({ kind: 'single', url: 'redis://10.0.0.1:6380' }, 'command');
    expect(service).toBeInstanceOf(Redis);
    // BullMQ's workers require it; a command fails at once instead.
    expect((service as Redis).options.maxRetriesPerRequest).toBeNull();
    expect((command as Redis).options.maxRetriesPerRequest).toBe(1);
    expect((command as Redis).options.retryStrategy?.(1)).toBeNull();
    for (const client of [service, command]) expect(client.status).toBe('wait');
  });

  it('makes a Cluster client whose every node gets the credentials, TLS and retry policy', () => {
    const nodes = ['rediss://app:p%40ss@10.0.0.1:7000', 'rediss://app:p%40ss@10.0.0.2:7000'];
    const service = createRedis({ kind: 'cluster', nodes }, 'service') as Cluster;
    const command = createRedis({ kind: 'cluster', nodes }, 'command') as Cluster;
    expect(service).toBeInstanceOf(Cluster);
    expect(service.options.redisOptions).toMatchObject({
      maxRetriesPerRequest: null,
      username: 'app',
      password: 'p@ss',
      tls: {},
    });
    expect(command.options.redisOptions?.maxRetriesPerRequest).toBe(1);
    // The service looks for the cluster again, at most every 2 s; a command gives up.
    expect(service.options.clusterRetryStrategy?.(100)).toBe(2000);
    expect(command.options.clusterRetryStrategy?.(1)).toBeNull();
  });

  it('names a Redis by host and port, never with its password', () => {
    expect(describeTarget({ kind: 'single', url: 'redis://u:secret@r.example:6380' })).toBe(
      'r.example:6380',
    );
    expect(
      describeTarget({ kind: 'cluster', nodes: ['redis://:secret@a:7000', 'redis://b'] }),
    ).toBe('the cluster of a:7000, b:6379');
  });
});

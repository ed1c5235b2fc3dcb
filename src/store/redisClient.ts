/**
 * The one place that makes Redis clients: a plain ioredis client for a single Redis, or ioredis'
 * Cluster client for a Redis Cluster. Both offer the same commands, MULTI and Lua scripts; in a
 * cluster every MULTI, pipeline and script must touch keys of one hash slot (keys.ts).
 *
 * The service's client waits for Redis however long it is away (BullMQ's workers block and
 * require maxRetriesPerRequest null); a command's client tries once and fails at once.
 */
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import type { RedisTarget } from '../config/accounts.ts';

export type RedisClient = Redis | Cluster;

export type RedisRole = 'service' | 'command';

/** A cluster's topology is looked for again this often while none of its nodes answers. */
const CLUSTER_RETRY_MAX_MS = 2000;

export function createRedis(target: RedisTarget, role: RedisRole): RedisClient {
  const perRequest: RedisOptions =
    role === 'service' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1 };
  if (target.kind === 'single')
    return new Redis(target.url, {
      lazyConnect: true,
      ...perRequest,
      ...(role === 'command' ? { retryStrategy: () => null } : { reconnectOnError: toNewPrimary }),
    });
  const options: ClusterOptions = {
    lazyConnect: true,
    // Nodes the cluster announces later are reached with the same credentials and TLS.
    redisOptions: { ...perRequest, ...credentialsOf(target.nodes) },
    clusterRetryStrategy:
      role === 'service' ? (times) => Math.min(times * 100, CLUSTER_RETRY_MAX_MS) : () => null,
  };
  return new Cluster(target.nodes, options);
}

/**
 * A primary demoted behind a name that moved (a managed endpoint's failover) keeps the
 * connections it had, and answers their writes READONLY: connect again, through the name, to
 * the new primary, and send the write there (2: reconnect and resend).
 */
function toNewPrimary(err: Error): 2 | false {
  return err.message.startsWith('READONLY') ? 2 : false;
}

/** A new client like this one (a BullMQ worker's blocking connection). */
export function duplicateRedis(redis: RedisClient): RedisClient {
  return redis instanceof Cluster ? redis.duplicate() : redis.duplicate();
}

/** For messages: host:port, or the cluster's nodes as configured (without passwords). */
export function describeTarget(target: RedisTarget): string {
  if (target.kind === 'single') return hostPort(target.url);
  return `the cluster of ${target.nodes.map(hostPort).join(', ')}`;
}

/**
 * The servers that hold the data: the one Redis, or each primary of the cluster (a setting such as
 * maxmemory-policy is per server; each must be checked).
 */
export function primaries(redis: RedisClient): Redis[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}

/** host:port of one server, for messages. */
export function addressOf(redis: Redis): string {
  return `${redis.options.host}:${redis.options.port}`;
}

/**
 * Why connecting failed, for a message. ioredis' Cluster keeps its nodes' own errors (refused,
 * wrong password) to itself and says only that none could be used.
 */
export function failureOf(redis: RedisClient, err: Error): string {
  return redis instanceof Cluster
    ? `none of its nodes could be reached or used (${err.message})`
    : err.message;
}

function hostPort(url: string): string {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || 6379}`;
}

function credentialsOf(nodes: string[]): RedisOptions {
  const url = new URL(nodes[0] as string);
  return {
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

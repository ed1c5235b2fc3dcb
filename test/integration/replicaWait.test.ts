// Decisions wait for a replica (src/store/replicas.ts), on a real primary and replica: a discard
// returns once the replica has it; a replica that does not answer delays it by the bounded wait
// and one warning, never fails it; without a replica this is said once and nothing waits.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { parseConfig } from '../../src/config/load.ts';
import { RedisLeaseStore } from '../../src/store/leaseStore.ts';
import { createRedis, type RedisClient } from '../../src/store/redisClient.ts';
import { checkReplicas, REPLICA_WAIT_MS, reportReplicasTo } from '../../src/store/replicas.ts';
import { Store } from '../../src/store/store.ts';
import { redisUrl, uniqueRedisPrefix } from '../harness/context.ts';
import { type Daemon, waitFor } from '../harness/freePort.ts';
import { type RedisServer, startRedis } from '../harness/redis.ts';
import { type RedisCluster, startRedisCluster } from '../harness/redisCluster.ts';
import { capturedLog } from '../support/capturedLog.ts';
import { invitation } from '../support/notifications.ts';

const rules = parseConfig(
  'templates: { where-we-met: { subject: s, body: b }, not-now: { subject: s, body: b } }',
  't',
  {},
).rules;

/** A fresh account on `redis` whose lease this process holds, with a draft pending as `key`. */
async function accountWithPendingDraft(redis: RedisClient, key: string) {
  const prefix = uniqueRedisPrefix('replica').replace(/:$/, '');
  const owner = { owner: 'host:1:aaaa', host: 'host', pid: 1, since: new Date().toISOString() };
  const lease = await new RedisLeaseStore(redis, prefix).acquire('acct', owner, 60_000);
  const store = new Store(redis, prefix, 'acct', { fence: () => lease?.token ?? null });
  const notification = invitation({});
  const at = new Date();
  await store.claimInvitation([`id-${key}`], {
    key,
    notification,
    classification: classify(notification, rules),
    at,
  });
  const claim = await store.beginDraft(key, at);
  if (!('token' in claim)) throw new Error(`no claim: ${JSON.stringify(claim)}`);
  await store.confirmDraft(claim, { uid: 1, messageId: '<d@x>', to: 'j@x', subject: 's', at });
  return { store, record: `${prefix}:{acct}:inv:${key}` };
}

/** Runs `fn` with a server stopped (SIGSTOP): connected, but answering nothing. */
async function frozen<T>(daemon: Daemon | undefined, fn: () => Promise<T>): Promise<T> {
  const pid = daemon?.child.pid;
  if (!pid) throw new Error('the server is not running');
  process.kill(pid, 'SIGSTOP');
  try {
    return await fn();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

/**
 * Discards `key` while its replica is frozen: the record is on the primary and the call waits in
 * WAIT there; once the replica answers, the call returns. Whether it decided.
 */
async function discardWaitingOn(
  primary: Redis,
  replica: Daemon | undefined,
  store: Store,
  key: string,
  record: string,
): Promise<boolean> {
  let returned = false;
  const { deciding } = await frozen(replica, async () => {
    const deciding = store.decide(key, 'discarded', new Date()).finally(() => {
      returned = true;
    });
    await waitFor(
      async () => String(await primary.client('LIST')).includes('cmd=wait'),
      REPLICA_WAIT_MS,
      () => 'no WAIT reached the primary',
    );
    expect(await primary.hget(record, 'draftStatus')).toBe('discarded');
    expect(returned).toBe(false);
    return { deciding }; // not awaited while frozen: it returns once the replica answers
  });
  return deciding;
}

describe('decisions with a replica', () => {
  let primary: RedisServer;
  let replica: RedisServer;
  let admin: Redis;
  let onReplica: Redis;
  let client: Redis;
  const { log, lines } = capturedLog();

  beforeAll(async () => {
    [primary, replica] = await Promise.all([startRedis(), startRedis()]);
    admin = new Redis(primary.url);
    onReplica = new Redis(replica.url);
    await onReplica.replicaof('127.0.0.1', primary.port);
    await waitFor(
      async () =>
        /master_link_status:up/.test(await onReplica.info('replication')) &&
        /connected_slaves:1/.test(await admin.info('replication')),
      10_000,
      async () => `the replica did not catch up:\n${await onReplica.info('replication')}`,
    );
    client = new Redis(primary.url);
    expect(await checkReplicas(client, log)).toBe(true);
  });

  afterAll(async () => {
    for (const c of [client, admin, onReplica]) c?.disconnect();
    await Promise.all([replica?.stop(), primary?.stop()]);
  });

  const withReplicaFrozen = <T>(fn: () => Promise<T>) => frozen(replica.daemon, fn);

  it('a discard returns once the replica has it, and the replica has it then', async () => {
    const { store, record } = await accountWithPendingDraft(client, 'kept');
    const discarded = await discardWaitingOn(admin, replica.daemon, store, 'kept', record);
    expect(discarded).toBe(true);
    expect(await onReplica.hget(record, 'draftStatus')).toBe('discarded');
    // The discard's own wait ended when the replica had it: no warning of it. (The set-up's claim
    // may wait the whole bound on a machine busy starting other servers: it is not what is tested.)
    expect(
      lines.filter((l) => l.level >= 40 && l.write === 'decision'),
      JSON.stringify(lines),
    ).toEqual([]);
  });

  it('a replica that does not answer: the discard stands after the bounded wait, with one warning', async () => {
    const { store, record } = await accountWithPendingDraft(client, 'slow');
    const before = lines.length;
    const started = Date.now();
    const decided = await withReplicaFrozen(() => store.decide('slow', 'discarded', new Date()));
    expect(decided).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(REPLICA_WAIT_MS);
    expect(await admin.hget(record, 'draftStatus')).toBe('discarded');
    const warnings = lines.slice(before).filter((l) => l.level >= 40);
    expect(warnings, JSON.stringify(warnings)).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ account: 'acct', write: 'decision' });
    expect(JSON.stringify(warnings[0])).not.toContain('Jane Doe');
    await waitFor(
      async () => (await onReplica.hget(record, 'draftStatus')) === 'discarded',
      10_000,
      () => 'the replica never caught up',
    );
  });
});

describe('a replica that goes away (a failover), and one that comes back', () => {
  it('costs one bounded wait, is said once, and is waited for again once a replica is back', async () => {
    const [primary, replica] = await Promise.all([startRedis(), startRedis()]);
    const admin = new Redis(primary.url);
    const client = new Redis(primary.url);
    // Replicas that have their copy and take the stream (WAIT counts no other).
    const connectedReplicas = async () =>
      (String(await admin.info('replication')).match(/^slave\d+:.*state=online/gm) ?? []).length;
    const follow = async (server: RedisServer) => {
      const r = new Redis(server.url);
      await r.replicaof('127.0.0.1', primary.port);
      r.disconnect();
      await waitFor(
        async () => (await connectedReplicas()) === 1,
        10_000,
        () => 'no replica',
      );
    };
    try {
      const { log, lines } = capturedLog();
      const recheckMs = 300; // the service's is REPLICA_RECHECK_MS, half a minute
      reportReplicasTo(client, log, { announce: true, recheckMs });
      await admin.config('SET', 'repl-diskless-sync-delay', '0'); // a replica gets its copy at once
      await follow(replica);
      expect(await checkReplicas(client, log)).toBe(true);
      const { store } = await accountWithPendingDraft(client, 'a');
      const other = await accountWithPendingDraft(client, 'b');
      const third = await accountWithPendingDraft(client, 'c');

      process.kill(replica.daemon?.child.pid ?? 0, 'SIGKILL'); // the replica is lost
      await waitFor(
        async () => (await connectedReplicas()) === 0,
        10_000,
        () => 'still a replica',
      );
      const warned = () => lines.filter((l) => l.level >= 40).length;
      const before = warned();
      // The first decision waits in vain if the answer "a replica" still holds (within
      // recheckMs), or not at all if it was asked again; the second never does.
      expect(await store.decide('a', 'discarded', new Date())).toBe(true);
      const afterFirst = warned();
      expect(afterFirst - before).toBeLessThanOrEqual(1);
      expect(await other.store.decide('b', 'discarded', new Date())).toBe(true);
      expect(warned(), JSON.stringify(lines)).toBe(afterFirst);
      expect(lines.filter((l) => /^no replica:/.test(l.msg))).toHaveLength(1);

      const back = await startRedis();
      try {
        await follow(back);
        await admin.config('RESETSTAT');
        await new Promise((r) => setTimeout(r, recheckMs)); // the answer "none" has expired
        expect(await third.store.decide('c', 'discarded', new Date())).toBe(true);
        expect(lines.filter((l) => /replica is back/.test(l.msg))).toHaveLength(1);
        expect(String(await admin.info('commandstats'))).toMatch(/cmdstat_wait:calls=1,/);
      } finally {
        await back.stop();
      }
    } finally {
      for (const c of [client, admin]) c.disconnect();
      await Promise.all([replica.stop(), primary.stop()]);
    }
  });
});

describe('decisions without a replica', () => {
  it('the service says so once; a command says nothing of it; both decide without waiting', async () => {
    const service = new Redis(redisUrl());
    const command = new Redis(redisUrl());
    try {
      const { log, lines } = capturedLog();
      expect(await checkReplicas(service, log)).toBe(false); // as `run` does at start
      expect(await checkReplicas(service, log)).toBe(false);
      expect(lines.map((l) => l.msg)).toEqual([
        'no replica: decisions, draft claims and send records are not copied before they are confirmed',
      ]);

      const quiet = capturedLog();
      // As connectCommandRedis does: a discard in the CLI prints one line of its own, no more.
      reportReplicasTo(command, quiet.log, { announce: false });
      const first = await accountWithPendingDraft(command, 'one');
      const second = await accountWithPendingDraft(command, 'two');
      expect(await first.store.decide('one', 'discarded', new Date())).toBe(true);
      expect(await second.store.decide('two', 'discarded', new Date())).toBe(true);
      expect(quiet.lines, 'a WAIT would have timed out with a warning').toEqual([]);
      expect((await first.store.getInvitation('one'))?.draftStatus).toBe('discarded');
      expect((await second.store.getInvitation('two'))?.draftStatus).toBe('discarded');
    } finally {
      service.disconnect();
      command.disconnect();
    }
  });
});

describe('decisions in a Redis Cluster', () => {
  let cluster: RedisCluster;
  let client: RedisClient;
  const { log, lines } = capturedLog();

  beforeAll(async () => {
    cluster = await startRedisCluster();
    client = createRedis({ kind: 'cluster', nodes: cluster.urls.slice(0, 2) }, 'service');
    await client.connect();
    expect(await checkReplicas(client, log)).toBe(true);
  });
  afterAll(async () => {
    client?.disconnect();
    await cluster?.stop();
  });

  it("the WAIT reaches the primary of the account's slot, and returns once its replica has the discard", async () => {
    const { store, record } = await accountWithPendingDraft(client, 'kept');
    const owner = await cluster.primaryFor(record);
    const onOwner = new Redis(owner.url);
    try {
      const replicaPort = /slave0:ip=[^,]+,port=(\d+)/.exec(await onOwner.info('replication'))?.[1];
      const replica = cluster.nodes.find((n) => String(n.port) === replicaPort);
      expect(replica).toBeDefined();
      expect(await discardWaitingOn(onOwner, replica?.daemon, store, 'kept', record)).toBe(true);
      expect(
        lines.filter((l) => l.level >= 40),
        JSON.stringify(lines),
      ).toEqual([]);
    } finally {
      onOwner.disconnect();
    }
  });
});

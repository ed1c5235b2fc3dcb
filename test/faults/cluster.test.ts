// Two `run` processes on a Redis Cluster of three primaries and three replicas, six accounts on
// one Dovecot, invitations arriving. The processes find the whole cluster from two of its nodes
// (REDIS_CLUSTER_NODES) and share the accounts. A draft is discarded, and the primary holding its
// account's slot is SIGKILLed at once, mid-run; its replica takes over, and later the old primary
// comes back as a replica. Afterwards every invitation has exactly one draft, in its own
// account's Drafts folder and no other, the discarded one none, and nothing was sent; the
// processes reconnected by themselves.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountBase } from '../../src/store/keys.ts';
import { createRedis, primaries } from '../../src/store/redisClient.ts';
import { type DovecotServer, startDovecot } from '../harness/dovecot.ts';
import { waitFor } from '../harness/freePort.ts';
import { type RedisCluster, startRedisCluster } from '../harness/redisCluster.ts';
import { FAST, runCli, writeConfig } from '../integration/cli.ts';
import { type GeneratedInvitation, makeInvitations } from './support/invitations.ts';
import { appendAll, draftsByInvitation, messagesIn } from './support/mail.ts';
import { tally } from './support/scenario.ts';
import { startWorker, stopAllWorkers, type WorkerProcess } from './support/worker.ts';

const ACCOUNTS = 6;

describe('on a Redis Cluster', () => {
  let cluster: RedisCluster;
  let dovecot: DovecotServer;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    [cluster, dovecot] = await Promise.all([startRedisCluster(), startDovecot()]);
  });
  afterAll(async () => {
    await stopAllWorkers(workers);
    await Promise.all([cluster?.stop(), dovecot?.stop()]);
    if (dovecot) await rm(dovecot.dir, { recursive: true, force: true });
  });

  it('shares the accounts, survives a primary failing over, and drafts each invitation once', async () => {
    const users = Array.from({ length: ACCOUNTS }, (_, i) => `cluster-${process.pid}-${i}`);
    const prefix = `cluster-${process.pid}`;
    const config = writeConfig({
      'redis.prefix': prefix,
      'me.name': 'Paul Tester',
      ...FAST,
      accounts: users.map((user, i) => ({ id: `u${i}`, imap: { url: dovecot.imapUrl(user) } })),
    });
    const env = { REDIS_CLUSTER_NODES: cluster.urls.slice(0, 2).join(','), IMAP_URL: '' };
    const connected = async () => {
      const { stdout } = await runCli(['status', '--json', '--config', config], env);
      const accounts: Array<{ connected: boolean; owner: { pid: number } | null }> =
        JSON.parse(stdout).accounts;
      return accounts.every((a) => a.connected) && accounts;
    };
    for (let i = 0; i < 2; i++) workers.push(startWorker(['run', '--config', config], env));
    const log = () => workers.map((w) => w.stderr.slice(-1500)).join('\n---\n');
    await waitFor(
      async () => !!(await connected()),
      30_000,
      () => `not all connected\n${log()}`,
    );

    const delivered = new Map<string, GeneratedInvitation[]>(users.map((u) => [u, []]));
    let series = 10;
    const deliverRound = async () => {
      const batch = makeInvitations(ACCOUNTS, series++);
      for (const [i, user] of users.entries()) {
        const invitation = batch[i] as GeneratedInvitation;
        delivered.get(user)?.push(invitation);
        await appendAll(dovecot, user, 'INBOX', [invitation.raw]);
      }
    };
    const results = new Map<string, ReturnType<typeof tally>>();
    let discardedKey = '';
    const allDrafted = (what: string) =>
      waitFor(
        async () => {
          for (const user of users) {
            const expected = (delivered.get(user) ?? [])
              .map((i) => i.key)
              .filter((key) => key !== discardedKey);
            results.set(user, tally(expected, await draftsByInvitation(dovecot, user)));
          }
          return [...results.values()].every((r) => r.missing.length === 0);
        },
        30_000,
        () => `${what}: drafts missing in ${JSON.stringify([...results])}\n${log()}`,
      );

    await deliverRound();
    await allDrafted('before the failover');
    // A decision made just before its account's primary dies: the draft is discarded.
    const [discarded] = JSON.parse(
      (await runCli(['drafts', '--json', '--account', 'u0', '--config', config], env)).stdout,
    ) as Array<{ id: string }>;
    if (!discarded) throw new Error('no draft to discard');
    discardedKey = discarded.id;
    const discard = await runCli(['discard', discarded.id, '--config', config], env);
    expect(discard.code, discard.stderr).toBe(0);

    const victim = await cluster.primaryFor(`${accountBase(prefix, 'u0')}lease`);
    const killedAt = Date.now();
    await cluster.kill(victim);
    await deliverRound();
    await cluster.failedOver(victim);
    const failoverMs = Date.now() - killedAt;
    await deliverRound();
    await allDrafted('after the failover');

    await cluster.restart(victim);
    await cluster.healthy();
    await deliverRound();
    await allDrafted('with the old primary back as a replica');
    await waitFor(
      async () => !!(await connected()),
      30_000,
      () => `not all connected\n${log()}`,
    );

    // The accounts' keys are spread over the shards, and no command spanned slots.
    const spread = await keysPerPrimary(cluster, `${prefix}:`);
    expect(spread.filter((n) => n > 0).length).toBeGreaterThan(1);
    for (const w of workers) expect(w.stderr).not.toMatch(/CROSSSLOT/);

    const all = [...results.values()];
    const sent = (await Promise.all(users.map((u) => messagesIn(dovecot, u, 'Sent')))).flat();
    console.log(
      'FIGURES cluster',
      JSON.stringify({
        accounts: ACCOUNTS,
        processes: 2,
        invitations: all.reduce((n, r) => n + r.total, 0),
        failoverMs,
        keysPerPrimary: spread,
        duplicates: all.reduce((n, r) => n + r.duplicated.length, 0),
        sent: sent.length,
      }),
    );
    for (const r of all) {
      expect(r.duplicated).toEqual([]);
      expect(r.unexpected).toEqual([]);
    }
    // The decision held through the failover: not drafted again, still discarded.
    expect((await draftsByInvitation(dovecot, users[0] as string)).has(discardedKey)).toBe(false);
    const listed = JSON.parse(
      (await runCli(['drafts', '--json', '--account', 'u0', '--config', config], env)).stdout,
    ) as Array<{ id: string; status: string }>;
    expect(listed.find((d) => d.id === discardedKey)?.status).toBe('discarded');
    expect(sent).toEqual([]);
    expect(workers.every((w) => w.alive)).toBe(true);
  }, 120_000);

  it('says in one line when no node of the cluster answers', async () => {
    const config = writeConfig({ 'me.name': 'Paul Tester' });
    const env = {
      IMAP_URL: dovecot.imapUrl(`cluster-${process.pid}-down`),
      REDIS_CLUSTER_NODES: 'redis://127.0.0.1:1,redis://127.0.0.1:2',
    };
    for (const command of [['run', '--once'], ['status']]) {
      const result = await runCli([...command, '--config', config], env);
      expect(result.code).toBe(1);
      expect(result.stderr.split('\n').filter((l) => l.startsWith('wherewemet:'))).toEqual([
        expect.stringMatching(
          /^wherewemet: Redis at the cluster of 127\.0\.0\.1:1, 127\.0\.0\.1:2 unavailable: none of its nodes could be reached or used \(.+\)$/,
        ),
      ]);
    }
  });
});

/** How many keys under `prefix` each primary holds (a SCAN per primary: each has its own slots). */
async function keysPerPrimary(cluster: RedisCluster, prefix: string): Promise<number[]> {
  const redis = createRedis({ kind: 'cluster', nodes: cluster.urls }, 'command');
  await redis.connect();
  try {
    return await Promise.all(
      primaries(redis).map(async (server) => {
        let count = 0;
        let cursor = '0';
        do {
          const [next, keys] = await server.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          count += keys.length;
          cursor = next;
        } while (cursor !== '0');
        return count;
      }),
    );
  } finally {
    redis.disconnect();
  }
}

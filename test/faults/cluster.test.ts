// Three `run` processes on a Redis Cluster of three primaries and three replicas, thirty accounts
// on one Dovecot, invitations arriving throughout. The processes find the whole cluster from two
// of its nodes (REDIS_CLUSTER_NODES) and share the accounts. Drafts on the accounts of one shard
// are discarded and marked "replied", then that shard's primary is SIGKILLed mid-run; its replica
// takes over, and later the old primary comes back, as a replica. Afterwards every invitation has
// exactly one draft, in its own account's Drafts folder and no other, the decisions hold, and
// nothing was sent; the processes reconnected by themselves.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountBase } from '../../src/store/keys.ts';
import { createRedis, primaries } from '../../src/store/redisClient.ts';
import { type DovecotServer, startDovecot } from '../harness/dovecot.ts';
import { waitFor } from '../harness/freePort.ts';
import { type ClusterNode, type RedisCluster, startRedisCluster } from '../harness/redisCluster.ts';
import { replicasCatchUp } from '../harness/replication.ts';
import { FAST, runCli, writeConfig } from '../integration/cli.ts';
import { type Arrivals, keepArriving } from './support/arrivals.ts';
import { cliOn } from './support/cliOn.ts';
import { decide } from './support/decisions.ts';
import { type GeneratedInvitation, invitationSupply } from './support/invitations.ts';
import { appendAll, draftsByInvitation, messagesIn } from './support/mail.ts';
import { tally } from './support/scenario.ts';
import { startWorker, stopAllWorkers, type WorkerProcess } from './support/worker.ts';

const ACCOUNTS = 30;
const PROCESSES = 3;
/** Between two arrivals, each to the next account in turn. */
const ARRIVAL_GAP_MS = 60;

describe('on a Redis Cluster', () => {
  let cluster: RedisCluster;
  let dovecot: DovecotServer;
  const workers: WorkerProcess[] = [];
  const arrivalLoops: Arrivals[] = [];

  beforeAll(async () => {
    [cluster, dovecot] = await Promise.all([startRedisCluster(), startDovecot()]);
  });
  afterAll(async () => {
    await Promise.allSettled(arrivalLoops.map((a) => a.stop()));
    await stopAllWorkers(workers);
    await Promise.all([cluster?.stop(), dovecot?.stop()]);
    if (dovecot) await rm(dovecot.dir, { recursive: true, force: true });
  });

  it('shares the accounts, survives a primary failing over and coming back, and drafts each invitation once', async () => {
    const users = Array.from({ length: ACCOUNTS }, (_, i) => `cluster-${process.pid}-${i}`);
    const prefix = `cluster-${process.pid}`;
    const config = writeConfig({
      'redis.prefix': prefix,
      'me.name': 'Paul Tester',
      ...FAST,
      accounts: users.map((user, i) => ({ id: `u${i}`, imap: { url: dovecot.imapUrl(user) } })),
    });
    const env = { REDIS_CLUSTER_NODES: cluster.urls.slice(0, 2).join(','), IMAP_URL: '' };
    const { run, cli } = cliOn(config, env);
    let notConnected: unknown[] = [];
    const connected = async () => {
      const accounts: Array<{ connected: boolean }> = JSON.parse(
        (await run(['status', '--json'])).stdout,
      ).accounts;
      notConnected = accounts.filter((a) => !a.connected);
      return notConnected.length === 0;
    };
    const phases: Record<string, number> = {};
    let phaseStart = Date.now();
    const phase = (name: string) => {
      phases[name] = Date.now() - phaseStart;
      phaseStart = Date.now();
    };
    for (let i = 0; i < PROCESSES; i++) workers.push(startWorker(['run', '--config', config], env));
    const log = () => workers.map((w) => w.stderr.slice(-1500)).join('\n---\n');
    await waitFor(
      connected,
      30_000,
      () => `not connected: ${JSON.stringify(notConnected)}\n${log()}`,
    );
    phase('connected');
    // The victim is the primary of u0's shard; decisions are made on accounts of that shard.
    const victim = await cluster.primaryFor(`${accountBase(prefix, 'u0')}lease`);
    const onVictim = await accountsOn(cluster, victim, prefix, ACCOUNTS);
    const [discardIn, repliedIn] = onVictim;
    if (discardIn === undefined || repliedIn === undefined)
      throw new Error(`fewer than two accounts on the victim's shard: ${onVictim}`);
    // One invitation at a time, to each account in turn (those to decide on first), from before
    // the kill to the end.
    const order = [discardIn, repliedIn, ...users.keys()].filter(
      (n, i, all) => all.indexOf(n) === i,
    );
    const delivered = new Map<string, GeneratedInvitation[]>(users.map((u) => [u, []]));
    const invitationNo = invitationSupply(10);
    let arrived = 0;
    const arrivals = keepArriving(async () => {
      const n = arrived++;
      const user = users[order[n % ACCOUNTS] as number] as string;
      const invitation = invitationNo(n);
      delivered.get(user)?.push(invitation);
      await appendAll(dovecot, user, 'INBOX', [invitation.raw]);
    }, ARRIVAL_GAP_MS);
    arrivalLoops.push(arrivals);

    const decideIn = async (account: number, decision: 'discard' | 'replied') => {
      let drafts: Array<{ id: string; status: string }> = [];
      await waitFor(
        async () => {
          drafts = JSON.parse(await cli('drafts', '--json', '--account', `u${account}`));
          return drafts.some((d) => d.status === 'pending');
        },
        30_000,
        () => `no draft in u${account} to decide on\n${log()}`,
      );
      const id = drafts.find((d) => d.status === 'pending')?.id ?? '';
      await decide(run, decision, id);
      return { account, id, status: decision === 'discard' ? 'discarded' : 'replied' };
    };
    const decisions = [await decideIn(discardIn, 'discard'), await decideIn(repliedIn, 'replied')];
    // On the replica before the kill, as the store's WAIT makes sure of; arrivals go on.
    await replicasCatchUp(victim.port);
    phase('decided');

    const killedAt = Date.now();
    await cluster.kill(victim);
    await cluster.failedOver(victim);
    const failoverMs = Date.now() - killedAt;
    phase('failedOver');
    await cluster.restart(victim);
    await cluster.healthy();
    expect(await cluster.isReplica(victim)).toBe(true);
    phase('rejoined');
    const arrivedBeforeEnd = arrived;
    await waitFor(
      () => arrived >= arrivedBeforeEnd + 10,
      30_000,
      () => 'arrivals stopped',
    );
    await arrivals.stop();
    phase('lastArrivals');

    const decided = decisions.map((d) => d.id);
    const results = new Map<string, ReturnType<typeof tally>>();
    await waitFor(
      async () => {
        for (const user of users) {
          const expected = (delivered.get(user) ?? [])
            .map((i) => i.key)
            .filter((key) => !decided.includes(key));
          results.set(user, tally(expected, await draftsByInvitation(dovecot, user)));
        }
        return [...results.values()].every((r) => r.missing.length === 0);
      },
      30_000,
      () =>
        `drafts missing (victim ${onVictim}) in ${JSON.stringify([...results].filter(([, r]) => r.missing.length))}\n${log()}`,
    );
    phase('allDrafted');
    await waitFor(
      connected,
      30_000,
      () => `not connected: ${JSON.stringify(notConnected)}\n${log()}`,
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
        processes: PROCESSES,
        invitations: all.reduce((n, r) => n + r.total, 0) + decided.length,
        accountsOnVictim: onVictim.length,
        failoverMs,
        phasesMs: phases,
        keysPerPrimary: spread,
        duplicates: all.reduce((n, r) => n + r.duplicated.length, 0),
        sent: sent.length,
      }),
    );
    for (const r of all) {
      expect(r.duplicated).toEqual([]);
      expect(r.unexpected).toEqual([]);
    }
    // The decisions held through the failover: not drafted again, still decided.
    for (const { account, id, status } of decisions) {
      const listed: Array<{ id: string; status: string }> = JSON.parse(
        await cli('drafts', '--json', '--account', `u${account}`),
      );
      expect(listed.find((d) => d.id === id)?.status).toBe(status);
    }
    expect(sent).toEqual([]);
    expect(
      workers.map((w) => w.alive),
      log(),
    ).toEqual(workers.map(() => true));
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

/** The accounts (by number) whose keys the primary `node` serves. */
async function accountsOn(
  cluster: RedisCluster,
  node: ClusterNode,
  prefix: string,
  accounts: number,
): Promise<number[]> {
  const on: number[] = [];
  for (let i = 0; i < accounts; i++)
    if ((await cluster.primaryFor(`${accountBase(prefix, `u${i}`)}lease`)) === node) on.push(i);
  return on;
}

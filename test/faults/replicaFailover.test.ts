// One Redis primary with a replica, the service pointed at a name that moves (a forwarder, as a
// managed endpoint or a DNS name in front of the primary). The primary is SIGKILLed, the replica
// promoted by hand (REPLICAOF NO ONE) and the name moved to it, its connections dropped. The
// same `run` process carries on by itself. In the second test the replica had fallen behind, so
// the failover loses writes for real (drafts recorded, a decision, the sync cursor): the mailbox,
// the durable truth, covers them. A draft already in Drafts is not written again, and a draft
// the user removed does not come back.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountBase } from '../../src/store/keys.ts';
import { type DovecotServer, startDovecot } from '../harness/dovecot.ts';
import { talk, waitFor } from '../harness/freePort.ts';
import { type ReplicatedRedis, startReplicatedRedis } from '../harness/redisReplicated.ts';
import { FAST, writeConfig } from '../integration/cli.ts';
import { type Arrivals, keepArriving } from './support/arrivals.ts';
import { cliOn } from './support/cliOn.ts';
import { decide } from './support/decisions.ts';
import {
  type GeneratedInvitation,
  invitationSupply,
  makeInvitations,
} from './support/invitations.ts';
import { appendAll, draftsByInvitation, messagesIn } from './support/mail.ts';
import { tally } from './support/scenario.ts';
import { startWorker, stopAllWorkers, type WorkerProcess } from './support/worker.ts';

describe('on a primary and a replica behind a name that moves', () => {
  let dovecot: DovecotServer;
  const pairs: ReplicatedRedis[] = [];
  const workers: WorkerProcess[] = [];
  const arrivalLoops: Arrivals[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot();
  });
  afterAll(async () => {
    await Promise.allSettled(arrivalLoops.map((a) => a.stop()));
    await stopAllWorkers(workers);
    await Promise.all([...pairs.map((p) => p.stop()), dovecot?.stop()]);
    if (dovecot) await rm(dovecot.dir, { recursive: true, force: true });
  });

  /** A pair, a mailbox, and `run` on them; the CLI and the mailbox as the user sees them. */
  async function service(tag: string) {
    const pair = await startReplicatedRedis();
    pairs.push(pair);
    const user = `${tag}-${process.pid}`;
    const prefix = `${tag}-${process.pid}`;
    const config = writeConfig({
      'redis.prefix': prefix,
      'me.name': 'Paul Tester',
      ...FAST,
      // A draft gone from Drafts with no reply in Sent is "discarded" at the next look.
      'drafts.missingGraceSeconds': 0,
    });
    const env = { IMAP_URL: dovecot.imapUrl(user), REDIS_URL: pair.url };
    const worker = startWorker(['run', '--config', config], env);
    workers.push(worker);
    const { run, cli } = cliOn(config, env);
    const delivered: GeneratedInvitation[] = [];
    return {
      pair,
      worker,
      cli,
      decide: (decision: 'discard' | 'replied', i: GeneratedInvitation) =>
        decide(run, decision, i.key),
      delivered,
      /** The invitation's record key in Redis. */
      recordKey: (i: GeneratedInvitation) => `${accountBase(prefix, 'default')}inv:${i.key}`,
      deliver: async (invitations: GeneratedInvitation[]) => {
        delivered.push(...invitations);
        await appendAll(
          dovecot,
          user,
          'INBOX',
          invitations.map((i) => i.raw),
        );
      },
      drafts: () => draftsByInvitation(dovecot, user),
      trash: () => draftsByInvitation(dovecot, user, 'Trash'),
      sent: () => messagesIn(dovecot, user, 'Sent'),
      draftUid: async (i: GeneratedInvitation) =>
        (await messagesIn(dovecot, user, 'Drafts')).find((m) => m.header.includes(i.key))?.uid,
      statuses: async () =>
        new Map(
          (JSON.parse(await cli('drafts', '--json')) as Array<{ id: string; status: string }>).map(
            (d) => [d.id, d.status],
          ),
        ),
      /** Until each of `invitations` has a draft; then the tally of Drafts against `expected`. */
      drafted: async (invitations: GeneratedInvitation[], expected: string[]) => {
        let drafts = new Map<string, number>();
        await waitFor(
          async () => {
            drafts = await draftsByInvitation(dovecot, user);
            return invitations.every((i) => drafts.has(i.key));
          },
          30_000,
          () =>
            `no draft yet for ${invitations.filter((i) => !drafts.has(i.key)).map((i) => i.key)}\n${worker.stderr.slice(-3000)}`,
        );
        return tally(expected, drafts);
      },
    };
  }

  it('follows the name to the promoted replica by itself: one draft each, decisions hold, nothing sent', async () => {
    const s = await service('moving-name');
    const pid = s.worker.child.pid;
    const invitation = invitationSupply(20);
    const arrivals = keepArriving(() => s.deliver([invitation(s.delivered.length)]), 150);
    arrivalLoops.push(arrivals);
    const [discarded, replied] = [invitation(0), invitation(1)];
    await s.drafted([discarded, replied], []);
    await s.decide('discard', discarded);
    await s.decide('replied', replied);
    // The decisions are on the replica (as the store's WAIT makes sure of) before the primary dies.
    await s.pair.caughtUp();
    const killedAt = Date.now();
    await s.pair.failOver();
    // Mail keeps arriving, and is drafted through the promoted replica.
    const afterFailover = s.delivered.length;
    await waitFor(
      () => s.delivered.length >= afterFailover + 5,
      10_000,
      () => 'no arrivals',
    );
    await arrivals.stop();
    await s.drafted(s.delivered.slice(afterFailover), []);
    const recoveredMs = Date.now() - killedAt;

    const decided = [discarded.key, replied.key];
    const expected = s.delivered.map((i) => i.key).filter((k) => !decided.includes(k));
    const result = await s.drafted(
      s.delivered.filter((i) => !decided.includes(i.key)),
      expected,
    );
    console.log(
      'FIGURES replica failover',
      JSON.stringify({
        invitations: s.delivered.length,
        recoveredMs,
        // Writes that waited the bounded time for a replica: the promoted one has none.
        unconfirmedWrites: s.worker.count(/no replica confirmed the write in time/),
        ...result,
      }),
    );
    expect(result.duplicated).toEqual([]);
    expect(result.unexpected).toEqual([]);
    const statuses = await s.statuses();
    expect([statuses.get(discarded.key), statuses.get(replied.key)]).toEqual([
      'discarded',
      'replied',
    ]);
    expect(await s.sent()).toEqual([]);
    // The same process, never restarted: it found the name's new target by itself (the old
    // primary is gone, so every draft after the kill went through the promoted replica).
    expect(s.worker.alive).toBe(true);
    expect(s.worker.child.pid).toBe(pid);
  }, 60_000);

  it('reconciles what the failover lost against the mailbox: no second draft, a removed one stays removed', async () => {
    const s = await service('lost-write');
    const [kept, removedBefore, alsoKept] = makeInvitations(3, 30);
    const [draftedInGap, removedInGap] = makeInvitations(2, 31);
    const [later] = makeInvitations(1, 32);
    if (!kept || !removedBefore || !alsoKept || !draftedInGap || !removedInGap || !later)
      throw new Error('no invitations');
    await s.deliver([kept, removedBefore, alsoKept]);
    await s.drafted([kept, removedBefore, alsoKept], []);
    await s.pair.caughtUp();

    // The replica falls behind: from here on, what the primary takes is lost with it.
    s.pair.link.stall();
    await s.deliver([draftedInGap, removedInGap]);
    await s.drafted([draftedInGap, removedInGap], []);
    const uidInGap = await s.draftUid(draftedInGap);
    await s.decide('discard', removedInGap);
    await s.decide('discard', removedBefore);
    const exists = async (port: number, key: string) =>
      (await talk(port, `EXISTS ${key}\r\n`))?.trim();
    expect(await exists(s.pair.primary.port, s.recordKey(draftedInGap))).toBe(':1');
    await s.pair.failOver();
    // Really lost: the promoted replica never heard of the invitations drafted in the gap.
    expect(await exists(s.pair.replica.port, s.recordKey(draftedInGap))).toBe(':0');

    await s.deliver([later]);
    const removed = [removedBefore.key, removedInGap.key];
    const expected = s.delivered.map((i) => i.key).filter((k) => !removed.includes(k));
    await s.drafted([later], expected);
    // Until the worker has read the gap's mail again and the decisions are known again.
    let statuses = new Map<string, string>();
    await waitFor(
      async () => {
        statuses = await s.statuses();
        return (
          statuses.get(draftedInGap.key) === 'pending' &&
          removed.every((k) => statuses.get(k) === 'discarded')
        );
      },
      20_000,
      () => `statuses ${JSON.stringify([...statuses])}\n${s.worker.stderr.slice(-3000)}`,
    );
    const drafts = await s.drafts();
    expect(tally(expected, drafts)).toMatchObject({ missing: [], duplicated: [], unexpected: [] });
    // The draft written before the failover is the one kept: not written again.
    expect(await s.draftUid(draftedInGap)).toBe(uidInGap);
    // The removed drafts are in Trash once each, as the user left them.
    const trash = await s.trash();
    expect(removed.map((k) => trash.get(k))).toEqual([1, 1]);
    expect(await s.sent()).toEqual([]);
    expect(s.worker.alive).toBe(true);
  }, 60_000);
});

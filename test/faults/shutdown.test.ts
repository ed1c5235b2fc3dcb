// SIGTERM mid-backlog: the worker stops within a bounded time, leaves nothing half-done, and the
// next run finishes the work. A draft appended just before a crash, before it was recorded,
// is found in Drafts by its header instead of being written twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftQueueAt } from '../../src/queue/draftQueues.ts';
import { accountBase } from '../../src/store/keys.ts';
import { runCli } from '../integration/cli.ts';
import { makeInvitations } from './support/invitations.ts';
import { appendAll, draftsByInvitation } from './support/mail.ts';
import {
  type Account,
  account,
  type Servers,
  startServers,
  tally,
  withRedis,
} from './support/scenario.ts';
import { startWorker } from './support/worker.ts';

/** The supervisor's own bound (STOP_GRACE_MS, 10 s) plus closing connections. */
const SHUTDOWN_BOUND_MS = 15_000;

describe('graceful shutdown on SIGTERM', () => {
  let servers: Servers;
  let acc: Account;

  beforeAll(async () => {
    servers = await startServers();
    acc = account(servers);
  });
  afterAll(async () => {
    await servers?.stop();
  });

  it('stops within a bounded time mid-backlog, and the next run finishes exactly once', async () => {
    const invitations = makeInvitations(25, 3);
    await appendAll(
      servers.dovecot,
      acc.user,
      'INBOX',
      invitations.map((i) => i.raw),
    );
    const worker = startWorker(['run', '--config', acc.config], acc.env);
    await worker.waitForLog(/draft written/);
    const signalledAt = Date.now();
    worker.child.kill('SIGTERM');
    const { code } = await worker.exited;
    const stoppedInMs = Date.now() - signalledAt;
    expect(code, worker.stderr).toBe(0);
    expect(stoppedInMs).toBeLessThan(SHUTDOWN_BOUND_MS);
    expect(worker.stderr).toMatch(/shutting down/);
    const draftedBefore = tally([], await draftsByInvitation(servers.dovecot, acc.user)).total;

    const status = await runCli(['status', '--json', '--config', acc.config], acc.env);
    expect(JSON.parse(status.stdout)).toMatchObject({
      connected: false,
      accounts: [{ account: 'default', status: { state: 'stopped' } }],
    });

    const final = await runCli(['run', '--once', '--config', acc.config], acc.env);
    expect(final.code, final.stderr).toBe(0);
    const result = tally(
      invitations.map((i) => i.key),
      await draftsByInvitation(servers.dovecot, acc.user),
    );
    console.log(
      'FIGURES sigterm',
      JSON.stringify({
        invitations: invitations.length,
        stoppedInMs,
        draftedBefore,
        ...counts(result),
      }),
    );
    expect(result.missing).toEqual([]);
    expect(result.duplicated).toEqual([]);
  }, 90_000);

  it('does not draft twice when it died between APPEND and recording the draft', async () => {
    const other = account(servers);
    const [invitation] = makeInvitations(1, 4);
    if (!invitation) throw new Error('no invitation');
    await appendAll(servers.dovecot, other.user, 'INBOX', [invitation.raw]);
    const first = await runCli(['run', '--once', '--config', other.config], other.env);
    expect(first.code, first.stderr).toBe(0);
    expect(await draftsByInvitation(servers.dovecot, other.user)).toEqual(
      new Map([[invitation.key, 1]]),
    );

    // Put Redis back where a crash right after APPEND leaves it: the draft is in Drafts, the
    // invitation still says 'queued' under a claim of a process that is gone, and its draft job
    // is due again (as a stalled job would be).
    const base = accountBase(other.prefix, 'default');
    await withRedis(servers.redis.url, async (redis) => {
      await redis.hset(`${base}inv:${invitation.key}`, {
        draftStatus: 'queued',
        draftUid: '',
        claimToken: 'dead-worker',
        claimFence: '0',
        claimUntil: String(Date.now() + 60_000),
        appendStartedAt: String(Date.now()),
      });
      await redis.zrem(`${base}pending`, invitation.key);
      const drafts = draftQueueAt({ redis, prefix: other.prefix, account: 'default' });
      await drafts.remove(`draft-${invitation.key}`);
      await drafts.add(
        'draft',
        { invitationKey: invitation.key },
        { jobId: `draft-${invitation.key}`, attempts: 5 },
      );
      await drafts.close();
    });

    const again = await runCli(['run', '--once', '--config', other.config], other.env);
    expect(again.code, again.stderr).toBe(0);
    expect(await draftsByInvitation(servers.dovecot, other.user)).toEqual(
      new Map([[invitation.key, 1]]),
    );
    const history = await withRedis(servers.redis.url, (redis) =>
      redis.lrange(`${base}history:${invitation.key}`, 0, -1),
    );
    expect(history.some((e) => /"recovered":true/.test(e))).toBe(true);
    const record = await withRedis(servers.redis.url, (redis) =>
      redis.hget(`${base}inv:${invitation.key}`, 'draftStatus'),
    );
    expect(record).toBe('pending'); // recorded as written, awaiting the user's decision
  }, 60_000);
});

function counts(result: ReturnType<typeof tally>) {
  return {
    drafts: result.total,
    duplicates: result.duplicated.length,
    losses: result.missing.length,
  };
}

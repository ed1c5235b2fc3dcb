// Servers restart under a running worker (Redis with its append-only file, Dovecot), and the
// mailbox is recreated with a new UIDVALIDITY. Mail that arrives meanwhile is handled, and
// nothing already handled is drafted again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../harness/freePort.ts';
import { runCli } from '../integration/cli.ts';
import { makeInvitations } from './support/invitations.ts';
import { appendAll, draftsByInvitation, withMailbox } from './support/mail.ts';
import { type Account, account, type Servers, startServers, tally } from './support/scenario.ts';
import { startWorker, stopWorker, type WorkerProcess } from './support/worker.ts';

describe('server restarts and a recreated mailbox', () => {
  let servers: Servers;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    servers = await startServers();
  });
  afterEach(async () => {
    if (worker) await stopWorker(worker, 'SIGTERM');
    worker = undefined;
  });
  afterAll(async () => {
    await servers?.stop();
  });

  const allDrafted = async (acc: Account, keys: string[], timeoutMs = 30_000) => {
    let last = tally(keys, new Map());
    await waitFor(
      async () => {
        last = tally(keys, await draftsByInvitation(servers.dovecot, acc.user));
        return last.missing.length === 0;
      },
      timeoutMs,
      () => `still missing drafts for ${last.missing.join(', ')}\n${worker?.stderr.slice(-3000)}`,
    );
    return last;
  };

  it('Redis restarts: queued work and mail that arrived while it was down are handled once', async () => {
    const acc = account(servers);
    const before = makeInvitations(3, 20);
    await appendAll(
      servers.dovecot,
      acc.user,
      'INBOX',
      before.map((i) => i.raw),
    );
    worker = startWorker(['run', '--config', acc.config], acc.env);
    await allDrafted(
      acc,
      before.map((i) => i.key),
    );
    await servers.redis.stop();
    const during = makeInvitations(4, 21);
    await appendAll(
      servers.dovecot,
      acc.user,
      'INBOX',
      during.map((i) => i.raw),
    );
    await new Promise((r) => setTimeout(r, 2000));
    await servers.redis.start();
    const result = await allDrafted(
      acc,
      [...before, ...during].map((i) => i.key),
    );
    expect(worker.alive).toBe(true);
    expect(result.duplicated).toEqual([]);
    expect(result.total).toBe(7);
    console.log(
      'FIGURES redis-restart',
      JSON.stringify({
        invitations: 7,
        restarts: 1,
        drafts: result.total,
        duplicates: 0,
        losses: result.missing.length,
      }),
    );
  }, 60_000);

  it('Redis is down when run starts: it waits for Redis, then works', async () => {
    const acc = account(servers);
    const invitations = makeInvitations(2, 26);
    await appendAll(
      servers.dovecot,
      acc.user,
      'INBOX',
      invitations.map((i) => i.raw),
    );
    await servers.redis.stop();
    worker = startWorker(['run', '--config', acc.config], acc.env);
    await worker.waitForLog(/Redis connection error/);
    await new Promise((r) => setTimeout(r, 2000));
    expect(worker.alive, worker.stderr).toBe(true);
    await servers.redis.start();
    const result = await allDrafted(
      acc,
      invitations.map((i) => i.key),
    );
    expect(result.duplicated).toEqual([]);
    expect(result.total).toBe(2);
  }, 60_000);

  it('Dovecot restarts: the worker reconnects and catches up', async () => {
    const acc = account(servers);
    const before = makeInvitations(2, 22);
    await appendAll(
      servers.dovecot,
      acc.user,
      'INBOX',
      before.map((i) => i.raw),
    );
    worker = startWorker(['run', '--config', acc.config], acc.env);
    await allDrafted(
      acc,
      before.map((i) => i.key),
    );
    await servers.dovecot.stop();
    await new Promise((r) => setTimeout(r, 1500));
    await servers.dovecot.start();
    // Delivered before the worker is back: only catch-up from the saved state can find them.
    const during = makeInvitations(3, 23);
    await appendAll(
      servers.dovecot,
      acc.user,
      'INBOX',
      during.map((i) => i.raw),
    );
    const result = await allDrafted(
      acc,
      [...before, ...during].map((i) => i.key),
    );
    expect(worker.alive).toBe(true);
    expect(worker.stderr).toMatch(/reconnecting/);
    expect(result.duplicated).toEqual([]);
    expect(result.total).toBe(5);
    console.log(
      'FIGURES dovecot-restart',
      JSON.stringify({
        invitations: 5,
        restarts: 1,
        drafts: result.total,
        duplicates: 0,
        losses: result.missing.length,
      }),
    );
  }, 60_000);

  it('UIDVALIDITY changes (the watched folder deleted and recreated with the same mail): no mass re-drafting', async () => {
    // Dovecot cannot delete or rename INBOX, so this account watches a folder of its own.
    const acc = account(servers, { config: { 'mailboxes.inbox': 'LinkedIn' } });
    await withMailbox(servers.dovecot, acc.user, (client) => client.mailboxCreate('LinkedIn'));
    const handled = makeInvitations(6, 24);
    await appendAll(
      servers.dovecot,
      acc.user,
      'LinkedIn',
      handled.map((i) => i.raw),
    );
    const first = await runCli(['run', '--once', '--config', acc.config], acc.env);
    expect(first.code, first.stderr).toBe(0);
    expect(
      tally(
        handled.map((i) => i.key),
        await draftsByInvitation(servers.dovecot, acc.user),
      ).total,
    ).toBe(6);

    const [was, now] = await withMailbox(servers.dovecot, acc.user, async (client) => {
      const before = uidValidityOf(await client.status('LinkedIn', { uidValidity: true }));
      await client.mailboxCreate('Holding');
      await client.mailboxOpen('LinkedIn');
      await client.messageMove('1:*', 'Holding');
      await client.mailboxClose();
      await client.mailboxDelete('LinkedIn');
      await client.mailboxCreate('LinkedIn');
      await client.mailboxOpen('Holding');
      await client.messageMove('1:*', 'LinkedIn');
      await client.mailboxClose();
      const after = uidValidityOf(await client.status('LinkedIn', { uidValidity: true }));
      return [before, after];
    });
    expect(now).not.toBe(was);
    const fresh = makeInvitations(1, 25);
    await appendAll(
      servers.dovecot,
      acc.user,
      'LinkedIn',
      fresh.map((i) => i.raw),
    );

    const again = await runCli(['run', '--once', '--config', acc.config], acc.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/UIDVALIDITY changed/);
    const result = tally(
      [...handled, ...fresh].map((i) => i.key),
      await draftsByInvitation(servers.dovecot, acc.user),
    );
    expect(result.duplicated).toEqual([]);
    expect(result.missing).toEqual([]);
    expect(result.total).toBe(7);
    console.log(
      'FIGURES uidvalidity',
      JSON.stringify({
        invitations: 7,
        uidValidityChanges: 1,
        drafts: result.total,
        duplicates: 0,
        losses: 0,
      }),
    );
  }, 60_000);
});

function uidValidityOf(status: false | { uidValidity?: bigint }): string {
  if (!status) throw new Error('no STATUS for the folder');
  return String(status.uidValidity);
}

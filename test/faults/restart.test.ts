// Servers restart under a running worker (Redis with its append-only file, Dovecot), and the
// mailbox is recreated with a new UIDVALIDITY. Mail that arrives meanwhile is handled, and
// nothing already handled is drafted again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../integration/cli.ts';
import { draftsByInvitation, withMailbox } from './support/mail.ts';
import {
  account,
  allDrafted,
  deliver,
  type Servers,
  startServers,
  tally,
} from './support/scenario.ts';
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

  const workerLog = () => worker?.stderr ?? '';

  it('Redis restarts: queued work and mail that arrived while it was down are handled once', async () => {
    const acc = account(servers);
    const before = await deliver(servers, acc.user, 3, 20);
    worker = startWorker(['run', '--config', acc.config], acc.env);
    await allDrafted(servers, acc.user, before, workerLog);
    await servers.redis.stop();
    const during = await deliver(servers, acc.user, 4, 21);
    // The mail is in, and the worker has noticed that Redis is gone.
    await worker.waitForLog(/Redis at \S+: connection error/);
    await servers.redis.start();
    const result = await allDrafted(servers, acc.user, [...before, ...during], workerLog);
    expect(worker.alive).toBe(true);
    expect(result.duplicated).toEqual([]);
    expect(result.total).toBe(7);
    console.log(
      'FIGURES redis-restart',
      JSON.stringify({
        invitations: before.length + during.length,
        restarts: 1,
        drafts: result.total,
        duplicates: result.duplicated.length,
        losses: result.missing.length,
      }),
    );
  }, 60_000);

  it('Redis is down when run starts: it waits for Redis, then works', async () => {
    const acc = account(servers);
    const invitations = await deliver(servers, acc.user, 2, 26);
    await servers.redis.stop();
    worker = startWorker(['run', '--config', acc.config], acc.env);
    await worker.waitForLog(/Redis at \S+: connection error/);
    expect(worker.alive, worker.stderr).toBe(true);
    await servers.redis.start();
    const result = await allDrafted(servers, acc.user, invitations, workerLog);
    expect(result.duplicated).toEqual([]);
    expect(result.total).toBe(2);
  }, 60_000);

  it('Dovecot restarts: the worker reconnects and catches up', async () => {
    const acc = account(servers);
    const before = await deliver(servers, acc.user, 2, 22);
    worker = startWorker(['run', '--config', acc.config], acc.env);
    await allDrafted(servers, acc.user, before, workerLog);
    await servers.dovecot.stop();
    await worker.waitForLog(/IMAP connection closed; reconnecting/);
    await servers.dovecot.start();
    // Delivered as soon as Dovecot is back, most likely while the worker still waits out its
    // reconnect backoff: the catch-up after reconnecting must find them, each once.
    const during = await deliver(servers, acc.user, 3, 23);
    const result = await allDrafted(servers, acc.user, [...before, ...during], workerLog);
    expect(worker.alive).toBe(true);
    expect(worker.stderr).toMatch(/reconnecting/);
    expect(result.duplicated).toEqual([]);
    expect(result.total).toBe(5);
    console.log(
      'FIGURES dovecot-restart',
      JSON.stringify({
        invitations: before.length + during.length,
        restarts: 1,
        drafts: result.total,
        duplicates: result.duplicated.length,
        losses: result.missing.length,
      }),
    );
  }, 60_000);

  it('UIDVALIDITY changes (the watched folder deleted and recreated with the same mail): no mass re-drafting', async () => {
    // Dovecot cannot delete or rename INBOX, so this account watches a folder of its own.
    const acc = account(servers, { config: { 'mailboxes.inbox': 'LinkedIn' } });
    await withMailbox(servers.dovecot, acc.user, (client) => client.mailboxCreate('LinkedIn'));
    const handled = await deliver(servers, acc.user, 6, 24, 'LinkedIn');
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
    const fresh = await deliver(servers, acc.user, 1, 25, 'LinkedIn');

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
        invitations: handled.length + fresh.length,
        uidValidityChanges: 1,
        drafts: result.total,
        duplicates: result.duplicated.length,
        losses: result.missing.length,
      }),
    );
  }, 60_000);
});

function uidValidityOf(status: false | { uidValidity?: bigint }): string {
  if (!status) throw new Error('no STATUS for the folder');
  return String(status.uidValidity);
}

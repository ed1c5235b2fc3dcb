// The worker is SIGKILLed at random moments, several times, while it works through a backlog;
// after a final `run --once` every invitation has exactly one draft: none lost, none doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../integration/cli.ts';
import { makeInvitations } from './support/invitations.ts';
import { appendAll, draftsByInvitation } from './support/mail.ts';
import { type Account, account, type Servers, startServers, tally } from './support/scenario.ts';
import { startWorker, stopWorker } from './support/worker.ts';

const BACKLOG = 40;
const KILLS = 6;

describe('SIGKILL at random moments during a backlog', () => {
  let servers: Servers;
  let acc: Account;

  beforeAll(async () => {
    servers = await startServers();
    acc = account(servers);
  });
  afterAll(async () => {
    await servers?.stop();
  });

  it('ends with exactly one draft per invitation', async () => {
    const first = makeInvitations(BACKLOG - 5, 1);
    const late = makeInvitations(5, 2); // arrive while the worker keeps dying
    await appendAll(
      servers.dovecot,
      acc.user,
      'INBOX',
      first.map((i) => i.raw),
    );

    const progress: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const worker = startWorker(['run', '--config', acc.config], acc.env);
      if (kill === 2)
        await appendAll(
          servers.dovecot,
          acc.user,
          'INBOX',
          late.map((i) => i.raw),
        );
      // Kill anywhere from start-up (every other round) to well into the backlog.
      if (kill % 2 === 1) await worker.waitForLog(/drafts folder/);
      await new Promise((r) => setTimeout(r, Math.random() * 2000));
      const { signal } = await stopWorker(worker, 'SIGKILL');
      expect(signal, worker.stderr).toBe('SIGKILL');
      progress.push(tally([], await draftsByInvitation(servers.dovecot, acc.user)).total);
    }

    const final = await runCli(['run', '--once', '--config', acc.config], acc.env, 120_000);
    expect(final.code, final.stderr).toBe(0);
    const expected = [...first, ...late].map((i) => i.key);
    const result = tally(expected, await draftsByInvitation(servers.dovecot, acc.user));
    console.log(
      'FIGURES crash',
      JSON.stringify({
        invitations: expected.length,
        kills: KILLS,
        draftsAfterEachKill: progress,
        drafts: result.total,
        duplicates: result.duplicated.length,
        losses: result.missing.length,
      }),
    );
    expect(result.missing).toEqual([]);
    expect(result.duplicated).toEqual([]);
    expect(result.unexpected).toEqual([]);
    expect(result.total).toBe(BACKLOG);
  }, 240_000);
});

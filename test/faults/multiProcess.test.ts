// Three `run` processes share one Redis and one config of 30 accounts on one Dovecot. They split
// the accounts between them; invitations keep arriving in every mailbox while one process is
// SIGKILLed and another frozen (SIGSTOP) for 15 s (seven leases) and then resumed. Afterwards
// every invitation has exactly one draft, in its own account's Drafts folder and no other, and
// nothing was sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../harness/freePort.ts';
import { FAST, runCli, writeConfig } from '../integration/cli.ts';
import { type GeneratedInvitation, makeInvitations } from './support/invitations.ts';
import { appendAll, draftsByInvitation, messagesIn } from './support/mail.ts';
import { seededRandom } from './support/random.ts';
import { type Servers, startServers, tally } from './support/scenario.ts';
import { startWorker, stopAllWorkers, stopWorker, type WorkerProcess } from './support/worker.ts';

const ACCOUNTS = 30;
const FROZEN_MS = 15_000;

interface Owner {
  account: string;
  connected: boolean;
  owner: { pid: number } | null;
}

describe('several processes, many accounts', () => {
  let servers: Servers;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    servers = await startServers();
  });
  afterAll(async () => {
    await stopAllWorkers(workers);
    await servers?.stop();
  });

  it('spreads the accounts, takes over from a dead and a frozen process, and drafts each invitation once', async () => {
    const random = seededRandom('multi-process');
    const users = Array.from({ length: ACCOUNTS }, (_, i) => `multi-${process.pid}-${i}`);
    const config = writeConfig({
      'redis.prefix': `multi-${process.pid}`,
      'me.name': 'Paul Tester',
      ...FAST,
      accounts: users.map((user, i) => ({
        id: `u${i}`,
        imap: { url: servers.dovecot.imapUrl(user) },
      })),
    });
    const env = { REDIS_URL: servers.redis.url, IMAP_URL: '' };
    const owners = async (): Promise<Owner[]> =>
      JSON.parse((await runCli(['status', '--json', '--config', config], env)).stdout).accounts;
    const pids = (list: Owner[]) => list.map((a) => a.owner?.pid);

    for (let i = 0; i < 3; i++) workers.push(startWorker(['run', '--config', config], env));
    const [killed, frozen, survivor] = workers as [WorkerProcess, WorkerProcess, WorkerProcess];
    // Surplus accounts move to their preferred owner a few per heartbeat, so "all connected" can
    // hold while a handover is still under way: judge the spread on one settled snapshot.
    let initial: Owner[] = [];
    const share = (list: Owner[]) =>
      workers.map((w) => pids(list).filter((p) => p === w.child.pid).length);
    await waitFor(
      async () => {
        initial = await owners();
        return initial.every((a) => a.connected) && share(initial).every((n) => n >= 3);
      },
      30_000,
      () => `the accounts are not spread over the processes: ${JSON.stringify(share(initial))}`,
    );
    const perProcess = share(initial);

    // Invitations keep arriving: one per mailbox before each fault, in random mailboxes during it.
    const delivered = new Map<string, GeneratedInvitation[]>(users.map((u) => [u, []]));
    let series = 90;
    const deliverRound = async (count: number, spreadEvenly: boolean) => {
      const batch = makeInvitations(count, series++);
      for (const [i, invitation] of batch.entries()) {
        const user = spreadEvenly
          ? (users[i] as string)
          : (users[Math.floor(random() * users.length)] as string);
        delivered.get(user)?.push(invitation);
        await appendAll(servers.dovecot, user, 'INBOX', [invitation.raw]);
      }
    };
    await deliverRound(ACCOUNTS, true);

    const killedAt = Date.now();
    const hadKilled = initial.filter((a) => a.owner?.pid === killed.child.pid).length;
    await stopWorker(killed, 'SIGKILL');
    await deliverRound(20, false);
    await waitFor(
      async () => {
        const now = await owners();
        return now.every((a) => a.connected && a.owner?.pid !== killed.child.pid);
      },
      30_000,
      () => 'the dead process still owns accounts',
    );
    const takeoverMs = Date.now() - killedAt;

    frozen.child.kill('SIGSTOP');
    const frozenAt = Date.now();
    await deliverRound(20, false);
    await waitFor(
      async () => (await owners()).every((a) => a.connected && a.owner?.pid === survivor.child.pid),
      30_000,
      () => 'the frozen process still owns accounts',
    );
    const frozenTakeoverMs = Date.now() - frozenAt;
    await deliverRound(20, false);
    // The freeze lasts its full length, whatever else is done by then.
    await new Promise((r) => setTimeout(r, Math.max(0, FROZEN_MS - (Date.now() - frozenAt))));
    frozen.child.kill('SIGCONT');
    await deliverRound(ACCOUNTS, true);

    // Every invitation drafted once, in its own mailbox only.
    const results = new Map<string, ReturnType<typeof tally>>();
    await waitFor(
      async () => {
        for (const user of users) {
          const expected = (delivered.get(user) ?? []).map((i) => i.key);
          results.set(user, tally(expected, await draftsByInvitation(servers.dovecot, user)));
        }
        return [...results.values()].every((r) => r.missing.length === 0);
      },
      60_000,
      () => {
        const missing = [...results].filter(([, r]) => r.missing.length);
        // Every process's lines about those accounts and invitations: who held them, and when.
        const about = (line: string) =>
          missing.some(
            ([user, r]) =>
              line.includes(`"account":"u${users.indexOf(user)}"`) ||
              r.missing.some((key) => line.includes(key)),
          );
        const lines = workers.map(
          (w) => `pid ${w.child.pid}:\n${w.stderr.split('\n').filter(about).join('\n')}`,
        );
        return `still missing drafts: ${missing
          .map(([u, r]) => `${u} (${r.missing.join(', ')})`)
          .join('; ')}\n${lines.join('\n')}`;
      },
    );
    const all = [...results.values()];
    const sent = (
      await Promise.all(users.map((u) => messagesIn(servers.dovecot, u, 'Sent')))
    ).flat();
    console.log(
      'FIGURES multi-process',
      JSON.stringify({
        accounts: ACCOUNTS,
        processes: 3,
        accountsPerProcess: perProcess,
        invitations: all.reduce((n, r) => n + r.total, 0),
        killedProcessHad: hadKilled,
        takeoverAfterKillMs: takeoverMs,
        takeoverAfterFreezeMs: frozenTakeoverMs,
        duplicates: all.reduce((n, r) => n + r.duplicated.length, 0),
        inWrongMailbox: all.reduce((n, r) => n + r.unexpected.length, 0),
        sent: sent.length,
      }),
    );
    expect(takeoverMs).toBeLessThan(30_000);
    for (const r of all) {
      expect(r.duplicated).toEqual([]);
      expect(r.unexpected).toEqual([]);
    }
    expect(sent).toEqual([]);
    // The one that was frozen works again: it gets its share back.
    await waitFor(
      async () => (await owners()).some((a) => a.owner?.pid === frozen.child.pid),
      30_000,
      () => 'the resumed process took no account back',
    );
  }, 180_000);
});

// A `run` process frozen (SIGSTOP, as a closed laptop lid, a paused VM or heavy swapping would
// freeze it) several times while it catches up on a mailbox full of invitations. A freeze is
// time the process did not work, so it must not count against any message: every invitation
// gets exactly one draft and no message is recorded unreadable. (Before the parse budget counted
// CPU time, each freeze longer than the 2 s budget that fell inside a parse recorded that
// message as unreadable, "took longer than the 2000 ms parse budget", and it was never read again.)
// And a run reads again, at its start, what an earlier run could not read in time: the messages
// those freezes lost under the old budget, too.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARSER_VERSION } from '../../src/parse/version.ts';
import { RETRY_STARTS } from '../../src/pipeline/retryPolicy.ts';
import type { UnparseableEntry } from '../../src/store/records.ts';
import { Store } from '../../src/store/store.ts';
import { waitFor } from '../harness/freePort.ts';
import { runCli } from '../integration/cli.ts';
import type { GeneratedInvitation } from './support/invitations.ts';
import { draftsByInvitation, withMailbox } from './support/mail.ts';
import {
  account,
  deliver,
  type Servers,
  startServers,
  tally,
  withRedis,
} from './support/scenario.ts';
import { startWorker, stopAllWorkers, type WorkerProcess } from './support/worker.ts';

const INVITATIONS = 120;
const FREEZES = 6;
/** Longer than the old wall-clock budget (2000 ms): a freeze inside a parse overran it. */
const FREEZE_MS = 2100;
/** Invitations read between two freezes, so that each freeze falls in a new stretch of work. */
const READ_BETWEEN = 15;

/**
 * Resolves once the process is on a CPU (state R in /proc/<pid>/stat), or after 2 s: a freeze
 * then falls in the middle of its work (a parse, most often), not while it waits on a server.
 */
async function onCpu(pid: number): Promise<void> {
  const until = Date.now() + 2000;
  let running = 0;
  while (Date.now() < until) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    running = stat[stat.lastIndexOf(')') + 2] === 'R' ? running + 1 : 0;
    // On a CPU at three looks in a row, over 2 ms at least: a stretch of work, such as a parse.
    if (running >= 3) return;
    await new Promise((r) => setTimeout(r, 1)); // a look a millisecond, not a busy loop
  }
}

describe('a run frozen again and again during its catch-up', () => {
  let servers: Servers;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    servers = await startServers();
  });
  afterAll(async () => {
    await stopAllWorkers(workers);
    await servers?.stop();
  });

  it('loses nothing and records nothing unreadable', async () => {
    // A lease longer than a freeze: the account stays with this process, as with the shipped 15 s.
    // No DKIM check (no DNS here): less waiting between parses, so more freezes land in one.
    const acc = account(servers, {
      config: { 'lease.seconds': 10, 'authenticity.verifyDkim': false },
    });
    const t0 = Date.now();
    const invitations: GeneratedInvitation[] = [];
    for (let series = 0; series * 100 < INVITATIONS; series++)
      invitations.push(
        ...(await deliver(servers, acc.user, Math.min(100, INVITATIONS - series * 100), series)),
      );

    const deliveredMs = Date.now() - t0;
    const worker = startWorker(['run', '--config', acc.config], acc.env);
    workers.push(worker);
    await worker.waitForLog(/catching up: [\d,]+ messages to look at/);
    const passStartedMs = Date.now() - t0;
    const read = () =>
      withRedis(servers.redis.url, (redis) => redis.zcard(`${acc.prefix}:{default}:invitations`));

    const startedAt = Date.now();
    const readAtFreeze: number[] = [];
    for (let freeze = 0; freeze < FREEZES; freeze++) {
      const before = await read();
      // Freeze only once it is reading again: each freeze falls among parses, not on a pause.
      await waitFor(
        async () => (await read()) >= before + READ_BETWEEN,
        30_000,
        () => worker.stderr.slice(-3000),
      );
      readAtFreeze.push(await read());
      await onCpu(worker.child.pid ?? 0);
      worker.child.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, FREEZE_MS)); // the fault itself: a frozen process
      worker.child.kill('SIGCONT');
    }
    // The pass is over once every message is handled and every draft it queued is written.
    await worker.waitForLog(/caught up on [\d,]+ messages/, 60_000);
    const tookMs = Date.now() - startedAt;
    (await import('node:fs')).writeFileSync('/tmp/stall-worker.log', worker.stderr);

    const unreadable = await runCli(['unparseable', '--json', '--config', acc.config], acc.env);
    expect(unreadable.code, unreadable.stderr).toBe(0);
    const result = tally(
      invitations.map((i) => i.key),
      await draftsByInvitation(servers.dovecot, acc.user),
    );
    console.log(
      'FIGURES frozen-catch-up',
      JSON.stringify({
        invitations: INVITATIONS,
        freezes: FREEZES,
        freezeMs: FREEZE_MS,
        readAtFreeze,
        deliveredMs,
        passStartedMs,
        tookMs,
        drafts: result.total,
        duplicates: result.duplicated.length,
        losses: result.missing.length,
        unparseable: unreadable.stdout.split('\n').filter(Boolean).length,
      }),
    );
    expect(unreadable.stdout).toBe('');
    expect(result.missing).toEqual([]);
    expect(result.duplicated).toEqual([]);
    expect(result.unexpected).toEqual([]);
    expect(result.total).toBe(INVITATIONS);
    expect(worker.alive).toBe(true);
  }, 120_000);

  it('reads again at start what an earlier run could not read in time, and only that', async () => {
    const acc = account(servers);
    const [legacy, retryable, refusedOften, poison] = await deliver(servers, acc.user, 4, 90);
    if (!legacy || !retryable || !refusedOften || !poison) throw new Error('no invitations');
    const uidValidity = await withMailbox(servers.dovecot, acc.user, async (client) => {
      const status = await client.status('INBOX', { uidValidity: true });
      if (!status) throw new Error('no STATUS for INBOX');
      return String(status.uidValidity);
    });
    // What earlier runs left: every message handled (the cursor is past them), and all four
    // recorded as unreadable. UIDs 1-4, in delivery order.
    const tooSlow =
      'took longer than the 2000 ms parse budget (CPU time, while reading the invitation): too slow to read';
    const recorded = (uid: number, changes: Partial<UnparseableEntry>): UnparseableEntry => ({
      mailbox: 'INBOX',
      uidValidity,
      uid,
      reason: tooSlow,
      at: new Date().toISOString(),
      from: 'invitations@linkedin.com',
      subject: 'Marcus, please add me to your LinkedIn network',
      date: null,
      ...changes,
    });
    await withRedis(servers.redis.url, async (redis) => {
      await redis.hset(`${acc.prefix}:{default}:sync:INBOX`, {
        uidValidity,
        lastUid: '4',
        lastSyncAt: new Date().toISOString(),
      });
      const store = new Store(redis, acc.prefix, 'default');
      // Refused by the old wall-clock budget: a record from before retries were recorded.
      await store.recordUnparseable(
        recorded(1, {
          reason:
            'took longer than the 2000 ms parse budget (while reading the invitation): too slow to read',
        }),
      );
      await store.recordUnparseable(
        recorded(2, { retry: 'retryable', parserVersion: PARSER_VERSION, refusals: 1 }),
      );
      await store.recordUnparseable(
        recorded(3, {
          retry: 'retryable',
          parserVersion: PARSER_VERSION,
          refusals: RETRY_STARTS + 1,
        }),
      );
      await store.recordUnparseable(
        recorded(4, {
          retry: 'poison',
          reason: 'not a readable email: bad MIME',
          parserVersion: PARSER_VERSION,
          refusals: 1,
        }),
      );
    });

    const first = await runCli(['run', '--once', '--config', acc.config], acc.env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/reading again messages an earlier run could not read in time/);
    expect(first.stderr).toMatch(/read 2 of 2 messages again/);
    const drafts = await draftsByInvitation(servers.dovecot, acc.user);
    expect(drafts).toEqual(
      new Map([
        [legacy.key, 1],
        [retryable.key, 1],
      ]),
    );

    const listed = await runCli(['unparseable', '--json', '--config', acc.config], acc.env);
    const left = listed.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as UnparseableEntry);
    expect(left.map((e) => [e.uid, e.retry]).sort()).toEqual([
      [3, 'retryable'],
      [4, 'poison'],
    ]);
    const text = await runCli(['unparseable', '--config', acc.config], acc.env);
    expect(text.stdout).toContain(
      `retryable, but refused ${RETRY_STARTS + 1} times by this parser: read again after an upgrade`,
    );
    expect(text.stdout).toContain('poison: reading it again cannot help');

    // Nothing is due any more: a second start reads nothing again and writes nothing twice.
    const second = await runCli(['run', '--once', '--config', acc.config], acc.env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toMatch(/reading again/);
    expect(await draftsByInvitation(servers.dovecot, acc.user)).toEqual(drafts);
  }, 60_000);
});

// The worker is SIGKILLed at random moments, several times, while it works through a backlog;
// after a final `run --once` every invitation has exactly one draft: none lost, none doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../integration/cli.ts';
import { makeInvitations } from './support/invitations.ts';
import { appendAll, draftsByInvitation } from './support/mail.ts';
import { seededRandom } from './support/random.ts';
import {
  type Account,
  account,
  type Servers,
  startServers,
  tally,
  withRedis,
} from './support/scenario.ts';
import { startWorker, stopWorker } from './support/worker.ts';

const BACKLOG = 40;
const KILLS = 8;

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
    const random = seededRandom('crash');
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
      // Kill during start-up and catch-up, or while drafts are being written: right after the
      // k-th draft of this round, when the next job is likely mid-APPEND or mid-record.
      if (kill % 2 === 0) {
        await new Promise((r) => setTimeout(r, 500 + random() * 1500));
      } else {
        const k = 1 + Math.floor(random() * 4);
        await worker
          .waitFor(() => worker.count(/draft written/) >= k, 15_000)
          .catch(() => undefined); // the backlog may be done already
        await new Promise((r) => setTimeout(r, random() * 30));
      }
      const { signal } = await stopWorker(worker, 'SIGKILL');
      expect(signal, worker.stderr).toBe('SIGKILL');
      progress.push(tally([], await draftsByInvitation(servers.dovecot, acc.user)).total);
    }

    const final = await runCli(['run', '--once', '--config', acc.config], acc.env, 120_000);
    expect(final.code, final.stderr).toBe(0);
    const expected = [...first, ...late].map((i) => i.key);
    const result = tally(expected, await draftsByInvitation(servers.dovecot, acc.user));
    // Kills that fell between APPEND and recording the draft: found again in Drafts by header.
    const recovered = await withRedis(servers.redis.url, async (redis) => {
      let n = 0;
      for (const key of await redis.keys(`${acc.prefix}:*history:*`))
        n += (await redis.lrange(key, 0, -1)).filter((e) => e.includes('"recovered":true')).length;
      return n;
    });
    console.log(
      'FIGURES crash',
      JSON.stringify({
        invitations: expected.length,
        kills: KILLS,
        draftsAfterEachKill: progress,
        recoveredFromDrafts: recovered,
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

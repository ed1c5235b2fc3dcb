// Mail arrives at a running worker as it does in real life: invitations mixed with LinkedIn's
// job alerts, digests and messages and with ordinary mail, one at a time at short random gaps,
// some while the worker is busy with the last one. Every invitation gets exactly one draft, the
// other mail none, and nothing is reported as an error. (Before the sync engine was rebuilt, a
// worker lost most invitations that arrived a few seconds after other LinkedIn mail.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../integration/cli.ts';
import { fixture, makeInvitations } from './support/invitations.ts';
import { withMailbox } from './support/mail.ts';
import { seededRandom, shuffled } from './support/random.ts';
import { account, allDrafted, type Servers, startServers } from './support/scenario.ts';
import { startWorker, stopWorker, type WorkerProcess } from './support/worker.ts';

const OTHER_LINKEDIN = [
  'other-linkedin/2023-job-alert-digest-en.eml',
  'other-linkedin/2024-newsletter-digest-en.eml',
  'other-linkedin/2024-new-message-en.eml',
  'other-linkedin/2020-people-you-may-know-en.eml',
  'other-linkedin/2022-search-appearances-en.eml',
  'other-linkedin/2023-password-changed-en.eml',
];
const NOT_LINKEDIN = [
  'not-linkedin/personal-mentions-linkedin.eml',
  'not-linkedin/recruiter-direct-email.eml',
  'not-linkedin/newsletter-article-about-linkedin.eml',
];

describe('live arrivals into a running worker', () => {
  let servers: Servers;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    servers = await startServers();
  });
  afterAll(async () => {
    if (worker) await stopWorker(worker, 'SIGTERM');
    await servers?.stop();
  });

  it('drafts every invitation exactly once, whatever arrives around it and when', async () => {
    const random = seededRandom('live-arrivals');
    const acc = account(servers);
    worker = startWorker(['run', '--config', acc.config], acc.env);
    await worker.waitForLog(/watching mailbox/);

    const invitations = makeInvitations(12, 60);
    // Each invitation right after a piece of LinkedIn mail (the pattern that lost invitations),
    // the rest shuffled in between.
    const others = [...OTHER_LINKEDIN, ...OTHER_LINKEDIN, ...NOT_LINKEDIN].map((f) => fixture(f));
    const stream = shuffled(
      [
        ...invitations.map((inv, i) => [others[i % others.length] as Buffer, inv.raw]),
        ...others.slice(invitations.length).map((raw) => [raw]),
      ],
      random,
    ).flat();
    const gaps: number[] = [];
    await withMailbox(servers.dovecot, acc.user, async (client) => {
      for (const raw of stream) {
        await client.append('INBOX', raw);
        const gap = Math.floor(50 + random() * 750);
        gaps.push(gap);
        await new Promise((r) => setTimeout(r, gap)); // the arrival pattern under test
      }
    });

    const result = await allDrafted(servers, acc.user, invitations, () => worker?.stderr ?? '');
    const status = JSON.parse(
      (await runCli(['status', '--json', '--config', acc.config], acc.env)).stdout,
    ).accounts[0];
    console.log(
      'FIGURES live-arrivals',
      JSON.stringify({
        messages: stream.length,
        invitations: invitations.length,
        gapsMs: { min: Math.min(...gaps), max: Math.max(...gaps) },
        drafts: result.total,
        duplicates: result.duplicated.length,
        losses: result.missing.length,
        unparseable: status.unparseable,
      }),
    );
    expect(result.missing).toEqual([]);
    expect(result.duplicated).toEqual([]);
    expect(result.unexpected).toEqual([]);
    expect(status).toMatchObject({ connected: true, lastError: null, unparseable: 0 });
    expect(worker.stderr).not.toMatch(/"level":50/);
  }, 90_000);
});

// /metrics scraped from a running worker: the counters match what happened to the mail delivered
// (invitations by category, drafts, an unreadable message, a draft the user deleted), and the
// gauges say the account is connected with nothing left to write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInvitations } from '../faults/support/invitations.ts';
import { listMessages, withImap } from '../harness/context.ts';
import { fixture, type RunningWorker, startWorker, testAccount, waitUntil } from './cli.ts';

/** The value of one series (`name` with exactly these labels) in Prometheus text, or null. */
function sample(text: string, name: string, labels: Record<string, string>): number | null {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    if ((m[2] ?? '').split(',').filter(Boolean).sort().join(',') === wanted) return Number(m[3]);
  }
  return null;
}

/** An invitation-looking message with nothing in it to answer: recorded as unreadable. */
const EMPTY_INVITATION =
  'From: Mallory <invitations@linkedin.com>\r\nTo: me@example.net\r\nSubject: Mallory, please add me to your LinkedIn network\r\n\r\n';

describe('/metrics during run', () => {
  const { user, config, env } = testAccount('metrics', {
    'metrics.port': 0,
    'drafts.missingGraceSeconds': 0,
    'authenticity.verifyDkim': false,
  });
  const generated = makeInvitations(3);
  const mail = [
    ...generated.map((g) => g.raw),
    fixture('invitations/2017-pitch-sales-en.eml'),
    fixture('invitations/2016-personal-met-en-verified.eml'),
    Buffer.from(EMPTY_INVITATION),
  ];
  // The generated invitations (no note) and the pitch get drafts; the personal note does not.
  const drafted = generated.length + 1;
  let worker: RunningWorker;
  let url: string;
  const scrape = async () => (await fetch(url)).text();

  beforeAll(async () => {
    await withImap(user, async (client) => {
      for (const raw of mail) await client.append('INBOX', raw);
    });
    worker = startWorker(config, env);
    await worker.logged('metrics at http');
    url = /metrics at (http:\/\/\S+\/metrics)/.exec(worker.log())?.[1] ?? '';
  });

  afterAll(async () => {
    if (worker.child.exitCode === null) {
      worker.child.kill('SIGTERM');
      await new Promise((resolve) => worker.child.once('exit', resolve));
    }
  });

  it('counts what happened to the mail delivered', async () => {
    const account = { account: 'default' };
    await waitUntil(
      async () => sample(await scrape(), 'wherewemet_drafts_written_total', account) === drafted,
      20_000,
      () => worker.log(),
    );
    const text = await scrape();
    const seen = (outcome: string) =>
      sample(text, 'wherewemet_messages_seen_total', { ...account, outcome });
    expect((seen('read') ?? 0) + (seen('skipped') ?? 0) + (seen('unparseable') ?? 0)).toBe(
      mail.length,
    );
    expect(seen('unparseable')).toBe(1);
    const invitations = (category: string) =>
      sample(text, 'wherewemet_invitations_total', { ...account, category });
    expect(invitations('no-context')).toBe(generated.length);
    expect(invitations('pitch')).toBe(1);
    expect(invitations('has-context')).toBe(1);
    expect(invitations('suspicious')).toBe(0);
    expect(invitations('unsure')).toBe(0);
    expect(sample(text, 'wherewemet_unsure_invitations', account)).toBe(0);
    expect(sample(text, 'wherewemet_unparseable_total', account)).toBe(1);
    expect(sample(text, 'wherewemet_arrival_to_draft_seconds_count', account)).toBe(drafted);
    expect(sample(text, 'wherewemet_account_connected', account)).toBe(1);
    expect(sample(text, 'wherewemet_account_blocked', account)).toBe(0);
    expect(sample(text, 'wherewemet_backlog_jobs', { ...account, queue: 'drafts' })).toBe(0);
    expect(text).toContain('# TYPE wherewemet_arrival_to_draft_seconds histogram');
    expect(text).not.toContain('Bo Li');
  });

  it('counts a draft the user deleted in their mail client as discarded', async () => {
    const [first] = await listMessages(user, 'Drafts');
    if (!first) throw new Error('no draft to delete');
    await withImap(user, async (client) => {
      await client.mailboxOpen('Drafts');
      await client.messageDelete(String(first.uid), { uid: true });
    });
    const discarded = { account: 'default', decision: 'discarded' };
    await waitUntil(
      async () => sample(await scrape(), 'wherewemet_decisions_total', discarded) === 1,
      20_000,
      () => worker.log(),
    );
    expect(
      sample(await scrape(), 'wherewemet_decisions_total', { ...discarded, decision: 'sent' }),
    ).toBe(null);
  });

  it('answers only /metrics', async () => {
    const other = await fetch(url.replace(/\/metrics$/, '/'));
    expect(other.status).toBe(404);
  });
});

// Mistakes in the setup: a refused login, a host that does not exist, a certificate that does
// not verify, a Drafts folder that is missing or renamed. `run --once` says so in one line and
// exits non-zero; `run` keeps trying with backoff and shows the problem in `status`. Drafts
// never land in a folder that is not the Drafts folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DovecotServer, startDovecot } from '../harness/dovecot.ts';
import { waitFor } from '../harness/freePort.ts';
import { type RedisServer, startRedis } from '../harness/redis.ts';
import { FAST, runCli, writeConfig } from '../integration/cli.ts';
import { makeInvitations } from './support/invitations.ts';
import { appendAll, draftsByInvitation, folders, messagesIn, withMailbox } from './support/mail.ts';
import { startWorker, stopWorker } from './support/worker.ts';

const WRONG_PASSWORD = 'wrong-Pa55word-xyzzy';

/** The lines meant for a person (`wherewemet: …`); the rest of stderr is structured logs. */
function problemLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('wherewemet:'));
}

function expectOneClearLine(result: { code: number | null; stderr: string }, pattern: RegExp) {
  expect(result.code).not.toBe(0);
  const lines = problemLines(result.stderr);
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('setup mistakes', () => {
  let tls: DovecotServer;
  let noDrafts: DovecotServer;
  let redis: RedisServer;
  let n = 0;
  const user = () => `setup-${process.pid}-${n++}`;
  const config = (changes: Record<string, unknown> = {}) =>
    writeConfig({
      'redis.prefix': `setup-${process.pid}-${n++}`,
      'me.name': 'Paul Tester',
      ...FAST,
      ...changes,
    });

  beforeAll(async () => {
    [tls, noDrafts, redis] = await Promise.all([
      startDovecot({ ssl: true }),
      startDovecot({ draftsFolder: false }),
      startRedis(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([tls?.stop(), noDrafts?.stop(), redis?.stop()]);
  });

  const imaps = (who: string, password = tls.password) =>
    `imaps://${who}:${password}@127.0.0.1:${tls.imapsPort}`;
  const plain = (server: DovecotServer, who: string, password = server.password) =>
    `imap://${who}:${password}@127.0.0.1:${server.port}`;

  it('run --once: a refused login is one line, non-zero, without the password', async () => {
    const result = await runCli(['run', '--once', '--config', config()], {
      IMAP_URL: plain(noDrafts, user(), WRONG_PASSWORD),
      REDIS_URL: redis.url,
    });
    expectOneClearLine(result, /^wherewemet: IMAP login refused for setup-/);
    expect(result.stderr).not.toContain(WRONG_PASSWORD);
  });

  it('run: a refused login blocks the account, says what to do, and is retried only every backoff.blockedSeconds', {
    timeout: 60_000,
  }, async () => {
    const cfg = config();
    const env = { IMAP_URL: plain(noDrafts, user(), WRONG_PASSWORD), REDIS_URL: redis.url };
    const worker = startWorker(['run', '--config', cfg], env);
    const refusals = () =>
      worker.stderr
        .split('\n')
        .filter((l) => /IMAP login refused/.test(l) && /mailbox watcher error/.test(l))
        .map((l) => (JSON.parse(l) as { time: number }).time);
    try {
      await waitFor(
        () => refusals().length >= 2,
        30_000,
        () => `fewer than two attempts\n${worker.stderr}`,
      );
      expect(worker.alive, worker.stderr).toBe(true);
      // FAST sets backoff.blockedSeconds to 1: no faster, however often the login is refused.
      const [a, b] = refusals();
      expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(1000);
      const status = await runCli(['status', '--json', '--config', cfg], env);
      expect(status.code, status.stderr).toBe(1);
      const [report] = JSON.parse(status.stdout).accounts;
      expect(report).toMatchObject({ connected: false, status: { state: 'blocked' } });
      expect(report.lastError).toMatch(/login refused/);
      expect(report.fix).toMatch(/password/);
      const text = await runCli(['status', '--config', cfg], env);
      expect(text.stdout).toMatch(/worker\s+blocked: IMAP login refused/);
      expect(text.stdout).toMatch(/what to do\s+check the user name and password/);
      expect(worker.stderr).not.toContain(WRONG_PASSWORD);
    } finally {
      worker.child.kill('SIGTERM');
      const { code } = await worker.exited;
      expect(code).toBe(0);
    }
  });

  it.each([
    [
      'a host that does not exist',
      () => `imap://someone:${WRONG_PASSWORD}@imap.invalid:143`,
      /IMAP host imap\.invalid not found/,
      'retrying',
    ],
    [
      'a certificate that does not verify',
      () => imaps(user()),
      /TLS certificate of .* could not be verified/,
      'blocked',
    ],
  ])('run: %s is retried and shown in status, not fatal', async (_what, url, error, state) => {
    const cfg = config();
    const env = { IMAP_URL: url(), REDIS_URL: redis.url };
    const worker = startWorker(['run', '--config', cfg], env);
    try {
      await worker.waitForLog(/mailbox watcher error/);
      // Under load a lease can lapse and the account start again, saying "starting" for a moment.
      let report: { connected: boolean; status: { state: string }; lastError: string } | undefined;
      await waitFor(
        async () => {
          const status = await runCli(['status', '--json', '--config', cfg], env);
          [report] = JSON.parse(status.stdout).accounts;
          return report?.status.state === state;
        },
        20_000,
        () => `status never said ${state}: ${JSON.stringify(report)}\n${worker.stderr}`,
      );
      expect(report).toMatchObject({ connected: false, status: { state } });
      expect(report?.lastError).toMatch(error);
      expect(worker.alive).toBe(true);
      expect(worker.stderr).not.toMatch(/\n\s+at /);
    } finally {
      worker.child.kill('SIGTERM');
      expect((await worker.exited).code).toBe(0);
    }
  });

  it('run --once: a host that does not exist is one line, non-zero', async () => {
    const result = await runCli(['run', '--once', '--config', config()], {
      IMAP_URL: `imap://someone:${WRONG_PASSWORD}@imap.invalid:143`,
      REDIS_URL: redis.url,
    });
    expectOneClearLine(result, /^wherewemet: IMAP host imap\.invalid not found$/);
    expect(result.stderr).not.toContain(WRONG_PASSWORD);
  });

  it('TLS: a self-signed certificate is refused by default, in one line', async () => {
    const result = await runCli(['run', '--once', '--config', config()], {
      IMAP_URL: imaps(user()),
      REDIS_URL: redis.url,
    });
    expectOneClearLine(
      result,
      /^wherewemet: TLS certificate of 127\.0\.0\.1:\d+ could not be verified \(\w+\).*imap\.tlsRejectUnauthorized: false/,
    );
    expect(result.stderr).not.toContain(tls.password);
  });

  it('TLS: imap.tlsRejectUnauthorized: false for this account accepts it and drafts', async () => {
    const who = user();
    const [invitation] = makeInvitations(1, 30);
    if (!invitation) throw new Error('no invitation');
    await appendAll(tls, who, 'INBOX', [invitation.raw]);
    const result = await runCli(
      ['run', '--once', '--config', config({ 'imap.tlsRejectUnauthorized': false })],
      { IMAP_URL: imaps(who), REDIS_URL: redis.url },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(await draftsByInvitation(tls, who)).toEqual(new Map([[invitation.key, 1]]));
  });

  it('no folder is marked \\Drafts: a clear error naming mailboxes.drafts, and no draft anywhere', async () => {
    const who = user();
    await appendAll(
      noDrafts,
      who,
      'INBOX',
      makeInvitations(2, 31).map((i) => i.raw),
    );
    const result = await runCli(['run', '--once', '--config', config()], {
      IMAP_URL: plain(noDrafts, who),
      REDIS_URL: redis.url,
    });
    expectOneClearLine(result, /no folder is marked \\Drafts.*mailboxes\.drafts/);
    await expectOnlyInbox(noDrafts, who, 2);
  });

  it('the configured Drafts folder was renamed: a clear error, and no draft anywhere', async () => {
    const who = user();
    await withMailbox(noDrafts, who, async (client) => {
      await client.mailboxCreate('My Drafts');
      await client.mailboxRename('My Drafts', 'Old Drafts');
    });
    await appendAll(
      noDrafts,
      who,
      'INBOX',
      makeInvitations(2, 32).map((i) => i.raw),
    );
    const result = await runCli(
      ['run', '--once', '--config', config({ 'mailboxes.drafts': 'My Drafts' })],
      { IMAP_URL: plain(noDrafts, who), REDIS_URL: redis.url },
    );
    expectOneClearLine(result, /Drafts folder "My Drafts" \(mailboxes\.drafts\) does not exist/);
    await expectOnlyInbox(noDrafts, who, 2);
    expect(await messagesIn(noDrafts, who, 'Old Drafts')).toHaveLength(0);
  });

  it('the Drafts folder renamed while run is running: a clear error in log and status, no draft elsewhere', async () => {
    // On the TLS server (no failed logins there, so Dovecot does not slow our logins down).
    const who = user();
    await withMailbox(tls, who, (client) => client.mailboxCreate('My Drafts'));
    const cfg = config({ 'mailboxes.drafts': 'My Drafts', 'imap.tlsRejectUnauthorized': false });
    const env = { IMAP_URL: plain(tls, who), REDIS_URL: redis.url };
    const worker = startWorker(['run', '--config', cfg], env);
    try {
      await worker.waitForLog(/watching mailbox/);
      await withMailbox(tls, who, (client) => client.mailboxRename('My Drafts', 'Old Drafts'));
      await appendAll(
        tls,
        who,
        'INBOX',
        makeInvitations(1, 34).map((i) => i.raw),
      );
      // Refused at APPEND, or found missing when the folders are first looked up.
      await worker.waitForLog(/account blocked/, 20_000);
      const status = async () =>
        JSON.parse((await runCli(['status', '--json', '--config', cfg], env)).stdout).accounts[0];
      const report = await status();
      expect(report.status.state).toBe('blocked');
      expect(report.lastError).toMatch(/Drafts folder "My Drafts"/);
      expect(report.toBeWritten).toMatchObject({ delayed: 1 });
      // Still watching the inbox, but a person must act: a healthcheck must say so.
      const text = await runCli(['status', '--config', cfg], env);
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(/worker\s+blocked: .*Drafts folder "My Drafts".*still watching/);
      expect(text.stdout).toMatch(/what to do\s+\S/);
      await expectOnlyInbox(tls, who, 1);
      // The folder comes back: the account resumes by itself and the draft is written, once.
      await withMailbox(tls, who, (client) => client.mailboxRename('Old Drafts', 'My Drafts'));
      await waitFor(
        async () => (await draftsByInvitation(tls, who, 'My Drafts')).size === 1,
        20_000,
        () => `no draft after the folder came back\n${worker.stderr.slice(-2000)}`,
      );
      expect((await status()).status.state).toBe('running');
      expect((await runCli(['status', '--config', cfg], env)).code).toBe(0);
    } finally {
      await stopWorker(worker, 'SIGTERM');
    }
  });

  it('the configured mailboxes.drafts is used, and nothing goes elsewhere', async () => {
    const who = user();
    await withMailbox(noDrafts, who, (client) => client.mailboxCreate('My Drafts'));
    const invitations = makeInvitations(2, 33);
    await appendAll(
      noDrafts,
      who,
      'INBOX',
      invitations.map((i) => i.raw),
    );
    const result = await runCli(
      ['run', '--once', '--config', config({ 'mailboxes.drafts': 'My Drafts' })],
      { IMAP_URL: plain(noDrafts, who), REDIS_URL: redis.url },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(await draftsByInvitation(noDrafts, who, 'My Drafts')).toEqual(
      new Map(invitations.map((i) => [i.key, 1])),
    );
    expect(await messagesIn(noDrafts, who, 'INBOX')).toHaveLength(2);
  });
});

/** INBOX holds the `inbox` messages appended by the test, and every other folder is empty. */
async function expectOnlyInbox(server: DovecotServer, who: string, inbox: number) {
  for (const folder of await folders(server, who)) {
    expect((await messagesIn(server, who, folder)).length, folder).toBe(
      folder === 'INBOX' ? inbox : 0,
    );
  }
}

// A realistic mailbox on real servers: invitations, a reminder of one of them, a reminder of an
// invitation never seen, pitches, imitations, other LinkedIn mail and ordinary mail. And a new
// invitation arriving while the worker runs is drafted within seconds, pushed by IDLE.
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendRaw, listMessages } from '../harness/context.ts';
import { type SmtpSink, startSmtpSink } from '../harness/smtpSink.ts';
import { fixture, type RunningWorker, runCli, startWorker, testAccount, waitUntil } from './cli.ts';
import { clientSends, findDraftTo, invitationFrom } from './mailClient.ts';

const MAILBOX = [
  'invitations/2019-default-join-en-verified.eml', // Theo: default note → draft
  'reminders/2019-member-waiting-en.eml', // reminder of Theo's invitation → nothing more
  'reminders/2016-first-guest-reminder-en.eml', // reminder of an invitation never seen → draft
  'invitations/2016-personal-met-en-verified.eml', // says where they met → left to the user
  'invitations/2017-pitch-sales-en.eml', // pitch → the "not now" template
  'suspicious/lookalike-linkedln-com.eml', // imitation → never answered
  'suspicious/linkedin-from-auth-fail.eml', // failed DKIM/SPF/DMARC → never answered
  'ugly/header-injection-display-name.eml', // Ana Lima, with a smuggled Bcc in her name
  'other-linkedin/2016-accepted-invitation-en.eml',
  'other-linkedin/2020-people-you-may-know-en.eml',
  'not-linkedin/personal-mentions-linkedin.eml',
  'ugly/binary-garbage.eml',
  'forwarded/gmail-inline-2026-nonote-en.eml', // Daniel, forwarded inline by the user → draft
  'forwarded/attached-outlook-2012-reencoded.eml', // Dmitri, forwarded attached → draft
  'forwarded/inline-imitation-en.eml', // an imitation a stranger "forwarded" → never answered
  'ugly/forwarded-inline.eml', // a colleague's own invitation passed on → not the user's
];

describe('a mixed mailbox', () => {
  const { user, config, env } = testAccount('mixed', { 'me.name': 'Nora Lindqvist' });
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    env.SMTP_URL = sink.url;
    for (const name of MAILBOX) await appendRaw(user, 'INBOX', fixture(name));
  });

  afterAll(async () => {
    await sink.stop();
  });

  it('gets exactly the drafts the rules call for, once, and sends nothing', async () => {
    for (let run = 0; run < 2; run++) {
      const result = await runCli(['run', '--once', '--config', config], env);
      expect(result.code, result.stderr).toBe(0);
    }
    const drafts = await Promise.all(
      (await listMessages(user, 'Drafts')).map((d) => simpleParser(d.source)),
    );
    const greetings = drafts.map((d) => /^Hi ([^,]+),/m.exec(d.text ?? '')?.[1]).sort();
    expect(greetings).toEqual(['Ana', 'Brandon', 'Daniel', 'Dmitri', 'Kwame', 'Theo']);
    // Nothing proves a forwarded copy LinkedIn's: its draft is addressed to no one.
    for (const name of ['Daniel', 'Dmitri'])
      expect(drafts.find((d) => d.text?.includes(`Hi ${name},`))?.to).toBeUndefined();
    const pitch = drafts.find((d) => d.text?.includes('Hi Brandon,'));
    expect(pitch?.text).toContain('I am not looking for new services or roles');
    const ana = drafts.find((d) => d.text?.includes('Hi Ana,'));
    expect(ana?.bcc).toBeUndefined();
    expect(ana?.headers.has('x-injected')).toBe(false);
    expect(sink.connections).toBe(0);
  });
});

describe('while running', () => {
  let worker: RunningWorker | null = null;

  afterAll(() => {
    worker?.child.kill('SIGKILL');
  });

  it('drafts a new invitation within seconds of its arrival (IDLE), and stops cleanly on SIGTERM', async () => {
    const { user, config, env } = testAccount('idle');
    worker = startWorker(config, env);
    const { child, log } = worker;
    // Caught up (the first pass saved its cursor): what arrives now only IDLE can announce.
    await waitUntil(
      async () =>
        JSON.parse((await runCli(['status', '--json', '--config', config], env)).stdout).accounts[0]
          ?.lastSyncAt != null,
      10_000,
      log,
    );

    const arrived = Date.now();
    await appendRaw(user, 'INBOX', fixture('invitations/2016-nonote-en.eml'));
    await waitUntil(async () => (await listMessages(user, 'Drafts')).length === 1, 10_000, log);
    const latency = Date.now() - arrived;
    // Far below the 15 s imapflow waits before IDLE by default and the 5 min safety resync.
    expect(latency).toBeLessThan(5000);

    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    worker = null;
  });

  it('notices within 10 s that the user sent a draft from their mail client (default checks)', async () => {
    // drafts.checkEverySeconds as shipped (5): one STATUS of Drafts and Sent per check.
    const { user, config, env } = testAccount('decided', { 'drafts.checkEverySeconds': 5 });
    await appendRaw(user, 'INBOX', invitationFrom('Hana', 7));
    worker = startWorker(config, env);
    await waitUntil(
      async () => (await listMessages(user, 'Drafts')).length === 1,
      10_000,
      worker.log,
    );
    // history reads what the worker recorded; unlike drafts, it does not look at the mailbox itself.
    const decision = async () =>
      JSON.parse((await runCli(['history', '--json', '--config', config], env)).stdout)[0]?.status;
    expect(await decision()).toBe('pending');
    const sentAt = Date.now();
    await clientSends(user, await findDraftTo(user, 'hana@example.org'));
    await waitUntil(async () => (await decision()) === 'sent', 10_000, worker.log);
    console.log('FIGURES decision-noticed', JSON.stringify({ afterMs: Date.now() - sentAt }));
    worker.child.kill('SIGTERM');
    worker = null;
  });
});

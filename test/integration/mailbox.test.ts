// A realistic mailbox on real servers: invitations, a reminder of one of them, a reminder of an
// invitation never seen, pitches, imitations, other LinkedIn mail and ordinary mail. And a new
// invitation arriving while the worker runs is drafted within seconds, pushed by IDLE.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendRaw,
  imapUrlFor,
  listMessages,
  redisUrl,
  uniqueRedisPrefix,
  uniqueUser,
} from '../harness/context.ts';
import { type SmtpSink, startSmtpSink } from '../harness/smtpSink.ts';
import { runCli, writeConfig } from './cli.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const prefix = () => uniqueRedisPrefix('mbx').replace(/:$/, '').replace(/:/g, '-');

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
];

describe('a mixed mailbox', () => {
  const user = uniqueUser('mixed');
  let sink: SmtpSink;
  let env: Record<string, string>;
  let config: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    config = writeConfig({ 'redis.prefix': prefix(), 'me.name': 'Nora Lindqvist' });
    env = { IMAP_URL: imapUrlFor(user), REDIS_URL: redisUrl(), SMTP_URL: sink.url };
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
    expect(greetings).toEqual(['Ana', 'Brandon', 'Kwame', 'Theo']);
    const pitch = drafts.find((d) => d.text?.includes('Hi Brandon,'));
    expect(pitch?.text).toContain('I am not looking for new services or roles');
    const ana = drafts.find((d) => d.text?.includes('Hi Ana,'));
    expect(ana?.bcc).toBeUndefined();
    expect(ana?.headers.has('x-injected')).toBe(false);
    expect(sink.connections).toBe(0);
  });
});

describe('while running', () => {
  const user = uniqueUser('idle');
  let worker: ChildProcess | null = null;
  let stderr = '';

  afterAll(() => {
    worker?.kill('SIGKILL');
  });

  it('drafts a new invitation within seconds of its arrival (IDLE), and stops cleanly on SIGTERM', async () => {
    const config = writeConfig({ 'redis.prefix': prefix() });
    const bin = new URL('../../bin/wherewemet', import.meta.url).pathname;
    const child = spawn(bin, ['run', '--config', config], {
      env: { ...process.env, IMAP_URL: imapUrlFor(user), REDIS_URL: redisUrl() },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    worker = child;
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await waitFor(
      () => stderr.includes('watching mailbox'),
      15_000,
      () => stderr,
    );
    await new Promise((r) => setTimeout(r, 500)); // let it settle into IDLE

    const arrived = Date.now();
    await appendRaw(user, 'INBOX', fixture('invitations/2016-nonote-en.eml'));
    await waitFor(
      async () => (await listMessages(user, 'Drafts')).length === 1,
      10_000,
      () => stderr,
    );
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
});

async function waitFor(
  check: () => boolean | Promise<boolean>,
  ms: number,
  context: () => string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out; worker log:\n${context()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

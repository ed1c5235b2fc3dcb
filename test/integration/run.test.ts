// End to end on real servers: invitations appended to INBOX over IMAP become reply drafts in
// Drafts, exactly once, and nothing is ever sent.
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendRaw,
  imapUrlFor,
  listMessages,
  redisUrl,
  uniqueRedisPrefix,
  uniqueUser,
  withImap,
} from '../harness/context.ts';
import { type SmtpSink, startSmtpSink } from '../harness/smtpSink.ts';
import { fixture, runCli, writeConfig } from './cli.ts';

const ORDINARY = [
  'From: Alice Example <alice@example.org>',
  'To: me@example.net',
  'Subject: Lunch on Friday?',
  'Date: Mon, 02 Nov 2026 10:00:00 +0000',
  'Message-ID: <lunch-1@example.org>',
  '',
  'Shall we try the new place? My LinkedIn is https://www.linkedin.com/in/alice-example by the way.',
  '',
].join('\r\n');

describe('run --once on a real mailbox', () => {
  let sink: SmtpSink;
  const user = uniqueUser('e2e');
  let env: Record<string, string>;
  let config: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    config = writeConfig({
      'redis.prefix': uniqueRedisPrefix('e2e').replace(/:$/, '').replace(/:/g, '-'),
      'me.name': 'Paul Tester',
    });
    env = { IMAP_URL: imapUrlFor(user), REDIS_URL: redisUrl(), SMTP_URL: sink.url };
    for (const name of [
      'imapdigester-1.eml',
      'imapdigester-2.eml',
      'langmail-1.eml',
      'parsedmarc-1.eml',
    ]) {
      await appendRaw(user, 'INBOX', fixture(`corpus/${name}`));
    }
    await appendRaw(user, 'INBOX', ORDINARY);
    // The same notification delivered twice.
    await appendRaw(user, 'INBOX', fixture('corpus/imapdigester-1.eml'));
    // An invitation that arrived long before the look-back window.
    await withImap(user, (c) =>
      c.append('INBOX', fixture('corpus/imapdigester-3.eml'), [], new Date('2016-05-02T15:38:50Z')),
    );
  });

  afterAll(async () => {
    await sink.stop();
  });

  it('drafts one reply per stranger invitation, threaded, addressed and flagged as a draft', async () => {
    const result = await runCli(['run', '--once', '--config', config], env);
    expect(result.stderr).not.toMatch(/secret/);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');

    const drafts = await listMessages(user, 'Drafts');
    expect(drafts).toHaveLength(2);
    const parsed = await Promise.all(drafts.map((d) => simpleParser(d.source)));
    const byInviter = new Map(parsed.map((p) => [p.text?.match(/^Hi (\S+),/m)?.[1], p]));
    expect([...byInviter.keys()].sort()).toEqual(['Michael', 'Steven']);

    const steven = byInviter.get('Steven');
    expect(steven?.inReplyTo).toBe(
      '<997770868.3756094.1459635211566.JavaMail.app@lva1-app3333.prod.linkedin.com>',
    );
    expect(steven?.references).toBe(
      '<997770868.3756094.1459635211566.JavaMail.app@lva1-app3333.prod.linkedin.com>',
    );
    expect(steven?.from?.value[0]).toEqual({ name: 'Paul Tester', address: 'paul@hammant.org' });
    expect(steven?.to).toBeUndefined(); // the notification gives no address of the inviter
    expect(steven?.subject).toBe('Your LinkedIn invitation');
    expect(steven?.text).toContain('could you remind me where we met');
    expect(steven?.text).toContain(
      'reply on LinkedIn at https://www.linkedin.com/profile/view?id=AAsAAAAIW1gBCVPJFcvlZjm6AtEfNiLTNya_HqA and delete this line',
    );
    expect(steven?.text).toMatch(/Best regards,\nPaul Tester/);
    for (const d of drafts) expect(d.flags).toEqual(expect.arrayContaining(['\\Draft', '\\Seen']));
    expect(sink.connections).toBe(0);
  });

  it('adds nothing when run again, and still sends nothing', async () => {
    const result = await runCli(['run', '--once', '--config', config], env);
    expect(result.code, result.stderr).toBe(0);
    expect(await listMessages(user, 'Drafts')).toHaveLength(2);
    expect(sink.connections).toBe(0);
  });

  it('handles an invitation that arrives between runs, and only that one', async () => {
    const later = fixture('corpus/imapdigester-3.eml')
      .toString()
      .replace(/Foo Bar/gi, 'Nadia Novak') // the body writes it FOO BAR: one name throughout
      .replace(/6132926046288310272/g, '6132926046288319999')
      .replace('<311349338.', '<311349339.');
    await appendRaw(user, 'INBOX', later);
    const result = await runCli(['run', '--once', '--config', config], env);
    expect(result.code, result.stderr).toBe(0);
    const drafts = await listMessages(user, 'Drafts');
    expect(drafts).toHaveLength(3);
    const newest = await simpleParser(drafts[2]?.source ?? Buffer.alloc(0));
    expect(newest.text).toMatch(/^Hi Nadia,/m);
  });
});

describe('run --once failures', () => {
  it('exits non-zero with one line when the login is refused', async () => {
    const url = imapUrlFor(uniqueUser('refused')).replace(/:[^:@]*@/, ':wrong-password@');
    const config = writeConfig({ 'redis.prefix': 'refused-test' });
    const result = await runCli(['run', '--once', '--config', config], {
      IMAP_URL: url,
      REDIS_URL: redisUrl(),
    });
    expect(result.code).not.toBe(0);
    const lines = result.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('wherewemet:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/login refused/);
    expect(result.stderr).not.toContain('wrong-password');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits non-zero with one line naming the address when Redis is unreachable', async () => {
    const config = writeConfig({});
    const result = await runCli(['run', '--once', '--config', config], {
      IMAP_URL: imapUrlFor(uniqueUser('noredis')),
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('wherewemet:'));
    expect(lines).toEqual([
      'wherewemet: Redis at 127.0.0.1:1 unavailable: connect ECONNREFUSED 127.0.0.1:1',
    ]);
  });
});

// The same TLS rule for SMTP as for IMAP: a password or token never goes out before TLS, on this
// machine too. The SMTP server here is a real one (smtp-server) that offers no STARTTLS and
// accepts AUTH in clear, as a stripping proxy would make a real server look; a relay in front of
// it keeps every byte the client sent. Only smtp.allowPlaintext lets a login through, for a test
// server like this one.

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { passwordCredentials } from '../../src/auth/credentials.ts';
import { SendFailed } from '../../src/errors.ts';
import { smtpSender } from '../../src/smtp/sendApproved.ts';
import { type InvitationRecord, Store } from '../../src/store/store.ts';
import { appendRaw, redisUrl, uniqueRedisPrefix, uniqueUser } from '../harness/context.ts';
import { LOOPBACK } from '../harness/freePort.ts';
import { type Recorder, recordingRelay } from '../harness/recordingRelay.ts';
import { type SmtpSink, startSmtpSink } from '../harness/smtpSink.ts';
import { runCli, writeConfig } from './cli.ts';
import { findDraftTo, invitationFrom } from './mailClient.ts';

const SMTP_USER = 'paul@example.test';
const PASSWORD = 'Smtp-Pw-7f3a91c2';
const raw = Buffer.from(
  `From: ${SMTP_USER}\r\nTo: anna@example.org\r\nSubject: Re: your invitation\r\n\r\nHi Anna,\r\n`,
);
const message = { raw, from: SMTP_USER, to: ['anna@example.org'] };

/** Every form a password takes on the wire: plain, URL-encoded, and inside AUTH PLAIN / LOGIN. */
function leaks(sent: string): string[] {
  const forms = [
    PASSWORD,
    encodeURIComponent(PASSWORD),
    Buffer.from(PASSWORD).toString('base64'),
    Buffer.from(`\0${SMTP_USER}\0${PASSWORD}`).toString('base64'),
  ];
  return forms.filter((form) => sent.includes(form));
}

describe('SMTP logs in only over TLS', () => {
  let sink: SmtpSink;
  let relay: Recorder;
  const url = () =>
    `smtp://${encodeURIComponent(SMTP_USER)}:${encodeURIComponent(PASSWORD)}@${LOOPBACK}:${relay.port}`;

  beforeAll(async () => {
    sink = await startSmtpSink();
    relay = await recordingRelay(sink.port);
  });
  afterAll(async () => {
    await relay?.close();
    await sink?.stop();
  });

  it('refuses a server without STARTTLS before the password, or the message, goes out', async () => {
    for (const send of [
      smtpSender(url()),
      smtpSender(`smtp://${LOOPBACK}:${relay.port}`, passwordCredentials(SMTP_USER, PASSWORD)),
    ]) {
      relay.sent = '';
      const err = await send(message).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SendFailed);
      expect((err as SendFailed).mayHaveBeenSent).toBe(false);
      const reason = (err as SendFailed).message;
      expect(reason).toBe(
        `SMTP server ${LOOPBACK}:${relay.port} does not offer STARTTLS: refusing to log in without encryption; use smtps:// (port 465) if the server has it; smtp.allowPlaintext: true only for a test server on this machine`,
      );
      // It asked for STARTTLS and, refused, said nothing more that matters.
      expect(relay.sent).toMatch(/^STARTTLS\r$/m);
      expect(relay.sent).not.toMatch(/^(AUTH|MAIL FROM|RCPT TO|DATA)/im);
      expect(leaks(relay.sent)).toEqual([]);
    }
    expect(sink.logins).toEqual([]);
    expect(sink.messages).toEqual([]);
  });

  it('logs in without STARTTLS only with smtp.allowPlaintext', async () => {
    relay.sent = '';
    await smtpSender(url(), null, { allowPlaintext: true })(message);
    expect(sink.logins).toEqual([SMTP_USER]);
    expect(sink.messages).toHaveLength(1);
    // The control: the same relay sees the password when it does go out in clear.
    expect(leaks(relay.sent).length).toBeGreaterThan(0);
  });

  it('sends without a login in clear as before: there is no password to protect', async () => {
    await smtpSender(`smtp://${LOOPBACK}:${sink.port}`)(message);
    expect(sink.messages).toHaveLength(2);
  });
});

describe('approve with a password over smtp:// to a server without STARTTLS', {
  timeout: 60_000,
}, () => {
  it('says so in one line, sends nothing, and gives the draft back', async () => {
    const sink = await startSmtpSink();
    const user = uniqueUser('smtptls');
    const prefix = uniqueRedisPrefix('smtptls').replace(/:$/, '').replace(/:/g, '-');
    const settings = {
      'imap.host': inject('dovecotHost'),
      'imap.port': inject('dovecotPort'),
      'imap.secure': false,
      'imap.user': user,
      'imap.password': inject('dovecotPassword'),
      'redis.url': redisUrl(),
      'redis.prefix': prefix,
      'smtp.url': `smtp://${encodeURIComponent(SMTP_USER)}:${PASSWORD}@${LOOPBACK}:${sink.port}`,
    };
    const config = writeConfig(settings);
    const redis = new Redis(redisUrl());
    try {
      await appendRaw(user, 'INBOX', invitationFrom('Anna', 1));
      const run = await runCli(['run', '--once', '--config', config]);
      expect(run.code, run.stderr).toBe(0);
      const listed = JSON.parse((await runCli(['drafts', '--json', '--config', config])).stdout);
      const id = (listed as Array<{ id: string }>)[0]?.id ?? '';

      const refused = await runCli(['approve', id, '--config', config]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(
        /nothing was sent: SMTP server .* does not offer STARTTLS: refusing to log in without encryption; .*smtp\.allowPlaintext: true only for a test server/,
      );
      expect(refused.stderr).not.toContain(PASSWORD);
      expect(sink.logins).toEqual([]);
      expect(sink.messages).toEqual([]);
      await findDraftTo(user, 'anna@example.org');
      const store = new Store(redis, prefix, 'default');
      expect(((await store.getInvitation(id)) as InvitationRecord).draftStatus).toBe('pending');

      const allowed = writeConfig({ ...settings, 'smtp.allowPlaintext': true });
      const sent = await runCli(['approve', id, '--config', allowed]);
      expect(sent.code, sent.stderr).toBe(0);
      expect(sink.logins).toEqual([SMTP_USER]);
      expect(sink.messages).toHaveLength(1);
    } finally {
      await redis.quit();
      await sink.stop();
    }
  });
});

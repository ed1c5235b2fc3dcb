import { ImapFlow } from 'imapflow';
import { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  appendRaw,
  imapUrlFor,
  listMessages,
  redisUrl,
  uniqueRedisPrefix,
  uniqueUser,
  withImap,
} from './context.ts';
import { type DovecotServer, startDovecot } from './dovecot.ts';
import { isListening } from './freePort.ts';
import { type RedisServer, startRedis } from './redis.ts';
import { type SmtpSink, startSmtpSink } from './smtpSink.ts';

const message = (subject: string): string =>
  [
    'From: Ada <ada@example.com>',
    'To: Bob <bob@example.com>',
    `Subject: ${subject}`,
    'Message-ID: <harness@example.com>',
    '',
    'Hello from the harness.',
    '',
  ].join('\r\n');

describe('shared servers from globalSetup', () => {
  it('gives a fresh user the special-use mailboxes', async () => {
    const boxes = await withImap(uniqueUser('harness'), (client) => client.list());
    const byUse = Object.fromEntries(boxes.map((b) => [b.specialUse ?? '', b]));
    for (const [use, name] of [
      ['\\Drafts', 'Drafts'],
      ['\\Sent', 'Sent'],
      ['\\Trash', 'Trash'],
      ['\\Junk', 'Junk'],
    ] as const) {
      expect(byUse[use]?.path).toBe(name);
      expect(byUse[use]?.subscribed).toBe(true);
    }
  });

  it('appends to INBOX and fetches it back, isolated per user', async () => {
    const user = uniqueUser('harness');
    const uid = await appendRaw(user, 'INBOX', message('first'), ['\\Seen']);
    const [msg, ...rest] = await listMessages(user, 'INBOX');
    expect(rest).toEqual([]);
    expect(msg?.uid).toBe(uid);
    expect(msg?.flags).toContain('\\Seen');
    expect(msg?.envelope?.subject).toBe('first');
    expect(msg?.source.toString()).toContain('Hello from the harness.');
    expect(await listMessages(uniqueUser('harness'), 'INBOX')).toEqual([]);
    expect(await listMessages(user, 'Drafts')).toEqual([]);
  });

  it('builds IMAP URLs that log in', async () => {
    const user = uniqueUser('url@test');
    const url = new URL(imapUrlFor(user));
    expect(url.protocol).toBe('imap:');
    expect(decodeURIComponent(url.username)).toBe(user);
    const client = new ImapFlow({
      host: url.hostname,
      port: Number(url.port),
      secure: false,
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false,
    });
    await client.connect();
    expect(client.authenticated).toBeTruthy();
    await client.logout();
  });

  it('rejects a wrong password', async () => {
    const client = new ImapFlow({
      host: inject('dovecotHost'),
      port: inject('dovecotPort'),
      secure: false,
      auth: { user: uniqueUser('harness'), pass: 'wrong' },
      logger: false,
    });
    await expect(client.connect()).rejects.toMatchObject({ authenticationFailed: true });
    client.close();
  });

  it('stores and reads Redis keys under a unique prefix', async () => {
    const redis = new Redis(redisUrl());
    try {
      const key = `${uniqueRedisPrefix('harness')}greeting`;
      await redis.set(key, 'hello');
      expect(await redis.get(key)).toBe('hello');
      expect(await redis.config('GET', 'maxmemory-policy')).toEqual([
        'maxmemory-policy',
        'noeviction',
      ]);
    } finally {
      redis.disconnect();
    }
  });
});

describe('private servers survive a restart', () => {
  const started: Array<DovecotServer | RedisServer | SmtpSink> = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
  });

  it('Dovecot keeps mail across stop/start on the same port', async () => {
    const dovecot = await startDovecot();
    started.push(dovecot);
    const login = async (fn: (client: ImapFlow) => Promise<void>): Promise<void> => {
      const client = new ImapFlow({
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        auth: { user: 'restart-user', pass: dovecot.password },
        logger: false,
      });
      await client.connect();
      try {
        await fn(client);
      } finally {
        await client.logout();
      }
    };
    await login(async (client) => {
      await client.append('Drafts', message('kept'), ['\\Draft']);
    });

    await dovecot.stop();
    expect(await isListening(dovecot.port)).toBe(false);
    await dovecot.start();

    await login(async (client) => {
      const status = await client.status('Drafts', { messages: true });
      expect(status === false ? null : status.messages).toBe(1);
    });
    expect(dovecot.imapUrl('a b@c')).toBe(`imap://a%20b%40c:secret@127.0.0.1:${dovecot.port}`);
  });

  it('Redis with appendonly keeps data across stop/start on the same port', async () => {
    const server = await startRedis({ appendOnly: true });
    started.push(server);
    const first = new Redis(server.url);
    await first.set('survivor', 'yes');
    await first.quit();

    await server.stop();
    expect(await isListening(server.port)).toBe(false);
    await server.start();

    const second = new Redis(server.url);
    try {
      expect(await second.get('survivor')).toBe('yes');
    } finally {
      await second.quit();
    }
  });

  it('SMTP sink records what nodemailer sends', async () => {
    const sink = await startSmtpSink();
    started.push(sink);
    const transport = nodemailer.createTransport(sink.url);
    await transport.sendMail({
      from: 'ada@example.com',
      to: ['bob@example.com', 'carol@example.com'],
      subject: 'via sink',
      text: 'Hi!',
    });
    transport.close();
    expect(sink.connections).toBe(1);
    expect(sink.messages).toHaveLength(1);
    const [sent] = sink.messages;
    expect(sent?.from).toBe('ada@example.com');
    expect(sent?.to).toEqual(['bob@example.com', 'carol@example.com']);
    expect(sent?.raw.toString()).toContain('Subject: via sink');
  });
});

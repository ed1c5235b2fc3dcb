// The draft lifecycle on real servers: what the user does in a mail client (send, delete, edit)
// is learned from Drafts and Sent; approve sends through SMTP and is the only path that does;
// discard moves the draft to Trash; decided invitations are never drafted again.
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountBase } from '../../src/store/keys.ts';
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
import {
  clientDeletes,
  clientEdits,
  clientSends,
  clientSendsCopyOnly,
  findDraftTo,
  invitationFrom,
} from './mailClient.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

interface Listed {
  id: string;
  status: string;
  inviterName: string | null;
  to: string | null;
  subject: string | null;
  createdAt: string | null;
}

// Each step runs the real CLI a few times (about 1.5 s each), so steps get more than the default 30 s.
describe('draft lifecycle', { timeout: 90_000 }, () => {
  let sink: SmtpSink;
  const user = uniqueUser('life');
  let env: Record<string, string>;
  let config: string;
  const ids: Record<string, string> = {};

  const cli = (...args: string[]) => runCli([...args, '--config', config], env);
  const listed = async (): Promise<Listed[]> => {
    const result = await cli('drafts', '--json');
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Listed[];
  };
  const statusOf = async (first: string) =>
    (await listed()).find((d) => d.id === ids[first])?.status;

  beforeAll(async () => {
    sink = await startSmtpSink();
    config = writeConfig({
      'redis.prefix': uniqueRedisPrefix('life').replace(/:$/, '').replace(/:/g, '-'),
      'me.name': 'Paul Tester',
      'drafts.missingGraceSeconds': 0,
    });
    env = { IMAP_URL: imapUrlFor(user), REDIS_URL: redisUrl(), SMTP_URL: sink.url };
    for (const [i, first] of ['Anna', 'Boris', 'Carla', 'Dora', 'Emil'].entries())
      await appendRaw(user, 'INBOX', invitationFrom(first, i));
    await appendRaw(user, 'INBOX', fixture('corpus/imapdigester-1.eml')); // LinkedIn-only
    const run = await cli('run', '--once');
    expect(run.code, run.stderr).toBe(0);
  });

  afterAll(async () => {
    await sink.stop();
  });

  it('lists every draft as pending, with inviter, recipient, subject and time', async () => {
    const drafts = await listed();
    expect(drafts).toHaveLength(6);
    for (const d of drafts) {
      expect(d.status).toBe('pending');
      expect(d.subject).toBe('Your LinkedIn invitation');
      expect(Date.parse(d.createdAt ?? '')).not.toBeNaN();
      const first = d.inviterName?.split(' ')[0] ?? '';
      ids[first] = d.id;
    }
    expect(drafts.find((d) => d.id === ids.Anna)?.to).toBe('anna@example.org');
    expect(drafts.find((d) => d.id === ids.Steven)?.to).toBeNull();
    const table = await cli('drafts');
    expect(table.stdout).toMatch(/^ACCOUNT\s+ID\s+STATUS\s+INVITER/);
    expect(table.stdout).toContain('Anna Tester');
  });

  it('learns that a draft was sent from the mail client under a new Message-ID', async () => {
    await clientSends(user, await findDraftTo(user, 'anna@example.org'));
    expect(await statusOf('Anna')).toBe('sent');
  });

  it('learns that a draft was deleted in the mail client', async () => {
    await clientDeletes(user, await findDraftTo(user, 'boris@example.org'));
    expect(await statusOf('Boris')).toBe('discarded');
  });

  it('follows an edited draft, keeps it pending, and approve sends the edited text', async () => {
    await clientEdits(user, await findDraftTo(user, 'carla@example.org'), (body) =>
      body.replace(/^(\r?\n\r?\n)/, '$1P.S. Edited in my client.\r\n'),
    );
    expect(await statusOf('Carla')).toBe('pending');
    const history = await cli('history', ids.Carla ?? '');
    expect(history.stdout).toMatch(/edited {2}via=mail client/);

    const approve = await cli('approve', ids.Carla ?? '');
    expect(approve.code, approve.stderr).toBe(0);
    expect(sink.messages).toHaveLength(1);
    const message = sink.messages[0];
    expect(message?.to).toEqual(['carla@example.org']);
    const raw = message?.raw.toString() ?? '';
    expect(raw).toContain('P.S. Edited in my client.');
    expect(raw).not.toMatch(/X-Wherewemet-Invitation/i);
    expect(raw).toMatch(/^In-Reply-To: <2447466113\.972832\./m);

    const sent = await listMessages(user, 'Sent');
    const filed = sent.find((m) => m.source.toString().includes('P.S. Edited in my client.'));
    expect(filed?.flags).toContain('\\Seen');
    expect(filed?.flags).not.toContain('\\Draft');
    expect(filed?.source.toString()).not.toMatch(/X-Wherewemet-Invitation/i);
    await expect(findDraftTo(user, 'carla@example.org')).rejects.toThrow(/no draft/);
    expect(await statusOf('Carla')).toBe('approved');
  });

  it('discard moves the draft to Trash and marks it discarded', async () => {
    const discard = await cli('discard', ids.Dora ?? '');
    expect(discard.code, discard.stderr).toBe(0);
    await expect(findDraftTo(user, 'dora@example.org')).rejects.toThrow(/no draft/);
    const trash = await Promise.all(
      (await listMessages(user, 'Trash')).map((m) => simpleParser(m.source)),
    );
    expect(trash.map((m) => m.text)).toEqual([expect.stringMatching(/^Hi Dora,/)]);
    expect(await statusOf('Dora')).toBe('discarded');
  });

  it('approve refuses, with one line and a non-zero exit, what it must not send', async () => {
    const refusal = async (id: string, pattern: RegExp) => {
      const result = await cli('approve', id);
      expect(result.code).not.toBe(0);
      const lines = result.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('wherewemet:'));
      expect(lines).toEqual([expect.stringMatching(pattern)]);
    };
    await refusal('no-such-id', /no draft with id no-such-id/);
    await refusal(ids.Anna ?? '', /is sent, not pending/);
    await refusal(ids.Dora ?? '', /is discarded, not pending/);
    await refusal(ids.Steven ?? '', /has no recipient/);
    // Gone from Drafts behind wherewemet's back, not yet reconciled.
    await clientDeletes(user, await findDraftTo(user, 'emil@example.org'));
    await refusal(ids.Emil ?? '', /no longer in Drafts/);
    expect(sink.messages).toHaveLength(1);
  });

  it('never drafts a decided invitation again, on a rerun or a repeated notification', async () => {
    await appendRaw(user, 'INBOX', invitationFrom('Anna', 0));
    await appendRaw(user, 'INBOX', invitationFrom('Boris', 1));
    const before = await listMessages(user, 'Drafts');
    const run = await cli('run', '--once');
    expect(run.code, run.stderr).toBe(0);
    expect((await listMessages(user, 'Drafts')).map((m) => m.uid)).toEqual(
      before.map((m) => m.uid),
    );
    expect(sink.messages).toHaveLength(1);
  });

  it('keeps an audit trail per invitation, newest first for all', async () => {
    const one = await cli('history', ids.Anna ?? '');
    expect(one.code, one.stderr).toBe(0);
    const events = one.stdout
      .split('\n')
      .filter((l) => l.startsWith('  '))
      .map((l) => l.trim().split(/\s{2}/)[1]);
    expect(events).toEqual(['received', 'classified', 'drafted', 'decided', 'seen-again']);
    expect(one.stdout).toMatch(/classified {2}category=no-context {2}reasons=\[/);
    expect(one.stdout).toMatch(/decided {2}decision=sent {2}via=mail client/);
    const all = await cli('history', '--json');
    const trails = JSON.parse(all.stdout) as Array<{ id: string }>;
    expect(trails.map((t) => t.id).sort()).toEqual(Object.values(ids).sort());
    const missing = await cli('history', 'nope');
    expect(missing.code).not.toBe(0);
  });
});

describe('draft expiry', { timeout: 90_000 }, () => {
  it('removes an untouched draft past drafts.expireAfterDays, to Trash, as expired', async () => {
    const user = uniqueUser('expiry');
    const prefix = uniqueRedisPrefix('expiry').replace(/:$/, '').replace(/:/g, '-');
    const env = { IMAP_URL: imapUrlFor(user), REDIS_URL: redisUrl() };
    const config = writeConfig({ 'redis.prefix': prefix, 'drafts.expireAfterDays': 7 });
    await appendRaw(user, 'INBOX', invitationFrom('Fiona', 5));
    await appendRaw(user, 'INBOX', invitationFrom('Gabe', 6));
    const run = await runCli(['run', '--once', '--config', config], env);
    expect(run.code, run.stderr).toBe(0);
    const listed = async () =>
      JSON.parse((await runCli(['drafts', '--json', '--config', config], env)).stdout) as Listed[];
    const fiona = (await listed()).find((d) => d.inviterName === 'Fiona Tester');

    // Ten days pass for Fiona's draft only.
    const redis = new Redis(redisUrl());
    await redis.hset(`${accountBase(prefix, 'default')}inv:${fiona?.id}`, {
      draftedAt: new Date(Date.now() - 10 * 24 * 3600 * 1000).toISOString(),
    });
    await redis.quit();

    const after = await listed();
    expect(after.find((d) => d.inviterName === 'Fiona Tester')?.status).toBe('expired');
    expect(after.find((d) => d.inviterName === 'Gabe Tester')?.status).toBe('pending');
    const trash = await Promise.all(
      (await listMessages(user, 'Trash')).map((m) => simpleParser(m.source)),
    );
    expect(trash.map((m) => m.text)).toEqual([expect.stringMatching(/^Hi Fiona,/)]);
    expect((await listMessages(user, 'Drafts')).length).toBe(1);
  });
});

describe('a mail client that files the sent copy after deleting the draft', {
  timeout: 90_000,
}, () => {
  it('keeps the draft pending within the grace period, then learns it was sent', async () => {
    const user = uniqueUser('slow');
    const env = { IMAP_URL: imapUrlFor(user), REDIS_URL: redisUrl() };
    const prefix = uniqueRedisPrefix('slow').replace(/:$/, '').replace(/:/g, '-');
    const config = writeConfig({ 'redis.prefix': prefix, 'drafts.missingGraceSeconds': 3600 });
    await appendRaw(user, 'INBOX', invitationFrom('Hana', 7));
    expect((await runCli(['run', '--once', '--config', config], env)).code).toBe(0);
    const status = async () =>
      (
        JSON.parse((await runCli(['drafts', '--json', '--config', config], env)).stdout) as Listed[]
      )[0]?.status;

    const draft = await findDraftTo(user, 'hana@example.org');
    await clientDeletes(user, draft);
    expect(await status()).toBe('pending');
    await clientSendsCopyOnly(user, draft);
    expect(await status()).toBe('sent');
  });
});

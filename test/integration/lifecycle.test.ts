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

const PEOPLE = ['Anna', 'Boris', 'Carla', 'Dora', 'Emil'];

/**
 * A mailbox of its own with an invitation from each of `people` (and, with `steven`, one whose
 * inviter gave no address), run through `run --once`: every test starts from there, so that
 * each can run alone.
 */
async function mailboxWith(sink: SmtpSink, people: string[], options: { steven?: boolean } = {}) {
  const user = uniqueUser('life');
  const config = writeConfig({
    'redis.prefix': uniqueRedisPrefix('life').replace(/:$/, '').replace(/:/g, '-'),
    'me.name': 'Paul Tester',
    'drafts.missingGraceSeconds': 0,
  });
  const env = { IMAP_URL: imapUrlFor(user), REDIS_URL: redisUrl(), SMTP_URL: sink.url };
  for (const first of people)
    await appendRaw(user, 'INBOX', invitationFrom(first, PEOPLE.indexOf(first)));
  if (options.steven) await appendRaw(user, 'INBOX', fixture('corpus/imapdigester-1.eml'));
  const cli = (...args: string[]) => runCli([...args, '--config', config], env);
  const run = await cli('run', '--once');
  expect(run.code, run.stderr).toBe(0);
  const listed = async (): Promise<Listed[]> => {
    const result = await cli('drafts', '--json');
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Listed[];
  };
  const ids: Record<string, string> = {};
  for (const d of await listed()) ids[d.inviterName?.split(' ')[0] ?? ''] = d.id;
  const statusOf = async (first: string) =>
    (await listed()).find((d) => d.id === ids[first])?.status;
  return { user, cli, listed, ids, statusOf };
}

describe('draft lifecycle', () => {
  let sink: SmtpSink;
  const sentTo = (address: string) => sink.messages.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.stop();
  });

  it('lists every draft as pending, with inviter, recipient, subject and time', async () => {
    const { cli, listed, ids } = await mailboxWith(sink, ['Anna', 'Boris'], { steven: true });
    const drafts = await listed();
    expect(drafts).toHaveLength(3);
    for (const d of drafts) {
      expect(d.status).toBe('pending');
      expect(d.subject).toBe('Your LinkedIn invitation');
      expect(Date.parse(d.createdAt ?? '')).not.toBeNaN();
    }
    expect(drafts.find((d) => d.id === ids.Anna)?.to).toBe('anna@example.org');
    expect(drafts.find((d) => d.id === ids.Steven)?.to).toBeNull();
    const table = await cli('drafts');
    expect(table.stdout).toMatch(/^ACCOUNT\s+ID\s+STATUS\s+INVITER/);
    expect(table.stdout).toContain('Anna Tester');
  });

  it('learns that a draft was sent from the mail client under a new Message-ID', async () => {
    const { user, statusOf } = await mailboxWith(sink, ['Anna']);
    await clientSends(user, await findDraftTo(user, 'anna@example.org'));
    expect(await statusOf('Anna')).toBe('sent');
  });

  it('learns that a draft was deleted in the mail client', async () => {
    const { user, statusOf } = await mailboxWith(sink, ['Boris']);
    await clientDeletes(user, await findDraftTo(user, 'boris@example.org'));
    expect(await statusOf('Boris')).toBe('discarded');
  });

  it('follows an edited draft, keeps it pending, and approve sends the edited text', async () => {
    const { user, cli, ids, statusOf } = await mailboxWith(sink, ['Carla']);
    await clientEdits(user, await findDraftTo(user, 'carla@example.org'), (body) =>
      body.replace(/^(\r?\n\r?\n)/, '$1P.S. Edited in my client.\r\n'),
    );
    expect(await statusOf('Carla')).toBe('pending');
    const history = await cli('history', ids.Carla ?? '');
    expect(history.stdout).toMatch(/edited {2}via=mail client/);

    const approve = await cli('approve', ids.Carla ?? '');
    expect(approve.code, approve.stderr).toBe(0);
    const [message, ...more] = sentTo('carla@example.org');
    expect(more).toEqual([]);
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
    const { user, cli, ids, statusOf } = await mailboxWith(sink, ['Dora']);
    const discard = await cli('discard', ids.Dora ?? '');
    expect(discard.code, discard.stderr).toBe(0);
    await expect(findDraftTo(user, 'dora@example.org')).rejects.toThrow(/no draft/);
    const trash = await Promise.all(
      (await listMessages(user, 'Trash')).map((m) => simpleParser(m.source)),
    );
    expect(trash.map((m) => m.text)).toEqual([expect.stringMatching(/^Hi Dora,/)]);
    expect(await statusOf('Dora')).toBe('discarded');
  });

  it('undo after discard puts the draft back in Drafts once; undo after a send is refused', async () => {
    const { user, cli, ids, statusOf } = await mailboxWith(sink, ['Boris']);
    const id = ids.Boris ?? '';
    const draftsTo = async (address: string) =>
      (await listMessages(user, 'Drafts')).filter((m) => m.source.toString().includes(address));
    expect((await cli('discard', id)).code).toBe(0);
    // Two undos at once: exactly one puts it back.
    const undos = await Promise.all([cli('undo', id), cli('undo', id)]);
    expect(undos.map((u) => u.code).sort()).toEqual([0, 1]);
    expect(undos.find((u) => u.code === 0)?.stderr).toMatch(
      /undid the discard: the reply to Boris Tester \(draft .*\) is back in Drafts/,
    );
    expect(await draftsTo('boris@example.org')).toHaveLength(1);
    expect(await listMessages(user, 'Trash')).toEqual([]);
    expect(await statusOf('Boris')).toBe('pending');
    const again = await cli('undo', id);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/is pending: there is nothing to undo/);
    expect(await draftsTo('boris@example.org')).toHaveLength(1);
    expect(sentTo('boris@example.org')).toEqual([]);

    // The restored draft is the one tracked: approving it sends it, once, and that is final.
    const approve = await cli('approve', id);
    expect(approve.code, approve.stderr).toBe(0);
    expect(sentTo('boris@example.org')).toHaveLength(1);
    const late = await cli('undo', id);
    expect(late.code).not.toBe(0);
    expect(late.stderr).toMatch(/was sent: a sent reply cannot be undone/);
    expect(await draftsTo('boris@example.org')).toEqual([]);
    expect(sentTo('boris@example.org')).toHaveLength(1);
    const history = await cli('history', id);
    expect(history.stdout).toMatch(/undone {2}decision=discarded {2}via=cli/);
  });

  it('undo after "replied" gives a draft without an address back to Drafts, pending', async () => {
    const { user, cli, ids, statusOf } = await mailboxWith(sink, [], { steven: true });
    const id = ids.Steven ?? '';
    expect((await cli('replied', id)).code).toBe(0);
    expect(await listMessages(user, 'Drafts')).toEqual([]);
    const undo = await cli('undo', id);
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stderr).toMatch(/undid "replied"/);
    expect(await listMessages(user, 'Drafts')).toHaveLength(1);
    expect(await statusOf('Steven')).toBe('pending');
    expect((await cli('replied', id)).code).toBe(0);
    expect(await statusOf('Steven')).toBe('replied');
  });

  it('approve refuses, with one line and a non-zero exit, what it must not send', async () => {
    const { user, cli, ids } = await mailboxWith(sink, ['Anna', 'Dora', 'Emil'], { steven: true });
    await clientSends(user, await findDraftTo(user, 'anna@example.org'));
    expect((await cli('discard', ids.Dora ?? '')).code).toBe(0);
    await cli('drafts'); // reconciles: Anna's is sent
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
    for (const who of ['anna', 'dora', 'emil']) expect(sentTo(`${who}@example.org`)).toEqual([]);
  });

  it('never drafts a decided invitation again, on a rerun or a repeated notification', async () => {
    const { user, cli } = await mailboxWith(sink, ['Anna', 'Boris']);
    await clientSends(user, await findDraftTo(user, 'anna@example.org'));
    await clientDeletes(user, await findDraftTo(user, 'boris@example.org'));
    await cli('drafts'); // reconciles: one sent, one discarded
    await appendRaw(user, 'INBOX', invitationFrom('Anna', PEOPLE.indexOf('Anna')));
    await appendRaw(user, 'INBOX', invitationFrom('Boris', PEOPLE.indexOf('Boris')));
    const run = await cli('run', '--once');
    expect(run.code, run.stderr).toBe(0);
    expect(await listMessages(user, 'Drafts')).toEqual([]);
  });

  it('keeps an audit trail per invitation, newest first for all', async () => {
    const { user, cli, ids } = await mailboxWith(sink, ['Anna', 'Boris']);
    await clientSends(user, await findDraftTo(user, 'anna@example.org'));
    await cli('drafts');
    await appendRaw(user, 'INBOX', invitationFrom('Anna', PEOPLE.indexOf('Anna')));
    expect((await cli('run', '--once')).code).toBe(0);
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

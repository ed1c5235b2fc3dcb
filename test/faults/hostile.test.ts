// Hostile and broken mail among real invitations: each bad message is recorded once (as
// unparseable with a reason, or as not an invitation), shows in the dead-letter list, is never
// retried, and the worker goes on to draft the invitations that come after it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountBase, bullPrefix } from '../../src/store/keys.ts';
import { runCli } from '../integration/cli.ts';
import { fixture, makeInvitations } from './support/invitations.ts';
import { appendAll, draftsByInvitation } from './support/mail.ts';
import {
  type Account,
  account,
  type Servers,
  startServers,
  tally,
  withRedis,
} from './support/scenario.ts';

const FROM =
  'From: Mallory <invitations@linkedin.com>\r\nTo: me@example.net\r\nSubject: Mallory, please add me to your LinkedIn network\r\n';

/** Each is a candidate (From mentions LinkedIn), so the worker must fetch and read it. */
const HOSTILE: Record<string, Buffer> = {
  'malformed MIME': Buffer.from(
    `${FROM}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="outer"\r\n\r\n--outer\r\nContent-Type: multipart/alternative; boundary=\r\n\r\n--\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%not base64%%%\r\n--outer\r\nContent-Type: message/rfc822\r\n\r\nFrom: \r\n--outer`,
  ),
  'truncated MIME': fixture('ugly/truncated-mid-mime.eml'),
  'unknown charset': fixture('ugly/unknown-charset.eml'),
  'charset that is not a charset': Buffer.from(
    `${FROM}Content-Type: text/plain; charset="x-\u0000-evil"\r\n\r\nI'd like to add you to my professional network on LinkedIn.\r\n`,
  ),
  '2 MB of headers': Buffer.from(
    `${FROM}${Array.from({ length: 2048 }, (_, i) => `X-Filler-${i}: ${'a'.repeat(1000)}\r\n`).join('')}X-Long: ${'b'.repeat(100_000)}\r\n\r\nhello\r\n`,
  ),
  '50,000 nested tags': Buffer.from(
    `${FROM}Content-Type: text/html; charset=utf-8\r\n\r\n${'<div><b>'.repeat(25_000)}I'd like to connect${'</b></div>'.repeat(25_000)}\r\n`,
  ),
  'binary garbage': Buffer.concat([
    Buffer.from(`${FROM}Content-Type: application/octet-stream\r\n\r\n`),
    Buffer.from([...randomBytes(65_536)].map((b) => b || 1)), // IMAP literals may not hold NUL
  ]),
  'binary garbage after a From line': Buffer.concat([
    Buffer.from('From: invitations@linkedin.com\r\n'),
    Buffer.from([...randomBytes(8192)].map((b) => b || 1)),
  ]),
  'headers only, empty body': Buffer.from(`${FROM}\r\n`),
  'nothing but a From line': Buffer.from('From: invitations@linkedin.com\r\n'),
};

describe('hostile mail', () => {
  let servers: Servers;
  let acc: Account;

  beforeAll(async () => {
    servers = await startServers();
    acc = account(servers);
  });
  afterAll(async () => {
    await servers?.stop();
  });

  it('is recorded once with a reason, never retried, and the worker goes on', async () => {
    const before = makeInvitations(2, 40);
    const after = makeInvitations(3, 41);
    await appendAll(servers.dovecot, acc.user, 'INBOX', [
      ...before.map((i) => i.raw),
      ...Object.values(HOSTILE),
      ...after.map((i) => i.raw),
    ]);
    const startedAt = Date.now();
    const result = await runCli(['run', '--once', '--config', acc.config], acc.env, 120_000);
    const tookMs = Date.now() - startedAt;
    expect(result.code, result.stderr).toBe(0);

    const drafts = tally(
      [...before, ...after].map((i) => i.key),
      await draftsByInvitation(servers.dovecot, acc.user),
    );
    expect(drafts.missing).toEqual([]);
    expect(drafts.duplicated).toEqual([]);

    // The cursor went past every message, and no draft job failed or was retried.
    const base = accountBase(acc.prefix, 'default');
    const total = before.length + after.length + Object.keys(HOSTILE).length;
    const { cursor, invitations, failed, retried } = await withRedis(
      servers.redis.url,
      async (redis) => {
        const jobs = (
          await redis.keys(`${bullPrefix(acc.prefix, 'default')}:drafts:draft-*`)
        ).filter((k) => !/:(logs|lock)$/.test(k));
        const attempts = await Promise.all(jobs.map((k) => redis.hget(k, 'atm')));
        return {
          cursor: Number(await redis.hget(`${base}sync:INBOX`, 'lastUid')),
          invitations: await redis.zcard(`${base}invitations`),
          failed: await redis.zcard(`${bullPrefix(acc.prefix, 'default')}:drafts:failed`),
          retried: attempts.filter((a) => Number(a) > 1).length,
        };
      },
    );
    expect(cursor).toBe(total);
    expect(failed).toBe(0);
    expect(retried).toBe(0);

    const listed = await runCli(['unparseable', '--json', '--config', acc.config], acc.env);
    expect(listed.code, listed.stderr).toBe(0);
    const deadLetters = listed.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { uid: number; reason: string; from: string | null });
    for (const d of deadLetters) {
      expect(d.reason.length).toBeGreaterThan(5);
      expect(d.from).toMatch(/linkedin\.com/);
    }
    const status = JSON.parse(
      (await runCli(['status', '--json', '--config', acc.config], acc.env)).stdout,
    );
    expect(status.accounts[0].unparseable).toBe(deadLetters.length);
    // The two broken fixtures are readable invitations (with a personal note, so no draft).
    const readableHostile = 2;
    const ignored = Object.keys(HOSTILE).length - readableHostile - deadLetters.length;
    console.log(
      'FIGURES hostile',
      JSON.stringify({
        hostile: Object.keys(HOSTILE).length,
        invitations: before.length + after.length,
        unparseable: deadLetters.length,
        ignored,
        drafts: drafts.total,
        failedJobs: failed,
        retriedJobs: retried,
        tookMs,
        reasons: deadLetters.map((d) => d.reason.slice(0, 80)),
      }),
    );
    // No draft for anything but the real invitations; every other hostile message is a dead
    // letter or plainly not an invitation.
    expect(drafts.unexpected).toEqual([]);
    expect(invitations).toBe(before.length + after.length + readableHostile);
    expect(ignored).toBeGreaterThanOrEqual(0);
    expect(deadLetters.length).toBeGreaterThan(0);
  }, 150_000);
});

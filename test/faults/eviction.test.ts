// A Redis that may evict keys (maxmemory-policy allkeys-lru, common on managed Redis) would lose
// wherewemet's memory of what it drafted and what the user discarded. `run` refuses it in one
// line and says so in `status`, unless the config explicitly allows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DovecotServer, startDovecot } from '../harness/dovecot.ts';
import { type RedisServer, startRedis } from '../harness/redis.ts';
import { FAST, runCli, writeConfig } from '../integration/cli.ts';
import { makeInvitations } from './support/invitations.ts';
import { appendAll, draftsByInvitation } from './support/mail.ts';

describe('a Redis that evicts keys', () => {
  let dovecot: DovecotServer;
  let redis: RedisServer;

  beforeAll(async () => {
    [dovecot, redis] = await Promise.all([
      startDovecot(),
      startRedis({ maxmemoryPolicy: 'allkeys-lru' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([dovecot?.stop(), redis?.stop()]);
  });

  it('is refused by run and --once in one line, shown in status, and nothing is drafted', async () => {
    const user = `evict-${process.pid}`;
    await appendAll(
      dovecot,
      user,
      'INBOX',
      makeInvitations(1, 80).map((i) => i.raw),
    );
    const config = writeConfig({ 'redis.prefix': 'evict', ...FAST });
    const env = { IMAP_URL: dovecot.imapUrl(user), REDIS_URL: redis.url };
    for (const args of [['run'], ['run', '--once']]) {
      const result = await runCli([...args, '--config', config], env, 20_000);
      expect(result.code, result.stderr).toBe(1);
      const lines = result.stderr.split('\n').filter((l) => l.startsWith('wherewemet:'));
      expect(lines).toEqual([
        expect.stringMatching(/may evict keys \(maxmemory-policy allkeys-lru\).*noeviction/),
      ]);
    }
    const [report] = JSON.parse(
      (await runCli(['status', '--json', '--config', config], env)).stdout,
    ).accounts;
    expect(report.lastError).toMatch(/may evict keys/);
    expect(report.fix).toMatch(/maxmemory-policy noeviction/);
    expect((await draftsByInvitation(dovecot, user)).size).toBe(0);
  });

  it('runs when redis.allowEviction says so', async () => {
    const user = `evict-allowed-${process.pid}`;
    const [invitation] = makeInvitations(1, 81);
    if (!invitation) throw new Error('no invitation');
    await appendAll(dovecot, user, 'INBOX', [invitation.raw]);
    const config = writeConfig({
      'redis.prefix': 'evict-ok',
      'redis.allowEviction': true,
      ...FAST,
    });
    const result = await runCli(['run', '--once', '--config', config], {
      IMAP_URL: dovecot.imapUrl(user),
      REDIS_URL: redis.url,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(await draftsByInvitation(dovecot, user)).toEqual(new Map([[invitation.key, 1]]));
  });
});

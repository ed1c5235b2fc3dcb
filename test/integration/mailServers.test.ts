// The store of what the mailbox says about the user's mail server, on a real Redis: it counts
// distinct sender domains per authserv-id, stays bounded whatever a mailbox holds, and keeps
// sender domains only as digests.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { accountBase } from '../../src/store/keys.ts';
import { MailServerStore } from '../../src/store/mailServers.ts';
import { redisUrl, uniqueRedisPrefix } from '../harness/context.ts';

const redis = new Redis(redisUrl());
afterAll(async () => {
  await redis.quit();
});

describe('MailServerStore', () => {
  it('counts each sender domain once per server, over several samples', async () => {
    const store = new MailServerStore(redis, uniqueRedisPrefix('servers').replace(/:$/, ''), 'a');
    const seen = (domain: string, authservId: string | null) => ({
      authservId,
      senderDomain: domain,
    });
    await store.record([seen('a.example', 'mx.example.org'), seen('b.example', 'mx.example.org')]);
    // The same senders again, one without any header, one under a header naming no server.
    await store.record([
      seen('A.example', 'mx.example.org'),
      seen('c.example', null),
      seen('d.example', ''),
    ]);
    const { servers, allSenders } = await store.counts();
    expect(servers.sort((x, y) => x.authservId.localeCompare(y.authservId))).toEqual([
      { authservId: '', senders: 1 },
      { authservId: 'mx.example.org', senders: 2 },
    ]);
    expect(allSenders).toBe(4);
  });

  it('stays bounded, and holds no sender domain in the clear', async () => {
    const prefix = uniqueRedisPrefix('servers').replace(/:$/, '');
    const store = new MailServerStore(redis, prefix, 'a');
    // 50 forged ids on 200 senders, and one id longer than any server's name.
    const flood = Array.from({ length: 200 }, (_, i) => ({
      authservId: `mx${i % 50}.forger.example`,
      senderDomain: `sender${i}.example`,
    }));
    await store.record([...flood, { authservId: 'x'.repeat(300), senderDomain: 'long.example' }]);
    const hash = await redis.hgetall(`${accountBase(prefix, 'a')}mail-servers`);
    const fields = Object.keys(hash);
    expect(fields.filter((f) => f.startsWith('id:'))).toHaveLength(32);
    for (const value of Object.values(hash)) {
      expect(value.split(' ').length).toBeLessThanOrEqual(64);
      expect(value).toMatch(/^[0-9a-f]{16}( [0-9a-f]{16})*$/);
    }
    expect(hash.all?.split(' ')).toHaveLength(64);
    expect(await redis.memory('USAGE', `${accountBase(prefix, 'a')}mail-servers`)).toBeLessThan(
      40_000,
    );
  });
});

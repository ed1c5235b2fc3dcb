// The queue board (bull-board, read-only) as the review page mounts it: a way back to the review
// page in its header menu, and no request to an outside host.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { queueBoard } from '../../src/review/queueBoard.ts';
import { redisUrl, uniqueRedisPrefix } from '../harness/context.ts';

describe('the queue board', () => {
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
  const board = queueBoard(
    { redis, prefix: uniqueRedisPrefix('board'), account: 'default' },
    '/queues',
  );
  afterAll(async () => {
    await board.close();
    redis.disconnect();
  });

  it('links back to the review page and loads nothing from another host', async () => {
    const res = await board.app.request('http://127.0.0.1:8025/');
    expect(res.status).toBe(200);
    const page = await res.text();
    const config = JSON.parse(
      /<script id="__UI_CONFIG__" type="application\/json">([^<]*)<\/script>/.exec(page)?.[1] ??
        '{}',
    ) as { boardTitle?: string; miscLinks?: Array<{ text: string; url: string }> };
    expect(config.boardTitle).toBe('wherewemet queues');
    expect(config.miscLinks).toEqual([{ text: 'Back to the review page', url: '/' }]);
    expect(page).not.toMatch(/<link\b[^>]*href="https?:/);
  });
});

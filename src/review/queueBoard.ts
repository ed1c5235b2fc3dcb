/** BullMQ's queues on @bull-board, read-only: look at jobs, never retry, add or remove them. */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DRAFT_QUEUE } from '../queue/jobs.ts';

export function queueBoard(redis: Redis, prefix: string, basePath: string) {
  const queues = [new Queue(DRAFT_QUEUE, { connection: redis, prefix })];
  const adapter = new HonoAdapter(serveStatic).setBasePath(basePath);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
    serverAdapter: adapter,
  });
  return {
    app: adapter.registerPlugin(),
    close: () => Promise.all(queues.map((q) => q.close())),
  };
}

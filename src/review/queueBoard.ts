/**
 * BullMQ's queues on @bull-board, read-only: look at jobs, never retry, add or remove them. Its
 * page asks Google's font service for IBM Plex; that link is taken out, so that the page makes no
 * request to an outside host (the fonts fall back to the system's).
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { type DraftQueuePlace, draftQueueAt } from '../queue/draftQueues.ts';

const OUTSIDE_LINK = /<link\b[^>]*\bhref="https?:\/\/[^"]*"[^>]*>/gi;

export function queueBoard(place: DraftQueuePlace, basePath: string) {
  const queues = [draftQueueAt(place)];
  const adapter = new HonoAdapter(serveStatic).setBasePath(basePath);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
    serverAdapter: adapter,
    // Its header menu leads back; the board has no link of its own to where it was opened from.
    // "No workers" there is true while nothing waits: an account's draft worker starts when a job
    // is queued and closes when the queue is idle (queue/draftQueue.ts), while run keeps watching.
    options: {
      uiConfig: {
        boardTitle: 'wherewemet queues',
        miscLinks: [{ text: 'Back to the review page', url: '/' }],
      },
    },
  });
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.get('content-type')?.includes('text/html')) return;
    const page = (await c.res.text()).replace(OUTSIDE_LINK, '');
    const headers = new Headers(c.res.headers);
    headers.delete('content-length');
    c.res = new Response(page, { status: c.res.status, headers });
  });
  app.route('/', adapter.registerPlugin());
  return {
    app,
    close: () => Promise.all(queues.map((q) => q.close())),
  };
}

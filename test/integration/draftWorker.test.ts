// The draft queue's worker on a real Redis (src/queue/draftQueue.ts). A worker that stops taking
// jobs without an error is replaced: here its connection is made while Redis stops answering new
// connections, as a Redis Cluster's did while a primary was being killed, and it never becomes
// ready. The drafts waiting are written all the same, each once, and such a worker does not hold
// up a shutdown. A worker busy with as many
// drafts as it writes at once is not mistaken for a stuck one.
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftQueue, type DraftQueueOptions } from '../../src/queue/draftQueue.ts';
import { DRAFT_CONCURRENCY } from '../../src/queue/jobs.ts';
import { redisUrl, uniqueRedisPrefix } from '../harness/context.ts';
import { LOOPBACK, waitFor } from '../harness/freePort.ts';
import { startTcpForwarder } from '../harness/tcpForwarder.ts';
import { capturedLog } from '../support/capturedLog.ts';

const STUCK_AFTER_MS = 400;
const STUCK = 'draft worker took no job; starting a new one';
const QUEUE_OPTIONS = {
  account: 'a',
  onBlocked: () => undefined,
  backoff: { initialMs: 100, maxMs: 1000 },
  blockedMs: 1000,
  lease: { lockMs: 5000, checkMs: 1000 },
  idleCloseMs: 60_000,
  stuckAfterMs: STUCK_AFTER_MS,
};

describe('the draft worker', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A draft queue on the test Redis, through a forwarder the test can stall. */
  async function draftQueue(handle: DraftQueueOptions['handle']) {
    const forwarder = await startTcpForwarder(Number(new URL(redisUrl()).port));
    const redis = new Redis(forwarder.port, LOOPBACK, { maxRetriesPerRequest: null });
    const { log, lines } = capturedLog();
    const queue = new DraftQueue({
      ...QUEUE_OPTIONS,
      redis,
      prefix: uniqueRedisPrefix('worker').replace(/:$/, ''),
      handle,
      log,
    });
    cleanups.push(
      () => forwarder.close(),
      async () => redis.disconnect(),
      () => queue.close(),
    );
    await redis.ping();
    const warnings = () => lines.filter((l) => l.msg === STUCK);
    return { queue, forwarder, warnings };
  }

  const jobs = (n: number) => Array.from({ length: n }, (_, i) => ({ invitationKey: `k${i}` }));

  it('replaces a worker whose connection never became ready, and writes each waiting draft once', async () => {
    const written: string[] = [];
    const { queue, forwarder, warnings } = await draftQueue(async (job) => {
      written.push(job.invitationKey);
      return { done: 'drafted' };
    });
    // The queue's own connection is open; the worker's, made now, hangs.
    forwarder.stallNew(true);
    await queue.add(jobs(3));
    await waitFor(
      async () => {
        await queue.wake();
        return warnings().length > 0;
      },
      10_000,
      () => 'the stuck worker was not replaced',
    );
    expect(written).toEqual([]);
    forwarder.stallNew(false);
    // The replacement was made while new connections still stalled: it may be replaced in turn.
    await waitFor(
      async () => {
        await queue.wake();
        return written.length === 3;
      },
      10_000,
      () => `written: ${written}`,
    );
    expect(written.sort()).toEqual(['k0', 'k1', 'k2']);
    expect(warnings()[0]).toMatchObject({ level: 40, waiting: 3 });
  });

  it('closes at shutdown a worker that never connected, and leaves its drafts queued', async () => {
    const { queue, forwarder } = await draftQueue(async () => ({ done: 'drafted' }));
    forwarder.stallNew(true);
    await queue.add(jobs(2));
    // Both of the worker's connections (its own and its blocking one) are held.
    await waitFor(
      () => forwarder.stalledConnections === 2,
      10_000,
      () => `${forwarder.stalledConnections} connections stalled`,
    );
    await queue.close();
    forwarder.stallNew(false);
    const redis = new Redis(redisUrl());
    cleanups.push(async () => redis.disconnect());
    expect(await redis.llen(queue.queue.toKey('wait'))).toBe(2);
  });

  it('leaves a worker alone while it is busy with as many drafts as it writes at once', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started: string[] = [];
    const { queue, warnings } = await draftQueue(async (job) => {
      started.push(job.invitationKey);
      await released;
      return { done: 'drafted' };
    });
    await queue.add(jobs(DRAFT_CONCURRENCY + 2));
    await waitFor(
      () => started.length === DRAFT_CONCURRENCY,
      10_000,
      () => `started: ${started}`,
    );
    // Two drafts wait behind the four being written for three times the stuck limit.
    const until = Date.now() + 3 * STUCK_AFTER_MS;
    while (Date.now() < until) {
      await queue.wake();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(warnings()).toEqual([]);
    release();
    await waitFor(
      () => started.length === DRAFT_CONCURRENCY + 2,
      10_000,
      () => `started: ${started}`,
    );
    expect(new Set(started).size).toBe(DRAFT_CONCURRENCY + 2);
    expect(warnings()).toEqual([]);
  });
});

/**
 * The one place that makes BullMQ's objects for an account's draft queue: always under the
 * account's prefix (store/keys.ts bullPrefix), whose hash tag keeps the queue's keys in the slot
 * of the account's other keys in a Redis Cluster (BullMQ's scripts touch several at once).
 */
import { type Processor, Queue, Worker, type WorkerOptions } from 'bullmq';
import { bullPrefix } from '../store/keys.ts';
import { duplicateRedis, type RedisClient } from '../store/redisClient.ts';
import { DRAFT_QUEUE, type DraftJob } from './jobs.ts';

/** Where an account's draft queue is: the Redis, its key prefix (redis.prefix), the account. */
export interface DraftQueuePlace {
  redis: RedisClient;
  prefix: string;
  account: string;
}

/**
 * The account's draft queue, on the given connection; close it after use. BullMQ writes each
 * job's events to a stream that only QueueEvents listeners read, and wherewemet has none: a
 * stream of 10,000 events (BullMQ's default, about 0.9 MB) per account would be the largest
 * thing it keeps (issue 23). The length is stored in the queue's meta by whichever handle opens
 * the queue last: every handle is made here.
 */
export function draftQueueAt(place: DraftQueuePlace): Queue<DraftJob> {
  return new Queue<DraftJob>(DRAFT_QUEUE, {
    connection: place.redis,
    prefix: bullPrefix(place.prefix, place.account),
    streams: { events: { maxLen: 0 } },
  });
}

/** A worker of the account's draft queue, on a connection of its own (it blocks). */
export function draftWorkerAt(
  place: DraftQueuePlace,
  processor: Processor<DraftJob, string>,
  options: Omit<WorkerOptions, 'connection' | 'prefix'>,
): Worker<DraftJob, string> {
  return new Worker<DraftJob, string>(DRAFT_QUEUE, processor, {
    ...options,
    connection: duplicateRedis(place.redis),
    prefix: bullPrefix(place.prefix, place.account),
  });
}

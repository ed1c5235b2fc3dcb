/**
 * Jobs that ran out of retries on a transient failure (the mailbox was down longer than the
 * retries last) would otherwise stay failed for good: catch-up queues a message under the same
 * job id, which BullMQ ignores while the failed job exists. They go back to the queue whenever
 * the worker starts or the mailbox is reachable again. Permanent failures (UnrecoverableError)
 * fail before their attempts are used up and stay failed.
 */
import type { Queue } from 'bullmq';

export async function retryExhaustedJobs(queue: Queue): Promise<number> {
  // Failed jobs are kept at most 10,000 (JOB_OPTIONS), so one read is bounded.
  const exhausted = (await queue.getFailed(0, -1)).filter(
    (job) => job.attemptsMade >= (job.opts.attempts ?? 1),
  );
  for (const job of exhausted) await job.retry('failed', { resetAttemptsMade: true });
  return exhausted.length;
}

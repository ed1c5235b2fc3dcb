/**
 * Delays between attempts to reach a server: 1 s, 2 s, 4 s… up to 60 s, each drawn at random
 * from its upper half so that many clients dropped at once do not return at once:
 * 0.5-1 s, 1-2 s, … 30-60 s.
 */
const BASE_MS = 1000;
const CAP_MS = 60_000;

/** The delay before retry number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Sleeps `ms`, or less when `stop` settles first; resolves true when stopped. */
export function sleepUnlessStopped(
  ms: number,
  stop: Promise<unknown> | undefined,
): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void stop?.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Runs `attempt` until it succeeds. Without `keepTrying` the first failure is thrown; with it,
 * each failure is reported and retried after a backoff. Resolves null when `stop` settles first.
 */
export async function retryWithBackoff<T>(
  attempt: () => Promise<T>,
  options: {
    keepTrying: boolean;
    stop?: Promise<unknown>;
    onFailure(err: unknown, retryInMs: number): void;
  },
): Promise<T | null> {
  for (let failures = 0; ; failures++) {
    try {
      return await attempt();
    } catch (err) {
      if (!options.keepTrying) throw err;
      const delay = backoffDelay(failures);
      options.onFailure(err, delay);
      if (await sleepUnlessStopped(delay, options.stop)) return null;
    }
  }
}

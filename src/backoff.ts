/**
 * Delays between attempts to reach a server: initial, doubled each time up to max, each drawn at
 * random from its upper half so that many clients dropped at once do not return at once. With
 * the defaults (backoff.initialSeconds 1, maxSeconds 60): 0.5-1 s, 1-2 s, 2-4 s, … 30-60 s.
 */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 60_000 };

/** The delay before retry number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** `promise`'s value, or `fallback` when it takes longer than `ms` (the timer never outlives it). */
export async function within<T>(ms: number, promise: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Slows down guessing of the access token on the sign-in page. Wrong tokens are counted in a
 * sliding window per client (its address) and for the whole page: past either limit, sign-in
 * answers 429 with Retry-After, without looking at the token, until the window has room again.
 * The overall limit holds against guesses spread over many addresses; it can keep the owner out
 * for a minute while the page is attacked, which is the price of a token that cannot be guessed.
 * Only failures are kept, and they are capped by the overall limit, so memory stays small.
 */

export interface ThrottleLimits {
  /** Wrong tokens one client may send per window. */
  perClient: number;
  /** Wrong tokens all clients together may send per window. */
  overall: number;
  windowMs: number;
}

/** A person mistyping gets several tries a minute; a guesser gets 20 a minute at most. */
export const SIGN_IN_LIMITS: ThrottleLimits = { perClient: 5, overall: 20, windowMs: 60_000 };

export class SignInThrottle {
  /** Times of recent failures, oldest first, by client; '' holds all clients'. */
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number,
  ) {}

  /** Seconds until this client may try again (0: now), and whether the limit is its own. */
  wait(client: string): { seconds: number; scope: 'client' | 'overall' } {
    const own = this.until(client, this.limits.perClient);
    const all = this.until(OVERALL, this.limits.overall);
    const at = Math.max(own, all);
    const seconds = at > 0 ? Math.max(1, Math.ceil((at - this.now()) / 1000)) : 0;
    return { seconds, scope: own >= all ? 'client' : 'overall' };
  }

  /** Counts a wrong token; returns how many this client sent in the window. */
  failed(client: string): number {
    const at = this.now();
    this.push(OVERALL, at, this.limits.overall);
    return this.push(client, at, this.limits.perClient);
  }

  /** When the window has room again under `limit` (0: it has now). */
  private until(key: string, limit: number): number {
    const times = this.recent(key);
    if (times.length < limit) return 0;
    return (times[times.length - limit] ?? 0) + this.limits.windowMs;
  }

  private push(key: string, at: number, limit: number): number {
    const times = this.recent(key);
    times.push(at);
    // Only the last `limit` decide when there is room again.
    if (times.length > limit) times.splice(0, times.length - limit);
    this.failures.set(key, times);
    return times.length;
  }

  /** The key's failures inside the window; forgets a client whose failures all expired. */
  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.failures.delete(key);
    this.prune(since);
    return times;
  }

  /** Drops clients whose last failure left the window: what is kept stays within the limits. */
  private prune(since: number): void {
    if (this.failures.size <= 2 * this.limits.overall) return;
    for (const [key, times] of this.failures)
      if ((times[times.length - 1] ?? 0) <= since) this.failures.delete(key);
  }
}

const OVERALL = '';

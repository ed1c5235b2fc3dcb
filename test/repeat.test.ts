// A periodic task never runs twice at once: while Redis is away, a check waits for it, and one
// more every period would pile up commands and memory for as long as the outage lasts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { repeat } from '../src/repeat.ts';

describe('repeat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts no run while the last one is under way, and runs again once it ended', async () => {
    let started = 0;
    let finish = () => {};
    const timer = repeat(
      1000,
      () => {
        started++;
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
      () => undefined,
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect(started).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toBe(2);
    clearInterval(timer);
  });

  it('hands a failed run to onError and tries again the next period', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const timer = repeat(
      1000,
      async () => {
        runs++;
        throw new Error(`run ${runs}`);
      },
      (err) => errors.push(err),
    );
    await vi.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(3);
    expect(errors.map((e) => (e as Error).message)).toEqual(['run 1', 'run 2', 'run 3']);
    clearInterval(timer);
  });
});

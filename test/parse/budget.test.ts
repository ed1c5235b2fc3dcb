// The parse budget counts CPU time through the counter it is given: time in which the process
// does not run (a freeze, a wait) is never charged, CPU time is, and running out is retryable.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ParseTooSlowError } from '../../src/errors.ts';
import { cpuMs, ParseBudget } from '../../src/parse/budget.ts';

describe('the parse budget', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a parse use its CPU time to the last millisecond, and refuses the next', () => {
    let cpu = 5_000; // CPU the process spent before this message: not charged to it
    const budget = new ParseBudget(2000, () => cpu);
    cpu += 2000;
    expect(() => budget.check('reading the HTML')).not.toThrow();
    cpu += 1;
    const err = (() => {
      try {
        budget.check('reading the HTML');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ParseTooSlowError);
    expect((err as ParseTooSlowError).kind).toBe('retryable');
    expect((err as Error).message).toBe(
      'took longer than the 2000 ms parse budget (CPU time, while reading the HTML): too slow to read',
    );
  });

  it('charges nothing for a pause: ten seconds of waiting with the CPU counter still', async () => {
    vi.useFakeTimers();
    const cpu = 100;
    const budget = new ParseBudget(2000, () => cpu);
    // mailparser's work, held up for 10 s without running (a frozen process, a busy machine).
    const work = new Promise<string>((resolve) => setTimeout(() => resolve('parsed'), 10_000));
    const raced = budget.race(work, 'reading the MIME structure');
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(raced).resolves.toBe('parsed');
    expect(() => budget.check('reading the invitation')).not.toThrow();
  });

  it('gives up on asynchronous work once it has spent the CPU time, without waiting for it', async () => {
    vi.useFakeTimers();
    let cpu = 0;
    const budget = new ParseBudget(2000, () => cpu);
    const never = new Promise<string>(() => undefined);
    const raced = budget.race(never, 'reading the MIME structure');
    const outcome = raced.then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(1000);
    cpu = 1999;
    await vi.advanceTimersByTimeAsync(1000);
    cpu = 2500;
    await vi.advanceTimersByTimeAsync(100);
    const err = await outcome;
    expect(err).toBeInstanceOf(ParseTooSlowError);
    expect((err as Error).message).toMatch(/while reading the MIME structure/);
    expect(vi.getTimerCount()).toBe(0); // its poll stopped with it
  });

  it('reads a CPU counter that stands still while the process sleeps and moves while it works', async () => {
    const beforeSleep = cpuMs();
    await sleep(300);
    const slept = cpuMs() - beforeSleep;
    const beforeWork = cpuMs();
    const until = performance.now() + 200;
    let spin = 0;
    while (performance.now() < until) spin++;
    const worked = cpuMs() - beforeWork;
    expect(spin).toBeGreaterThan(0);
    // Waking up costs a little CPU; 300 ms of sleep is nowhere near charged as 300 ms.
    expect(slept).toBeLessThan(100);
    expect(worked).toBeGreaterThan(0);
  });
});

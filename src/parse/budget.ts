/**
 * What one message may cost to parse: CPU time, links and text. Every step of the parser is
 * linear in its input and the input is capped, so the time budget is a backstop: a message that
 * still takes longer is refused (ParseTooSlowError) instead of holding the worker's event loop.
 *
 * The budget counts CPU time, not elapsed time. A process that is not running (SIGSTOP, a closed
 * laptop lid, a paused VM, swapping, waiting for the machine's other work) spends none, so such a
 * pause is never charged to the message that happened to be in the parser; with the wall clock,
 * each pause longer than the budget cost one invitation for good. The CPU time is the main
 * thread's where Node can tell it (`process.threadCpuUsage`, newer than Node 20), else the
 * process's (Node 20: also GC and libuv threads, which only makes a refusal more likely, never
 * a pause). CPU that other work in this process spends while mailparser yields is still charged:
 * that is why a refusal for time is retryable, never poison.
 */
import { ParseTooSlowError, UnparseableMessageError } from '../errors.ts';

/** CPU milliseconds one message may take to parse. */
export const DEFAULT_TIME_BUDGET_MS = 2000;
/** LinkedIn's notifications carry 15-40 links, its digests a few hundred. */
export const MAX_LINKS = 1000;
/** Visible text per body part: LinkedIn's longest digests have a few tens of thousands. */
export const MAX_TEXT_CHARS = 200_000;
/** How often the CPU time is looked at while mailparser reads asynchronously. */
const RACE_POLL_MS = 50;

type CpuUsage = () => { user: number; system: number };
const threadCpuUsage = (process as { threadCpuUsage?: CpuUsage }).threadCpuUsage;

/** How long a reading of the CPU time is reused: a reading costs a system call (microseconds). */
const FRESH_MS = 2;
let lastReading = { wall: Number.NEGATIVE_INFINITY, cpu: 0 };

/**
 * CPU time used so far (ms): this thread's where Node can tell, else this process's. Within
 * FRESH_MS of the last reading, that reading plus the wall time since: the thread cannot have
 * run for longer than that, and a pause of any length is past FRESH_MS, so it is read afresh.
 */
export function cpuMs(): number {
  const wall = performance.now();
  if (wall - lastReading.wall < FRESH_MS) return lastReading.cpu + (wall - lastReading.wall);
  const used = threadCpuUsage ? threadCpuUsage.call(process) : process.cpuUsage();
  lastReading = { wall, cpu: (used.user + used.system) / 1000 };
  return lastReading.cpu;
}

export class ParseBudget {
  private readonly start: number;

  constructor(
    readonly ms: number = DEFAULT_TIME_BUDGET_MS,
    /** CPU time in ms (default `cpuMs`): whatever it does not count is never charged. */
    private readonly cpu: () => number = cpuMs,
  ) {
    this.start = cpu();
  }

  /** CPU time spent since the budget was opened (ms). */
  spent(): number {
    return this.cpu() - this.start;
  }

  /** Throws once the time is spent; `step` says where, for the reason recorded. */
  check(step: string): void {
    if (this.spent() > this.ms) throw this.exceeded(step);
  }

  /**
   * Waits for asynchronous work (mailparser reads in chunks and yields between them), giving up
   * once the CPU time is spent. A timer cannot wait for CPU time, so it looks every 50 ms; a
   * frozen process looks again when it runs again, and finds it spent nothing meanwhile. The
   * abandoned work runs to its end in the background: it is bounded by the message size limit,
   * and nothing waits for it.
   */
  async race<T>(work: Promise<T>, step: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const spent = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        if (this.spent() > this.ms) reject(this.exceeded(step));
      }, RACE_POLL_MS);
    });
    try {
      return await Promise.race([work, spent]);
    } finally {
      clearInterval(timer);
    }
  }

  links(count: number): void {
    if (count > MAX_LINKS) {
      throw new UnparseableMessageError(
        `has more than ${MAX_LINKS} links: no LinkedIn notification has that many`,
      );
    }
  }

  text(chars: number, part: string): void {
    if (chars > MAX_TEXT_CHARS) {
      throw new UnparseableMessageError(
        `its ${part} has more than ${MAX_TEXT_CHARS} characters of text: no LinkedIn notification is that long`,
      );
    }
  }

  private exceeded(step: string): ParseTooSlowError {
    return new ParseTooSlowError(
      `took longer than the ${this.ms} ms parse budget (CPU time, while ${step}): too slow to read`,
    );
  }
}

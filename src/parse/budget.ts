/**
 * What one message may cost to parse: time, links and text. Every step of the parser is linear
 * in its input and the input is capped, so the time budget is a backstop: a message that still
 * takes longer is refused as unparseable (poison, recorded once) instead of holding the worker's
 * event loop.
 */
import { UnparseableMessageError } from '../errors.ts';

export const DEFAULT_TIME_BUDGET_MS = 2000;
/** LinkedIn's notifications carry 15-40 links, its digests a few hundred. */
export const MAX_LINKS = 1000;
/** Visible text per body part: LinkedIn's longest digests have a few tens of thousands. */
export const MAX_TEXT_CHARS = 200_000;

export class ParseBudget {
  private readonly deadline: number;

  constructor(
    readonly ms: number = DEFAULT_TIME_BUDGET_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.deadline = clock() + ms;
  }

  /** Throws once the time is spent; `step` says where, for the reason recorded. */
  check(step: string): void {
    if (this.clock() > this.deadline) throw this.exceeded(step);
  }

  /**
   * Waits for asynchronous work (mailparser reads in chunks and yields between them), giving up
   * when the time runs out. The abandoned work runs to its end in the background: it is bounded
   * by the message size limit, and nothing waits for it.
   */
  async race<T>(work: Promise<T>, step: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      const left = Math.max(0, this.deadline - this.clock());
      timer = setTimeout(() => reject(this.exceeded(step)), left);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
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

  private exceeded(step: string): UnparseableMessageError {
    return new UnparseableMessageError(
      `took longer than the ${this.ms} ms parse budget (while ${step}): too slow to read`,
    );
  }
}

/**
 * Whether reading an unreadable message again can help, and when to try. Pure: no clock, no I/O.
 *
 *   retryable  refused for something that was not its bytes (the parse ran out of CPU time,
 *              which other work in the process may have spent): tried again at once, with
 *              backoff, PARSE_ATTEMPTS times in all; then recorded, and tried again at each of
 *              the next RETRY_STARTS starts of `run` and after every upgrade of the parser.
 *   poison     its bytes cannot be read (broken MIME, over a size limit, a parser error): the
 *              same parser would refuse it again, so it is recorded once and never retried.
 */
import { WherewemetError } from '../errors.ts';
import { PARSER_VERSION } from '../parse/version.ts';
import type { UnparseableEntry } from '../store/records.ts';

export type Retry = 'retryable' | 'poison';

/** Attempts at reading one message, in a row, before it is recorded as unreadable. */
export const PARSE_ATTEMPTS = 3;
/** Starts of `run` at which a retryable unreadable message is read again, per parser version. */
export const RETRY_STARTS = 3;

/** Only errors we raise as retryable are; anything else the parser throws is about the bytes. */
export function retryOf(err: unknown): Retry {
  return err instanceof WherewemetError && err.kind === 'retryable' ? 'retryable' : 'poison';
}

/**
 * `read`'s result, trying again after `delayMs(attempt)` (0 for the first retry) while it fails
 * retryably, PARSE_ATTEMPTS times in all; the last error otherwise.
 */
export async function readWithRetries<T>(
  read: () => Promise<T>,
  delayMs: (attempt: number) => number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (err) {
      if (retryOf(err) === 'poison' || attempt + 1 >= PARSE_ATTEMPTS) throw err;
      await sleep(delayMs(attempt));
    }
  }
}

/**
 * Whether a starting `run` reads this recorded message again. Records from before this field
 * existed say nothing: a refusal for time among them is the wall-clock budget's, which charged
 * pauses of the process to the message, so it is retryable too.
 */
export function retryAtStart(entry: UnparseableEntry, parserVersion = PARSER_VERSION): boolean {
  if (retryKindOf(entry) !== 'retryable') return false;
  if ((entry.parserVersion ?? 0) !== parserVersion) return true;
  return (entry.refusals ?? 1) <= RETRY_STARTS;
}

/** Whether a retry can help this record, for records from before the field too. */
export function retryKindOf(entry: UnparseableEntry): Retry {
  return (
    entry.retry ??
    (/^took longer than the \d+ ms parse budget/.test(entry.reason) ? 'retryable' : 'poison')
  );
}

/** In a few words for `wherewemet unparseable`: whether and when it is read again. */
export function retryNote(entry: UnparseableEntry, parserVersion = PARSER_VERSION): string {
  if (retryKindOf(entry) === 'poison') return 'poison: reading it again cannot help';
  if (retryAtStart(entry, parserVersion)) return 'retryable: read again when run next starts';
  return `retryable, but refused ${entry.refusals ?? 1} times by this parser: read again after an upgrade`;
}

/** Refusals of this record under the running parser: those under another one do not count. */
export function earlierRefusals(entry: UnparseableEntry, parserVersion = PARSER_VERSION): number {
  return (entry.parserVersion ?? 0) === parserVersion ? (entry.refusals ?? 1) : 0;
}

/** What to record with a refusal: whether a retry can help, and how many refusals it makes. */
export function refusal(
  err: unknown,
  earlier: number,
): { retry: Retry; refusals: number; parserVersion: number } {
  return { retry: retryOf(err), refusals: earlier + 1, parserVersion: PARSER_VERSION };
}

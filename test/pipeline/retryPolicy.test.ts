// Whether and when an unreadable message is read again: refusals for time are retried in place
// with backoff and then at the next starts of `run` and after a parser upgrade; refusals for the
// message's bytes never are. Records from before the policy: a time refusal counts as retryable.
import { describe, expect, it } from 'vitest';
import { ParseTooSlowError, UnparseableMessageError } from '../../src/errors.ts';
import { PARSER_VERSION } from '../../src/parse/version.ts';
import {
  earlierRefusals,
  PARSE_ATTEMPTS,
  RETRY_STARTS,
  readWithRetries,
  refusal,
  retryAtStart,
  retryKindOf,
  retryNote,
  retryOf,
} from '../../src/pipeline/retryPolicy.ts';
import type { UnparseableEntry } from '../../src/store/records.ts';

const tooSlow = () =>
  new ParseTooSlowError('took longer than the 2000 ms parse budget (CPU time, while x)');
const broken = () => new UnparseableMessageError('not a readable email: bad MIME');

function entry(changes: Partial<UnparseableEntry>): UnparseableEntry {
  return {
    mailbox: 'INBOX',
    uidValidity: '7',
    uid: 42,
    reason: 'took longer than the 2000 ms parse budget (CPU time, while x): too slow to read',
    at: '2026-12-07T03:00:00.000Z',
    from: 'invitations@linkedin.com',
    subject: 'Marcus, please add me to your LinkedIn network',
    date: null,
    ...changes,
  };
}

describe('what a refusal says about retrying', () => {
  it('is retryable when the parse ran out of time, poison when the bytes are at fault', () => {
    expect(retryOf(tooSlow())).toBe('retryable');
    expect(retryOf(broken())).toBe('poison');
    // A bug in the parser throws a plain error: the same bytes would throw it again.
    expect(retryOf(new TypeError('x is undefined'))).toBe('poison');
    expect(refusal(tooSlow(), 0)).toEqual({
      retry: 'retryable',
      refusals: 1,
      parserVersion: PARSER_VERSION,
    });
    expect(refusal(broken(), 2)).toMatchObject({ retry: 'poison', refusals: 3 });
  });
});

describe('reading again in place', () => {
  const run = async (outcomes: Array<Error | string>) => {
    const waits: number[] = [];
    let calls = 0;
    const result = await readWithRetries(
      async () => {
        const next = outcomes[calls++];
        if (next instanceof Error) throw next;
        return next;
      },
      (attempt) => 100 * 2 ** attempt,
      async (ms) => {
        waits.push(ms);
      },
    ).catch((e: unknown) => e);
    return { result, waits, calls };
  };

  it('tries a refusal for time again, with backoff, and takes the read that succeeds', async () => {
    expect(await run([tooSlow(), tooSlow(), 'parsed'])).toEqual({
      result: 'parsed',
      waits: [100, 200],
      calls: 3,
    });
  });

  it(`gives up after ${PARSE_ATTEMPTS} refusals for time, with the last one`, async () => {
    const last = tooSlow();
    const { result, waits, calls } = await run([tooSlow(), tooSlow(), last, 'never']);
    expect(result).toBe(last);
    expect(calls).toBe(PARSE_ATTEMPTS);
    expect(waits).toEqual([100, 200]);
  });

  it('does not try a poison message again', async () => {
    const poison = broken();
    expect(await run([poison, 'never'])).toEqual({ result: poison, waits: [], calls: 1 });
  });
});

describe('reading a recorded message again when run starts', () => {
  it(`reads a retryable one again at each of the next ${RETRY_STARTS} starts, then stops`, () => {
    const at = (refusals: number) =>
      retryAtStart(entry({ retry: 'retryable', parserVersion: 3, refusals }), 3);
    expect([1, 2, 3, 4, 5].map(at)).toEqual([true, true, true, false, false]);
  });

  it('reads it again after an upgrade of the parser, however often it was refused', () => {
    const refused = entry({ retry: 'retryable', parserVersion: 3, refusals: 9 });
    expect(retryAtStart(refused, 3)).toBe(false);
    expect(retryAtStart(refused, 4)).toBe(true);
    // Under the new parser its refusals start again.
    expect(earlierRefusals(refused, 4)).toBe(0);
    expect(earlierRefusals(refused, 3)).toBe(9);
  });

  it('never reads a poison one again, not even after an upgrade', () => {
    const poison = entry({ retry: 'poison', reason: 'not a readable email: x', parserVersion: 1 });
    expect(retryAtStart(poison, 1)).toBe(false);
    expect(retryAtStart(poison, 2)).toBe(false);
  });

  it('takes a record from before the policy as retryable when the wall-clock budget refused it', () => {
    const old = entry({
      reason:
        'took longer than the 2000 ms parse budget (while reading the invitation): too slow to read',
    });
    expect(retryKindOf(old)).toBe('retryable');
    expect(retryAtStart(old, PARSER_VERSION)).toBe(true);
    expect(earlierRefusals(old, PARSER_VERSION)).toBe(0);
    const tooLarge = entry({ reason: 'message is 9000000 bytes, over the limit' });
    expect(retryKindOf(tooLarge)).toBe('poison');
    expect(retryAtStart(tooLarge)).toBe(false);
  });

  it('says in the listing whether and when each one is read again', () => {
    const recorded = (changes: Partial<UnparseableEntry>) =>
      retryNote(entry({ parserVersion: 3, ...changes }), 3);
    expect(recorded({ retry: 'retryable', refusals: 1 })).toBe(
      'retryable: read again when run next starts',
    );
    expect(recorded({ retry: 'retryable', refusals: 4 })).toBe(
      'retryable, but refused 4 times by this parser: read again after an upgrade',
    );
    expect(recorded({ retry: 'poison' })).toBe('poison: reading it again cannot help');
  });
});

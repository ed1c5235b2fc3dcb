// What one blind case came to (generator.ts), shared by bench/blind.bench.ts and the tests.
import { type Classification, classify, type Rules } from '../../../src/classify/classify.ts';
import { UnparseableMessageError } from '../../../src/errors.ts';
import { FrameTally, type LearnedFrame } from '../../../src/parse/learnedFrame.ts';
import { type Notification, parseMail } from '../../../src/parse/parseNotification.ts';
import type { BlindCase } from './generator.ts';

export interface BlindOutcome {
  /**
   * drafted: a draft where one is wanted; wrong: a draft to a note that says where or is
   * personal; unsure: held for the user; silent: neither drafted, nor held, nor (for a note) filed
   * as has-context; filed: a note filed as has-context, as it should be.
   */
  result: 'drafted' | 'wrong' | 'unsure' | 'silent' | 'filed';
  /** What the parser and classifier made of it, in one line. */
  seen: string;
}

export function outcomeOf(c: BlindCase, n: Notification, k: Classification): BlindOutcome {
  const seen = `${n.kind}/${n.authenticity} ${k.category ?? '-'} (${k.reasons.join('; ').slice(0, 160)}) note=${JSON.stringify(n.note?.slice(0, 120) ?? null)}`;
  const category = k.category as string | null;
  if (category === 'unsure') return { result: 'unsure', seen };
  if (k.action === 'draft') return { result: c.want === 'draft' ? 'drafted' : 'wrong', seen };
  if (c.want === 'no-draft' && category === 'has-context') return { result: 'filed', seen };
  return { result: 'silent', seen };
}

/**
 * The cases as one mailbox, in arrival order: each is read with the frame learned from the mail
 * before it, shown to `read` (its notification, or why it is unparseable), and then its
 * lessons teach the frame, as the worker's ingest does. Returns the frame learned from all.
 */
export async function readInOrder(
  cases: BlindCase[],
  read: (c: BlindCase, n: Notification | UnparseableMessageError) => void = () => {},
): Promise<LearnedFrame> {
  const tally = new FrameTally();
  for (const c of cases) {
    try {
      const { notification, lessons } = await parseMail(c.raw, {
        trustedAuthservId: c.trustedAuthservId,
        learnedFrame: tally.frame(),
      });
      read(c, notification);
      for (const lesson of lessons) tally.add(lesson);
    } catch (err) {
      if (!(err instanceof UnparseableMessageError)) throw err;
      read(c, err);
    }
  }
  return tally.frame();
}

/** The frame learned from the cases as one mailbox, to read them again. */
export const learnFrom = (cases: BlindCase[]): Promise<LearnedFrame> => readInOrder(cases);

/**
 * The cases among these that got a draft they do not want (result "wrong"), each in one line: read
 * as `run` reads them, with the learned frame where one is given (an unparseable mail gets none).
 */
export async function wrongDrafts(
  cases: BlindCase[],
  rules: Rules,
  learnedFrame?: LearnedFrame,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const c of cases) {
    try {
      const { notification: n } = await parseMail(c.raw, {
        trustedAuthservId: c.trustedAuthservId,
        ...(learnedFrame ? { learnedFrame } : {}),
      });
      const line = wrongLine(c, n, rules);
      if (line) wrong.push(line);
    } catch (err) {
      if (!(err instanceof UnparseableMessageError)) throw err;
    }
  }
  return wrong;
}

/** The cases that got a draft they do not want, each read on arrival (readInOrder). */
export async function wrongDraftsOnArrival(cases: BlindCase[], rules: Rules): Promise<string[]> {
  const wrong: string[] = [];
  await readInOrder(cases, (c, n) => {
    const line = !(n instanceof UnparseableMessageError) && wrongLine(c, n, rules);
    if (line) wrong.push(line);
  });
  return wrong;
}

/** The case in one line where its draft is one it does not want; otherwise null. */
function wrongLine(c: BlindCase, n: Notification, rules: Rules): string | null {
  const o = outcomeOf(c, n, classify(n, rules));
  return o.result === 'wrong' ? `${c.cls} | ${c.variant} | ${c.note}: ${o.seen}` : null;
}

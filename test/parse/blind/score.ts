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
 * The cases as one mailbox: each verified mail teaches the learned frame in order, as the
 * worker's ingest does, and the frame learned from all of them is returned, to read them again.
 */
export async function learnFrom(cases: BlindCase[]): Promise<LearnedFrame> {
  const tally = new FrameTally();
  for (const c of cases) {
    try {
      const { lessons } = await parseMail(c.raw, {
        trustedAuthservId: c.trustedAuthservId,
        learnedFrame: tally.frame(),
      });
      for (const lesson of lessons) tally.add(lesson);
    } catch (err) {
      if (!(err instanceof UnparseableMessageError)) throw err;
    }
  }
  return tally.frame();
}

/**
 * The cases among these that got a draft they do not want (result "wrong"), each in one line: read
 * as `run` reads them, with the learned frame where one is given.
 */
export async function wrongDrafts(
  cases: BlindCase[],
  rules: Rules,
  learnedFrame?: LearnedFrame,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const c of cases) {
    const { notification: n } = await parseMail(c.raw, {
      trustedAuthservId: c.trustedAuthservId,
      ...(learnedFrame ? { learnedFrame } : {}),
    });
    const o = outcomeOf(c, n, classify(n, rules));
    if (o.result === 'wrong') wrong.push(`${c.cls} | ${c.variant} | ${c.note}: ${o.seen}`);
  }
  return wrong;
}

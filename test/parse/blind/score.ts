// What one blind case came to (generator.ts), shared by bench/blind.bench.ts and the tests.
import type { Classification } from '../../../src/classify/classify.ts';
import type { Notification } from '../../../src/parse/parseNotification.ts';
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

// What one parsed-and-classified case scores against its planted truth (variants.ts), and the
// tally per class. Shared by bench/layouts.bench.ts and test/parse/variants.test.ts so that the
// figures in BENCHMARKS.md and the assertions count the same things.
import type { Classification, Rules } from '../../../src/classify/classify.ts';
import type { Notification } from '../../../src/parse/parseNotification.ts';
import type { Case } from './variants.ts';

export interface Outcome {
  /** The template rules.actions gives the planted category; null: no draft is expected. */
  expectedTemplate: string | null;
  drafted: boolean;
  /** A draft with the expected template. */
  draftedRight: boolean;
  /** A draft where none is expected, to someone whose note gives context or to an imitation or non-invitation. */
  wrong: boolean;
  /** A draft where one is expected, but from the other template (pitch ↔ where-we-met). */
  wrongTemplate: boolean;
  /** The classifier's `unsure` category (issue 18): held, not drafted. */
  unsure: boolean;
  /** The inviter's own note, not contained in the parsed note. */
  missedNote: boolean;
}

/** Text compared loosely: Unicode-normalised, invisible characters and quote styles ignored. */
export function loose(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\u034f|[\u00ad\u200b-\u200f\u2060\ufeff]/g, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u201c\u201d\u201e«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function expectedTemplate(c: Case, rules: Rules): string | null {
  const { expected } = c.truth;
  if (expected === 'suspicious' || expected === 'not-invitation') return null;
  const action = rules.actions[expected];
  return action === 'none' ? null : action;
}

export function score(c: Case, n: Notification, k: Classification, rules: Rules): Outcome {
  const unsure = (k.category as string | null) === 'unsure';
  const drafted = k.action === 'draft' && !unsure;
  const want = expectedTemplate(c, rules);
  const parsed = n.note === null ? '' : loose(n.note);
  const missedNote =
    c.truth.paragraphs !== null && !c.truth.paragraphs.every((p) => parsed.includes(loose(p)));
  return {
    expectedTemplate: want,
    drafted,
    draftedRight: drafted && want !== null && k.template === want,
    wrong: drafted && want === null,
    wrongTemplate: drafted && want !== null && k.template !== want,
    unsure,
    missedNote,
  };
}

export interface Tally {
  cases: number;
  expectedDrafts: number;
  draftsWritten: number;
  wrongDrafts: number;
  wrongTemplate: number;
  unsure: number;
  notesPlanted: number;
  missedNotes: number;
}

export function emptyTally(): Tally {
  return {
    cases: 0,
    expectedDrafts: 0,
    draftsWritten: 0,
    wrongDrafts: 0,
    wrongTemplate: 0,
    unsure: 0,
    notesPlanted: 0,
    missedNotes: 0,
  };
}

export function add(t: Tally, c: Case, o: Outcome): void {
  t.cases++;
  if (o.expectedTemplate !== null) t.expectedDrafts++;
  if (o.draftedRight) t.draftsWritten++;
  if (o.wrong) t.wrongDrafts++;
  if (o.wrongTemplate) t.wrongTemplate++;
  if (o.unsure) t.unsure++;
  if (c.truth.paragraphs !== null) t.notesPlanted++;
  if (o.missedNote) t.missedNotes++;
}

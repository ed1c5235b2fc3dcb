// Both directions on the layout-variant generator (test/parse/layouts/variants.ts, issue 18):
//   - safety, every class, on fresh random seeds: no draft to an inviter whose note says where
//     they met, to an imitation, or for LinkedIn mail that is no invitation; and a planted note
//     is never lost (the parsed note contains it, or nothing is drafted). For the redesign only
//     safety is asked: no pack knows its wording.
//   - recall, in layouts the parser should know: a mail without a note, with LinkedIn's default
//     note, a generic one or a pitch is drafted with its template. And no draft to a personal
//     note (one with no place in it, "Congratulations on the new role…").
// The directions the current parser does not meet yet run on a fixed sample (the bench's
// generator, seed below) as `it.fails`, so that they fail loudly the day they pass: flip the
// constant then. Each prints what it found.
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { loadConfig } from '../../src/config/load.ts';
import { parseNotification } from '../../src/parse/parseNotification.ts';
import { type Outcome, score } from './layouts/measure.ts';
import { type Case, CLASSES, generate, type VariantClass } from './layouts/variants.ts';

/**
 * Flip to true when every no-note, default-note, generic and pitch invitation in the fixture
 * families, the 2024-2026 invitation and the held-out public formats is drafted with its
 * template at first reading. Today it fails: 77-97% per class (BENCHMARKS.md, bench:layouts).
 * The rest are held as unsure, not drafted wrongly: notes the generator places after the accept
 * button with no preheader to confirm them, and blocks LinkedIn adds in languages whose pack
 * lacks their wording (the learned frame places most of them later).
 */
const RECALL_ON_KNOWN_LAYOUTS = false;

/**
 * Flip to true when no personal note gets a draft. Today a few do: the pitch phrase "new role"
 * matches "Congratulations on the new role at Granit…", and a not-now draft is written. This is
 * the classifier's pitch list, not the layout, and it shows in every family.
 */
const NO_DRAFT_TO_PERSONAL_NOTES = true;

/** Random-seed runs per class for the safety properties. */
const RUNS = Number(process.env.VARIANT_RUNS ?? 12);
/** A second a case on a slow, busy machine (a case is a whole mailbox's mail), and never less than 20 s. */
const TIMEOUT = Math.max(20_000, RUNS * 1000);
/** The fixed sample for the directions not met yet: per class, from this seed (as the bench). */
const SAMPLE = Number(process.env.VARIANT_SAMPLE ?? 30);
const SAMPLE_SEED = Number(process.env.VARIANT_SEED ?? 1);

const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);

interface Scored {
  c: Case;
  o: Outcome;
  seen: string;
}

async function run(c: Case): Promise<Scored> {
  const n = await parseNotification(c.raw);
  const k = classify(n, rules);
  return {
    c,
    o: score(c, n, k, rules),
    seen: `${c.family} [${c.lang}] seed ${c.seed} planted ${c.truth.planted}: ${n.kind}/${n.noteKind} ${k.category}/${k.action}/${k.template} note=${JSON.stringify(n.note?.slice(0, 160))}`,
  };
}

function describeFailures(what: string, failed: Scored[], of: number): string {
  return `${what}: ${failed.length} of ${of}\n${failed
    .slice(0, 5)
    .map((f) => `  ${f.seen}`)
    .join('\n')}`;
}

describe('layout variants, safety (every class, random seeds)', () => {
  for (const cls of CLASSES) {
    it(
      `${cls.name}: no draft where the note says where, to an imitation or for other mail; no note lost`,
      async () => {
        let notes = 0;
        await fc.assert(
          fc.asyncProperty(fc.nat(), async (seed) => {
            const { c, o, seen } = await run(await cls.generate(seed));
            if (
              c.truth.planted === 'context' ||
              c.truth.expected === 'suspicious' ||
              c.truth.expected === 'not-invitation'
            )
              expect(o.drafted, `drafted: ${seen}`).toBe(false);
            if (c.truth.paragraphs !== null) {
              notes++;
              if (o.missedNote) expect(o.drafted, `note lost and drafted: ${seen}`).toBe(false);
            }
          }),
          { numRuns: RUNS },
        );
        if (cls.name !== 'redesign: other LinkedIn mail' && cls.name !== 'imitations')
          expect(notes, 'the note half of the property was exercised').toBeGreaterThan(0);
      },
      TIMEOUT,
    );
  }
});

describe('layout variants, directions not met yet (fixed sample)', () => {
  const sample = new Map<VariantClass, Scored[]>();
  beforeAll(async () => {
    for (const cls of CLASSES)
      sample.set(cls, await Promise.all((await generate(cls, SAMPLE, SAMPLE_SEED)).map(run)));
  }, 30_000);

  (RECALL_ON_KNOWN_LAYOUTS ? it : it.fails)(
    'known layouts: every expected draft is written with its template',
    () => {
      const expected = [...sample]
        .filter(([cls]) => cls.known)
        .flatMap(([, scored]) => scored.filter((s) => s.o.expectedTemplate !== null));
      expect(expected.length).toBeGreaterThan(0);
      const missed = expected.filter((s) => !s.o.draftedRight);
      console.log(
        describeFailures('known layouts, expected drafts not written', missed, expected.length),
      );
      expect(missed.map((s) => s.seen)).toEqual([]);
    },
  );

  (NO_DRAFT_TO_PERSONAL_NOTES ? it : it.fails)('every class: no draft to a personal note', () => {
    const personal = [...sample.values()].flat().filter((s) => s.c.truth.planted === 'personal');
    expect(personal.length).toBeGreaterThan(0);
    const drafted = personal.filter((s) => s.o.drafted);
    console.log(describeFailures('personal notes drafted', drafted, personal.length));
    expect(drafted.map((s) => s.seen)).toEqual([]);
  });
});

// The notes blind set (test/parse/blind/notes.ts), its safety direction on a fixed sample: no
// draft to an inviter whose hand-written note says where or how they met (an event, a company, a
// school, a friend, a call; some also sell or hire) or is written to the user (an article, a
// question, congratulations), in en, de, fr, es, pt, nl, it and id. Measured in full by
// `npm run bench:blind -- --set notes --show wrong`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { generateNotes, NOTES_CLASSES } from './blind/notes.ts';
import { wrongDrafts } from './blind/score.ts';

const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);

/**
 * The notes that got a not-now draft on the classifier of 28a0e7c, each for a word of a pitch in a
 * note that says where they met or is personal ("hiring", "vacature", "recruiter"). Each one fixed
 * leaves this list; the aim is none.
 */
const KNOWN_WRONG = [
  'your thread on hiring your first data engineer was spot on',
  'we hebben maandag gebeld over de vacature projectleider',
  'ik ontmoette je op de carrièrebeurs van de UvA; ik ben recruiter bij ASML',
  "ti ho conosciuta al career day dell'Università di Pisa; sono recruiter in Leonardo",
];

// Only notes that want no draft can get a wrong one.
const NO_DRAFT_CLASSES = NOTES_CLASSES.filter((c) => c.kind === 'context' || c.kind === 'personal');

describe('the notes blind set, first reading', () => {
  it('writes no draft to a note that says where or is personal, but the known ones (seed 1, as bench:blind)', async () => {
    const wrong: string[] = [];
    for (const cls of NO_DRAFT_CLASSES)
      wrong.push(...(await wrongDrafts(generateNotes(cls, 100, 1), rules)));
    // A wrong draft not known shows in full.
    expect(wrong.map((line) => KNOWN_WRONG.find((note) => line.includes(note)) ?? line)).toEqual(
      KNOWN_WRONG,
    );
  }, 60_000);
});

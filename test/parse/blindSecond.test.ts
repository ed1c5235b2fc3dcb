// The second blind generator (test/parse/blind/second.ts), its safety direction on a fixed
// sample: no draft to an inviter whose note says where they met or is personal. Recall is
// measured by `npm run bench:blind -- --set second`, not asserted here.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { learnFrom, wrongDrafts } from './blind/score.ts';
import { generateSecond, SECOND_CLASSES } from './blind/second.ts';

const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);

describe('the second blind generator, first reading', () => {
  it('writes no draft to a note that says where or is personal, in any class', async () => {
    const wrong: string[] = [];
    for (const cls of SECOND_CLASSES)
      wrong.push(...(await wrongDrafts(generateSecond(cls, 25, 3), rules)));
    expect(wrong).toEqual([]);
  }, 60_000);
});

describe('the second blind generator, read again with the frame learned from it', () => {
  // Found by this test: five inviters sent "I was your TA for CS 161 at Berkeley, spring 2019!".
  // Each mail's preheader repeated the note, but the comparison missed it (the note's number read
  // as NUM, the preheader's as num), so the note was taught, learned as LinkedIn's, and all five
  // got a where-we-met draft.
  it('writes no draft to a note that says where or is personal, in any class (seed 1, 100 cases, as bench:blind)', async () => {
    const wrong: string[] = [];
    for (const cls of SECOND_CLASSES) {
      const cases = generateSecond(cls, 100, 1);
      wrong.push(...(await wrongDrafts(cases, rules, await learnFrom(cases))));
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});

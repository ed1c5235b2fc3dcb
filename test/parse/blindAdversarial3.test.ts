// The third adversarial blind set (test/parse/blind/adversarial3.ts), its safety direction on a
// fixed sample: no draft to an inviter whose note says where they met or is personal, though it
// names only a company, school or city, asks about the recipient's work, is in another language
// than the frame's, is split into LinkedIn-looking paragraphs, follows a foreign default note, is
// sent by ten inviters, sits outside the note's place, or comes from an inviter named "Will".
// Measured in full by `npm run bench:blind -- --set adversarial3 --show wrong`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { generateAdversarial } from './blind/adversarial.ts';
import { ADVERSARIAL3_CLASSES } from './blind/adversarial3.ts';
import { learnFrom, wrongDrafts } from './blind/score.ts';

const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);

describe('the third adversarial blind set, first reading', () => {
  // On the parser of b749b13 the set counted 26 wrong drafts at seed 1, all text placed after
  // LinkedIn's footer or inside another person's card, where LinkedIn never puts the note and
  // which the preheader does not repeat: not the invitation's note by structure, so the set now
  // wants the invitation's own answer there (adversarial3.ts, misplaced). One real case remains
  // fixed since: "Ex-Fjordline" under the headline, taken for the location (seed 3).
  it('writes no draft to a note that says where or is personal (seed 1, 100 cases, as bench:blind)', async () => {
    const wrong: string[] = [];
    for (const cls of ADVERSARIAL3_CLASSES)
      wrong.push(...(await wrongDrafts(generateAdversarial(cls, 100, 1), rules)));
    expect(wrong).toEqual([]);
  }, 180_000);
});

describe('the third adversarial blind set, read again with the frame learned from it', () => {
  // On the parser of b749b13: the first reading's 26, and 5 texts before the heading that five
  // inviters each repeated, learned as frame; by structure none of them is the note.
  it('writes no draft to a note that says where or is personal (seed 1, 100 cases, as bench:blind)', async () => {
    const wrong: string[] = [];
    for (const cls of ADVERSARIAL3_CLASSES) {
      const cases = generateAdversarial(cls, 100, 1);
      wrong.push(...(await wrongDrafts(cases, rules, await learnFrom(cases))));
    }
    expect(wrong).toEqual([]);
  }, 180_000);
});

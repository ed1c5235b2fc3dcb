// The second adversarial blind set (test/parse/blind/adversarial2.ts), its safety direction on a
// fixed sample: no draft to an inviter whose note says where they met or is personal, nor to an
// imitation of LinkedIn, though the note is shaped like a card, footer or button line, carries
// markup, is repeated by other LinkedIn mail or by many inviters behind a cut preheader.
// Measured in full by `npm run bench:blind -- --set adversarial2 --show wrong`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { generateAdversarial } from './blind/adversarial.ts';
import { ADVERSARIAL2_CLASSES } from './blind/adversarial2.ts';
import { learnFrom, wrongDrafts } from './blind/score.ts';

const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);

describe('the second adversarial blind set, first reading', () => {
  // Found 6 wrong drafts at seed 1 on the parser of fff3d2d: the note "This email was intended for
  // <recipient's first name>: we met at KubeCon!" dropped as LinkedIn's footer line (no note).
  it('writes no draft to a note that says where or is personal, nor to an imitation (seed 1, 100 cases, as bench:blind)', async () => {
    const wrong: string[] = [];
    for (const cls of ADVERSARIAL2_CLASSES)
      wrong.push(...(await wrongDrafts(generateAdversarial(cls, 100, 1), rules)));
    expect(wrong).toEqual([]);
  }, 180_000);
});

describe('the second adversarial blind set, read again with the frame learned from it', () => {
  // Found the first reading's 6 and 6 more at seed 1 on the parser of fff3d2d: "Berlin, Germany ·
  // JSConf EU", sent by 7 inviters (shaped like the card's location line), learned as frame and
  // dropped (no note). Seeds 2 and 3 found a context note behind a cut preheader learned as frame
  // (8) and "3 connections in common — all from the Fjordline offsite" read as a pitch (1).
  it('writes no draft to a note that says where or is personal, nor to an imitation (seed 1, 100 cases, as bench:blind)', async () => {
    const wrong: string[] = [];
    for (const cls of ADVERSARIAL2_CLASSES) {
      const cases = generateAdversarial(cls, 100, 1);
      wrong.push(...(await wrongDrafts(cases, rules, await learnFrom(cases))));
    }
    expect(wrong).toEqual([]);
  }, 180_000);
});

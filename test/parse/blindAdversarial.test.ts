// The adversarial blind set (test/parse/blind/adversarial.ts), its safety direction on a fixed
// sample: no draft to an inviter whose note says where they met or is personal, though the note
// is built to pass for no note, LinkedIn's default note, a greeting or LinkedIn's own text.
// Measured in full by `npm run bench:blind -- --set adversarial --show wrong`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { ADVERSARIAL_CLASSES, generateAdversarial } from './blind/adversarial.ts';
import { learnFrom, wrongDrafts } from './blind/score.ts';

const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);

describe('the adversarial blind set, first reading', () => {
  // Found 12 wrong drafts at seed 1 on the parser of 5b35d4d: "<inviter's full name> · KubeCon EU
  // 2024" read as LinkedIn's heading (so no note), and "Hi again!" / "Hello again <recipient>!"
  // read as a bare greeting, though they say the two have met.
  it('writes no draft to a note that says where or is personal, in any class (seed 1, 100 cases, as bench:blind)', async () => {
    const wrong: string[] = [];
    for (const cls of ADVERSARIAL_CLASSES)
      wrong.push(...(await wrongDrafts(generateAdversarial(cls, 100, 1), rules)));
    expect(wrong).toEqual([]);
  }, 120_000);
});

describe('the adversarial blind set, read again with the frame learned from it', () => {
  // Found 35 wrong drafts at seed 1 on the parser of 5b35d4d: notes that recur in the mailbox,
  // word for word or differing only in names, learned as LinkedIn's default note ("Adding everyone
  // from Row 12 on LinkedIn." from 8 inviters; the default note with a detail, "…en LinkedIn. 🙂
  // Table 7!", "…(CS 161 TA)") or as frame ("<recipient>, <inviter> from the PyData dinner",
  // "<inviter's full name> · KubeCon EU 2024"), and the first reading's.
  it('writes no draft to a note that says where or is personal, in any class (seed 1, 100 cases, as bench:blind)', async () => {
    const wrong: string[] = [];
    for (const cls of ADVERSARIAL_CLASSES) {
      const cases = generateAdversarial(cls, 100, 1);
      wrong.push(...(await wrongDrafts(cases, rules, await learnFrom(cases))));
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});

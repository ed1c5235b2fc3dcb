// The third adversarial blind set (test/parse/blind/adversarial3.ts), its safety direction on a
// fixed sample: no draft to an inviter whose note says where they met or is personal, though it
// names only a company, school or city, asks about the recipient's work, is in another language
// than the frame's, is split into LinkedIn-looking paragraphs, follows a foreign default note, is
// sent by ten inviters, sits outside the note's place, or comes from an inviter named "Will".
// Measured in full by `npm run bench:blind -- --set adversarial3 --show wrong`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { LearnedFrame } from '../../src/parse/learnedFrame.ts';
import { parseMail } from '../../src/parse/parseNotification.ts';
import { generateAdversarial } from './blind/adversarial.ts';
import { ADVERSARIAL3_CLASSES } from './blind/adversarial3.ts';
import type { BlindCase } from './blind/generator.ts';
import { learnFrom, outcomeOf } from './blind/score.ts';

const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);

/** The cases among these that got a draft although they want none. */
async function wrongDrafts(cases: BlindCase[], learnedFrame?: LearnedFrame): Promise<string[]> {
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

describe('the third adversarial blind set, first reading', () => {
  // FAILS, kept failing as a finding (parser of b749b13, seed 1): 26 wrong drafts, all in the
  // class "notes before the heading, after the footer or in a people-you-may-know card": the note
  // in a "People you may know" card below the footer (18: "Table 7, Tuesday night.", "Both
  // ex-Spotify", "We met at the Kafka Summit speakers dinner.", ...) and the note alone after the
  // footer (8), both read as no note, in every layout (tables, MJML, Outlook/Word, wrapped text).
  it('writes no draft to a note that says where or is personal (seed 1, 100 cases, as bench:blind)', async () => {
    const wrong: string[] = [];
    for (const cls of ADVERSARIAL3_CLASSES)
      wrong.push(...(await wrongDrafts(generateAdversarial(cls, 100, 1))));
    expect(wrong).toEqual([]);
  }, 180_000);
});

describe('the third adversarial blind set, read again with the frame learned from it', () => {
  // FAILS, kept failing as a finding (parser of b749b13, seed 1): 31 wrong drafts in the same
  // class: the first reading's people-you-may-know card (19) and after-the-footer (7) notes, and
  // 5 notes put before the heading (filed as has-context in the first reading) that, being five
  // notes repeated across the mailbox, are learned as frame and then read as no note.
  it('writes no draft to a note that says where or is personal (seed 1, 100 cases, as bench:blind)', async () => {
    const wrong: string[] = [];
    for (const cls of ADVERSARIAL3_CLASSES) {
      const cases = generateAdversarial(cls, 100, 1);
      wrong.push(...(await wrongDrafts(cases, await learnFrom(cases))));
    }
    expect(wrong).toEqual([]);
  }, 180_000);
});

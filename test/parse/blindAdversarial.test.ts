// The adversarial blind set (test/parse/blind/adversarial.ts), its safety direction on a fixed
// sample: no draft to an inviter whose note says where they met or is personal, though the note
// is built to pass for no note, LinkedIn's default note, a greeting or LinkedIn's own text.
// Measured in full by `npm run bench:blind -- --set adversarial --show wrong`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { LearnedFrame } from '../../src/parse/learnedFrame.ts';
import { parseMail } from '../../src/parse/parseNotification.ts';
import { ADVERSARIAL_CLASSES, generateAdversarial } from './blind/adversarial.ts';
import type { BlindCase } from './blind/generator.ts';
import { learnFrom, outcomeOf } from './blind/score.ts';

const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);

/** The cases among these that got a draft although their note says where or is personal. */
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

describe('the adversarial blind set, first reading', () => {
  // Fails (a finding, kept failing until the parser is fixed): 12 wrong drafts at seed 1.
  // - 10 notes that open with the inviter's own name and a separator, "<inviter's full name> ·
  //   KubeCon EU 2024" (any layout: tables, mobile, MJML, Outlook/Word, text only, re-encoded):
  //   read as no note at all (note=null, "no note"), so drafted.
  // - "Hi again!" (MJML): read as a generic note; "Hello again <recipient>!" (reminder, MJML):
  //   read as no note. Both say the two have met before.
  it('writes no draft to a note that says where or is personal, in any class (seed 1, 100 cases, as bench:blind)', async () => {
    const wrong: string[] = [];
    for (const cls of ADVERSARIAL_CLASSES)
      wrong.push(...(await wrongDrafts(generateAdversarial(cls, 100, 1))));
    expect(wrong).toEqual([]);
  }, 120_000);
});

describe('the adversarial blind set, read again with the frame learned from it', () => {
  // Fails (a finding): 35 wrong drafts at seed 1. Notes that recur in the mailbox, word for word
  // or differing only in names, are learned as LinkedIn's default note or frame:
  // - "Adding everyone from Row 12 on LinkedIn." from 8 inviters (text only, MJML with and
  //   without preheader, Outlook/Word, tables): learned as LinkedIn's default note, 9 drafts;
  // - the default note with a detail: "Me gustaría añadirte a mi red profesional en LinkedIn.
  //   🙂 Table 7!" (7 inviters), "Vorrei aggiungerti … su LinkedIn.\nRow 12, Berlin JS",
  //   "Hi <recipient>, Me gustaría añadirte … en LinkedIn. (CS 161 TA)": learned as the default;
  // - "<recipient>, please add me to your LinkedIn network. Row 12 at JSConf.": likewise;
  // - "<recipient>, <inviter> from the PyData dinner": learned as frame, read as no note;
  // - "<inviter's full name> · KubeCon EU 2024" and "Hi again!"/"Hello again <recipient>!" as in
  //   the first reading.
  it('writes no draft to a note that says where or is personal, in any class (seed 1, 100 cases, as bench:blind)', async () => {
    const wrong: string[] = [];
    for (const cls of ADVERSARIAL_CLASSES) {
      const cases = generateAdversarial(cls, 100, 1);
      wrong.push(...(await wrongDrafts(cases, await learnFrom(cases))));
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});

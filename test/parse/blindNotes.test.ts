// The notes blind sets (test/parse/blind/notes.ts, both tables), their safety direction on a fixed sample: no
// draft to an inviter whose hand-written note says where or how they met (an event, a company, a
// school, a friend, a call; some also sell or hire) or is written to the user (an article, a
// question, congratulations), in en, de, fr, es, pt, nl, it and id. Measured in full by
// `npm run bench:blind -- --set notes --show wrong`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { generateNotes, NOTES_CLASSES, NOTES2_CLASSES } from './blind/notes.ts';
import { wrongDrafts } from './blind/score.ts';

const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);

// Only notes that want no draft can get a wrong one.
const NO_DRAFT_CLASSES = [...NOTES_CLASSES, ...NOTES2_CLASSES].filter(
  (c) => c.kind === 'context' || c.kind === 'personal',
);

describe('the notes blind set, first reading', () => {
  it('writes no draft to a note that says where or is personal (seed 1, as bench:blind)', async () => {
    const wrong: string[] = [];
    for (const cls of NO_DRAFT_CLASSES)
      wrong.push(...(await wrongDrafts(generateNotes(cls, 100, 1), rules)));
    expect(wrong).toEqual([]);
  }, 60_000);
});

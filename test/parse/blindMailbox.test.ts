// The mailbox blind set (test/parse/blind/mailbox.ts), its safety direction at seed 1: whole
// mailboxes in seven interface languages meet a LinkedIn redesign, with LinkedIn's other mail,
// newsletters and imitations among the invitations, and recruiters' and a conference booth's
// notes sent word for word by several inviters. No draft may go to a note that says where or is
// personal, to LinkedIn's other mail, to a newsletter or to an imitation: on the first reading,
// with the frame learned from the whole mailbox, and on arrival. Measured in full by
// `npm run bench:blind -- --set mailbox --show wrong`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { generateMailbox, MAILBOX_CLASSES } from './blind/mailbox.ts';
import { learnFrom, wrongDrafts, wrongDraftsOnArrival } from './blind/score.ts';

const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);
// 40 mails per mailbox (about ten invitations, three of them a shared script) keep this to a few
// seconds; bench:blind reads 100 by default.
const mailboxes = MAILBOX_CLASSES.map((cls) => generateMailbox(cls, 40, 1));

describe('the mailbox blind set (seed 1, 40 mails per mailbox)', () => {
  it('writes no unwanted draft on the first reading', async () => {
    const wrong: string[] = [];
    for (const mails of mailboxes) wrong.push(...(await wrongDrafts(mails, rules)));
    expect(wrong).toEqual([]);
  }, 60_000);

  it('writes no unwanted draft with the frame learned from the whole mailbox', async () => {
    const wrong: string[] = [];
    for (const mails of mailboxes)
      wrong.push(...(await wrongDrafts(mails, rules, await learnFrom(mails))));
    expect(wrong).toEqual([]);
  }, 60_000);

  it('writes no unwanted draft reading each mail on arrival', async () => {
    const wrong: string[] = [];
    for (const mails of mailboxes) wrong.push(...(await wrongDraftsOnArrival(mails, rules)));
    expect(wrong).toEqual([]);
  }, 60_000);
});

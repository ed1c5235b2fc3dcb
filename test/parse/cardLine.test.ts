// LinkedIn's 2026 invitation with a line no pack knows added to the card (test/support/cardLine.ts),
// and LinkedIn's default note under it. The default note is never partly edited: a paragraph
// beside it is the inviter's own text or LinkedIn's, and the words cannot tell which. It is held
// as unsure, for the learned frame or the person to place, not filed as a personal note.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { parseConfig } from '../../src/config/load.ts';
import { parseNotification } from '../../src/parse/parseNotification.ts';
import { CARD_LINE, CARD_LINE_INVITERS, withCardLine } from '../support/cardLine.ts';

const DEFAULT_NOTE = "I'd like to add you to my professional network on LinkedIn.";
const MAILBOX = { trustedAuthservId: 'mx.example.net' };
const { rules } = parseConfig(
  'templates: { where-we-met: { subject: s, body: b }, not-now: { subject: s, body: b } }',
  't',
  {},
);

/** The card line, then `paragraph` as a paragraph of its own, in both renderings. */
function withParagraph(paragraph: string): Buffer {
  const raw = withCardLine(CARD_LINE_INVITERS[0] as (typeof CARD_LINE_INVITERS)[number])
    .toString('latin1')
    .replace(`${CARD_LINE}\r\n`, `${CARD_LINE}\r\n\r\n${paragraph}\r\n`)
    .replace(`<p>${CARD_LINE}</p>`, `<p>${CARD_LINE}</p><p>${paragraph}</p>`);
  return Buffer.from(raw, 'latin1');
}

describe('a line LinkedIn added to the card, beside the default note', () => {
  it('is held as unsure with both paragraphs shown, neither drafted nor filed as a note', async () => {
    const n = await parseNotification(withParagraph(DEFAULT_NOTE), MAILBOX);
    expect(n.unrecognised).toEqual([`${CARD_LINE}\n\n${DEFAULT_NOTE}`]);
    expect(classify(n, rules)).toMatchObject({ category: 'unsure', action: 'none' });
  });

  it('the default note alone is still the default note', async () => {
    const raw = withParagraph(DEFAULT_NOTE).toString('latin1');
    const alone = Buffer.from(
      raw.replace(`${CARD_LINE}\r\n\r\n`, '').replace(`<p>${CARD_LINE}</p>`, ''),
      'latin1',
    );
    const n = await parseNotification(alone, MAILBOX);
    expect(n).toMatchObject({ noteKind: 'default', unrecognised: [] });
    expect(classify(n, rules)).toMatchObject({ category: 'no-context', action: 'draft' });
  });
});

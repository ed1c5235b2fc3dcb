// A layout none of whose wording the language packs know (test/integration/redesign/): the parser
// cannot tell a new heading or footer from a note, so it holds all it leaves as unplaced, and one
// "That is LinkedIn's text" from the person (or the learned frame) places all of it at once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNotification } from '../../src/parse/parseNotification.ts';

const redesign = (name: string) =>
  readFileSync(new URL(`../integration/redesign/${name}`, import.meta.url));
const MAILBOX = { trustedAuthservId: 'mx.example.net' };

describe('an unknown layout', () => {
  it('holds its heading and its footer alike as unplaced, and takes neither for a note', async () => {
    const n = await parseNotification(redesign('01-nonote-hannah.eml'), MAILBOX);
    expect(n.layoutKnown).toBe(false);
    expect(n.unrecognised).toEqual([
      'Hannah Lindgren would love to be part of your circle',
      'This note reached you as part of Invitation notices.\nMeant for Marcus Webb (Senior Designer at Acme Studio).',
    ]);
    expect(n.inviter.name).toBe('Hannah Lindgren');
  });

  it('is a known layout once any of its wording is a language pack’s', async () => {
    const known = readFileSync(
      new URL('../fixtures/invitations/2016-nonote-en.eml', import.meta.url),
    );
    expect((await parseNotification(known, MAILBOX)).layoutKnown).toBe(true);
  });
});

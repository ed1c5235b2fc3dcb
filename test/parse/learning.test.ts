// What a mail may teach the learned frame (learnedFrame.ts): LinkedIn's lines, never a note.
// Several inviters may send one note word for word (a conference's suggestion, a recruiter's
// script); learned as LinkedIn's, it would be taken off their invitations, and the next one
// would get a "where did we meet?" draft though its note says where.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { loadConfig } from '../../src/config/load.ts';
import { FrameReader } from '../../src/parse/frame.ts';
import { defaultNoteCluster, FrameTally, shapeKey } from '../../src/parse/learnedFrame.ts';
import { type Notification, parseMail } from '../../src/parse/parseNotification.ts';
import { generateAdversarial } from './blind/adversarial.ts';
import { ADVERSARIAL2_CLASSES } from './blind/adversarial2.ts';

const MAILBOX = { trustedAuthservId: 'mx.example.net' };
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/invitations/${name}`, import.meta.url), 'utf8');
const { rules } = await loadConfig(
  new URL('../../config/wherewemet.yaml', import.meta.url).pathname,
);

/** The same invitation from another inviter, with another note. */
function from(raw: string, inviter: string, note: string): Buffer {
  const [first = '', last = ''] = inviter.split(' ');
  const slug = inviter.toLowerCase().replace(' ', '-');
  return Buffer.from(
    raw
      .replaceAll('Aisha Bello', inviter)
      .replaceAll('Aisha', first)
      .replaceAll('Bello', last)
      .replaceAll('aisha-bello-netsec', slug)
      .replace(/We talked at KubeCon London[\s\S]*?cilium-policies-in-practic=\r?\ne/, note),
  );
}

const CLUSTER = 'email_m2m_invite_single_01|en';
/** A text's shape in the fixtures' cluster, as the mail that carries it tokenises it. */
const shapeOf = (text: string, n: Notification) =>
  shapeKey(
    new FrameReader({ inviter: n.inviter.name, recipient: 'Nora Lindqvist' }).tokenise(text).tokens,
    CLUSTER,
  );

const INVITERS = ['Ines Duarte', 'Marek Novak', 'Chloe Martin', 'Ravi Menon', 'Lena Vogel'];
/** A note with no word of context a rule knows, but one that tells the user who this is. */
const NOTE = 'Congratulations on the new role, well deserved after the launch.';

describe('what an invitation teaches the learned frame', () => {
  it('one whose preheader repeats its note teaches its other lines, not the note', async () => {
    const raw = Buffer.from(fixture('2026-text-note-after-identity-en.eml'));
    const { notification, lessons } = await parseMail(raw, MAILBOX);
    const frame = lessons.find((l) => l.cluster === CLUSTER);
    expect(frame?.shapes.length).toBeGreaterThan(0);
    expect(frame?.shapes).not.toContain(shapeOf(notification.note ?? '', notification));
  });

  it('one without a preheader (its text part alone) teaches no frame: its note is not guarded', async () => {
    const { notification, lessons } = await parseMail(
      Buffer.from(fixture('2026-textonly-note-after-identity-en.eml')),
      MAILBOX,
    );
    expect(notification.noteKind).toBe('personal');
    // Only the count of notes its default-note cluster keeps (learnedFrame.ts anyNoteShape).
    expect(lessons.map((l) => l.cluster)).toEqual([defaultNoteCluster(CLUSTER)]);
  });

  it('a note many inviters send in text parts alone is never learned: the next one is still read', async () => {
    const raw = fixture('2026-textonly-note-after-identity-en.eml');
    const tally = new FrameTally();
    for (const inviter of INVITERS) {
      const { lessons } = await parseMail(from(raw, inviter, NOTE), {
        ...MAILBOX,
        learnedFrame: tally.frame(),
      });
      for (const lesson of lessons) tally.add(lesson);
    }
    const { notification } = await parseMail(from(raw, 'Omar Haddad', NOTE), {
      ...MAILBOX,
      learnedFrame: tally.frame(),
    });
    expect(notification.note).toBe(NOTE);
    expect(classify(notification, rules).action).toBe('none');
  });

  it('one in a layout not yet learned counts its default note, which names LinkedIn, as one', async () => {
    // A redesign whose every line is unplaced: LinkedIn's default note in a wording no pack
    // knows has to be counted from the first invitations, or it is learned only after the frame.
    const raw = readFileSync(
      new URL('../integration/redesign/02-default-tomasz.eml', import.meta.url),
    );
    const { notification, lessons } = await parseMail(raw, MAILBOX);
    expect(notification.layoutKnown).toBe(false);
    expect(lessons.map((l) => l.cluster)).toContain('email_m2m_invite_single_02|en|default-note');
  });

  it('one whose preheader is cut short (an ellipsis) teaches no frame: the rest of its note is not guarded', async () => {
    const cls = ADVERSARIAL2_CLASSES.find((c) => c.name.includes('preheader cut at 40'));
    expect(cls).toBeDefined();
    const cases = generateAdversarial(cls as (typeof ADVERSARIAL2_CLASSES)[number], 40, 1).filter(
      (c) => c.variant.includes('preheader cut at 40'),
    );
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const { lessons } = await parseMail(c.raw, { trustedAuthservId: c.trustedAuthservId });
      expect(
        lessons.filter((l) => !l.cluster.endsWith('|default-note')),
        c.variant,
      ).toEqual([]);
    }
  });
});

// A blind set of invitation notes (notesWording.ts), written by hand in en, de, fr, es, pt, nl,
// it and a few in id, without reading the language packs or the classifier: how the classifier
// reads notes as people write them. Each note is put once into a genuine 2026 invitation whose
// layout the parser reads (the first blind generator's tables or mobile layout, verified by
// mx.example.net; Indonesian, which that generator does not write, in the second generator's
// MJML layout with its server's verdict), so that what is measured is the note, not the mail.
//
// One class per language and kind of note: generic and pitch notes want a draft (where-we-met,
// not-now); context and personal notes never do. Every case is a function of (class, seed): the
// seed draws the layout, the inviter and the recipient. bench/blind.bench.ts --set notes
// measures them; --set notes2 the same way a second table written apart (notes2Wording.ts), a
// held-out test of whatever the first one taught.
import { draw, L, type Layout } from './adversarial.ts';
import type { BlindCase, Plant, Planted } from './generator.ts';
import { NOTES2 } from './notes2Wording.ts';
import { NOTE_KINDS, NOTES, type NoteKind } from './notesWording.ts';

/** A wording table: each language's notes by kind. */
type NotesTable = typeof NOTES;

/** What each kind of note plants, in the generators' terms (which also say what it wants). */
const PLANTED: Record<NoteKind, Planted> = {
  generic: 'bare',
  pitch: 'pitch',
  context: 'where',
  personal: 'personal',
};

/** The MJML layout with the server's verdict (the generator leaves it out of a few mails). */
const MJML_VERIFIED: Layout = { ...L.mjml, variant: /^(?!.*no verdict)/ };
const layoutFor = (lang: string): Layout =>
  L.tables.languages.includes(lang) ? L.tables : MJML_VERIFIED;

export interface NotesClass {
  name: string;
  lang: string;
  kind: NoteKind;
  notes: readonly string[];
  /** Its place in its table, which seeds its draws (so a class's cases do not move with others). */
  index: number;
}

/** One class per language and kind of a wording table. */
const notesClasses = (table: NotesTable): NotesClass[] =>
  Object.entries(table).flatMap(([lang, byKind], l) =>
    NOTE_KINDS.map((kind, k) => ({
      name: `${lang}: ${kind}`,
      lang,
      kind,
      notes: byKind[kind],
      index: l * NOTE_KINDS.length + k,
    })),
  );

export const NOTES_CLASSES: NotesClass[] = notesClasses(NOTES);
export const NOTES2_CLASSES: NotesClass[] = notesClasses(NOTES2);

/** The note addressed to this invitation's recipient. */
const addressed =
  (text: string): NonNullable<Plant['note']> =>
  ({ recipientFirst }) =>
    text.replaceAll('{me}', recipientFirst);

/** The class's notes, each once, in an invitation of its language: at most `count` of them. */
export function generateNotes(cls: NotesClass, count: number, seed: number): BlindCase[] {
  const layout = layoutFor(cls.lang);
  const base = seed * 4_000_037 + cls.index * 15_485_863;
  return cls.notes.slice(0, count).map((text, k) => {
    const c = draw(layout, base + k * 104_729, cls.lang, {
      planted: PLANTED[cls.kind],
      note: addressed(text),
    });
    return { ...c, cls: cls.name, variant: `${layout.name} (${c.variant})` };
  });
}

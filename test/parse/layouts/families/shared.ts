// What every layout family has: the Family interface, the mutual-connections line, the note (or
// the family's default note) and the placing of the note among the family's blocks.
import { escapeHtml, noteHtml, noteText, type Rendered, type Variant } from '../render.ts';

export interface Family {
  name: string;
  /** Fixtures whose layout this is. */
  fixtures: string[];
  languages: string[];
  parts: Variant['parts'][];
  /** Where the note may stand, in the family's order of blocks. */
  places: string[];
  /** LinkedIn's greeting line can be there or not; families without one ignore it. */
  hasGreeting: boolean;
  hasIdentity: boolean;
  hasPreheader: boolean;
  /** LinkedIn's default note, for variants without a note of the inviter's (layouts that always carry one). */
  defaultNote: Record<string, string> | null;
  render(v: Variant): Rendered;
}

const MUTUAL: Record<string, ((n: number) => string)[]> = {
  en: [
    (n) => `${n} mutual connections`,
    (n) => `${n} connections in common`,
    (n) => `Jane Doe and ${n} other mutual connections`,
  ],
  de: [(n) => `${n} gemeinsame Kontakte`],
  fr: [(n) => `${n} relations en commun`],
  es: [(n) => `${n} contactos en común`],
  pt: [(n) => `${n} conexões em comum`],
  nl: [(n) => `${n} gemeenschappelijke connecties`],
  it: [(n) => `${n} collegamenti in comune`],
  id: [(n) => `${n} koneksi bersama`],
};

export function mutualLine(v: Variant): string | null {
  if (!v.mutual) return null;
  const forms = MUTUAL[v.lang] ?? MUTUAL.en ?? [];
  return forms[v.mutual.form % forms.length]?.(v.mutual.count) ?? null;
}

/** The note in the text part, or the family's default note, or nothing. */
export function note(
  v: Variant,
  family: Pick<Family, 'defaultNote'>,
): { text: string; html: string } | null {
  if (v.note) return { text: noteText(v.note, v.paragraphGap), html: noteHtml(v.note) };
  const fallback = family.defaultNote?.[v.lang];
  return fallback ? { text: fallback, html: escapeHtml(fallback) } : null;
}

/** Places blocks in order, the note at `v.place` (counted among the family's places). */
export function placed<T>(
  blocks: (T | 'NOTE')[],
  v: Variant,
  noteBlock: T | null,
  places: number,
): T[] {
  let seen = 0;
  const out: T[] = [];
  for (const block of blocks) {
    if (block === 'NOTE') {
      if (seen++ === v.place % places && noteBlock !== null) out.push(noteBlock);
    } else out.push(block);
  }
  return out;
}

/**
 * The note, from what each rendering of the invitation left over: the text part, the HTML's
 * visible lines, and the HTML's hidden preheader (which repeats the note). The note is
 * recognised when each rendering left at most one run of text and the renderings agree; any
 * other leftover is still the note, but marked unrecognised, so nothing is drafted on a guess.
 */
import { cutText } from '../text.ts';
import type { FrameReader } from './frame.ts';
import { isGreetingLine, type ViewReading } from './invitationBody.ts';
import { comparable, defaultNoteLanguage, GREETING, type Language } from './languages/index.ts';

export type NoteKind = 'none' | 'default' | 'personal';

export interface NoteReading {
  note: string | null;
  noteKind: NoteKind;
  /** The language of LinkedIn's default note, when the note is one. */
  defaultLanguage: Language | null;
  /** Leftover text the parser could not place as the note: it is part of `note`. */
  unrecognised: string[];
}

/** LinkedIn's notes have at most 300 characters; leftovers longer than this are cut. */
const MAX_NOTE_CHARS = 2000;
/** "Hi NAME, " at the start of a tokenised note: LinkedIn's greeting in the same block (2016 HTML). */
const LEADING_GREETING = new RegExp(`^(?:${GREETING}(?:[ ,]+NAME)?\\s*[,:!]|NAME[,:])\\s*`, 'u');
const QUOTED = /^["“„«「『]([\s\S]*)["”“»」』]$/;

interface Witness {
  text: string;
  /** The runs of leftover lines it is made of. */
  runs: string[];
  /** Comparable forms, with and without a leading greeting. */
  forms: string[];
  /** Whether this witness alone is enough to call the note recognised: one run, of a note's length. */
  clean: boolean;
}

export function readNote(
  views: (ViewReading | null)[],
  hidden: string[],
  reader: FrameReader,
): NoteReading {
  const witness = (runs: string[], clean: boolean): Witness => {
    const text = runs.join('\n\n');
    // Compared in full only up to twice the longest note: comparing 200,000 characters of two
    // renderings substring by substring would take seconds, and text that long is no note.
    const tokens = reader.tokenise(text.slice(0, 2 * MAX_NOTE_CHARS)).tokens;
    return {
      text,
      runs,
      clean: clean && text.length <= MAX_NOTE_CHARS,
      forms: [...new Set([comparable(tokens), comparable(tokens.replace(LEADING_GREETING, ''))])],
    };
  };
  const witnesses: Witness[] = [];
  for (const view of views) {
    if (view && view.runs.length > 0) witnesses.push(witness(view.runs, view.runs.length === 1));
  }
  // The preheader repeats the note, or is LinkedIn's ("Jane Doe wants to connect", "Hi Paul,").
  // Alone it is not a note: the visible text must say the same.
  for (const text of hidden) {
    const role = reader.role({ text, href: null });
    if (role.kind === 'text' && !isGreetingLine(role.tokens))
      witnesses.push(witness([text], false));
  }
  if (witnesses.length === 0) {
    return { note: null, noteKind: 'none', defaultLanguage: null, unrecognised: [] };
  }

  const widest = witnesses.find((w) => witnesses.every((other) => covers(w, other)));
  const recognised =
    widest !== undefined && (widest.clean || witnesses.some((w) => w.clean && covers(w, widest)));
  const unrecognised = recognised
    ? []
    : widest
      ? widest.runs
      : distinct(witnesses.flatMap((w) => w.runs));
  const note = cleanNote(widest ? widest.text : unrecognised.join('\n\n'));
  const defaultLanguage = recognised
    ? (widest.forms.map(defaultNoteLanguage).find(Boolean) ?? null)
    : null;
  return {
    note,
    noteKind: defaultLanguage ? 'default' : 'personal',
    defaultLanguage,
    unrecognised: unrecognised.map(cleanNote),
  };
}

/** Whether `a` says everything `b` says (a preheader may be cut short). */
function covers(a: Witness, b: Witness): boolean {
  return b.forms.some((f) => f === '' || a.forms.some((g) => g.includes(f)));
}

function distinct(texts: string[]): string[] {
  return [...new Set(texts)];
}

function cleanNote(text: string): string {
  const unquoted = text.trim().replace(QUOTED, '$1').trim().normalize('NFC');
  return unquoted.length > MAX_NOTE_CHARS ? `${cutText(unquoted, MAX_NOTE_CHARS)}…` : unquoted;
}

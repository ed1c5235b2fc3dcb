/**
 * The note, from what each rendering of the invitation left unplaced: the text part, the HTML's
 * visible lines, and the HTML's hidden preheader (which repeats the note, maybe cut short).
 *
 * - Only text every rendering carries can be the note: a line of the text part that the HTML
 *   lacks, or the other way round, is layout (LinkedIn adds blocks to one rendering only).
 * - Text after the invitation's own accept button is not the note unless the preheader repeats
 *   it; with no preheader and nothing else unplaced, it is held as unsure rather than dropped.
 * - What is left must be one run of text to be the note, once a heading that names the inviter
 *   in a wording no pack knows is set aside (withoutNameHeadings). Anything else is unsure: it is
 *   kept in `unrecognised` and nothing is drafted on a guess, either way.
 * - In a layout none of whose wording is known (a redesign, a language without a pack, before the
 *   frame is learned), a new heading or footer reads like a note: all that is left, trailing text
 *   included, is held as unsure, so that one "That is LinkedIn's text" teaches all of it.
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
  /** Text the parser could not place as the note or as LinkedIn's: the invitation is unsure. */
  unrecognised: string[];
}

/** LinkedIn's notes have at most 300 characters; leftovers longer than this are cut. */
const MAX_NOTE_CHARS = 2000;
/** "Hi NAME, " at the start of a tokenised note: LinkedIn's greeting in the same block (2016 HTML). */
const LEADING_GREETING = new RegExp(`^(?:${GREETING}(?:[ ,]+NAME)?\\s*[,:!]|NAME[,:])\\s*`, 'u');
const QUOTED = /^["“„«「『]([\s\S]*)["”“»」』]$/;
const NOTHING: NoteReading = {
  note: null,
  noteKind: 'none',
  defaultLanguage: null,
  unrecognised: [],
};

/** One rendering's unplaced text: the runs that may be the note, and those only held as unsure. */
interface Leftover {
  runs: string[];
  doubtful: string[];
  /**
   * What it placed in the inviter's identity block (headline, location): text it carries too,
   * so the other rendering's note is not taken for layout because this one read it as a location.
   */
  identity: string[];
}

export function readNote(
  views: (ViewReading | null)[],
  hidden: string[],
  reader: FrameReader,
  {
    layoutKnown,
    noteJudged,
  }: {
    /** Whether any of the mail's wording is known (a pack's or learned). */
    layoutKnown: boolean;
    /** Whether a note found can be judged by its words: the layout and its language are known. */
    noteJudged: boolean;
  },
): NoteReading {
  const { form, repeated, spoke } = preheaderOf(hidden, reader);
  // A rendering that may be cut short (a truncated message) cannot say what the other one lacks.
  const present = views.filter((v): v is ViewReading => v !== null);
  const complete = present.filter((v) => v.complete || v.ended);
  const witnesses = complete.length > 0 ? complete : present;
  const leftovers = witnesses.map((view): Leftover => {
    const confirmed = view.trailing.filter(repeated);
    // Trailing text is layout when the card already holds the note or the preheader speaks;
    // otherwise it could be a note placed after the buttons: held, not dropped.
    const hold = !layoutKnown || (view.runs.length === 0 && confirmed.length === 0 && !spoke);
    const unconfirmed = view.trailing.filter((run) => !confirmed.includes(run));
    // A note right under a headline, in a card without a location, has a location's shape; the
    // preheader repeats the note, never the location.
    const misplaced = view.location !== null && repeated(view.location) ? [view.location] : [];
    return {
      runs: [...misplaced, ...view.runs, ...confirmed],
      doubtful: hold ? unconfirmed : [],
      identity: [view.headline, view.location].filter((t): t is string => t !== null),
    };
  });
  const [first, second] = leftovers;
  if (!first) return NOTHING;
  const agreed = !second
    ? first
    : complete.length > 0
      ? agree(first, second, form)
      : union(first, second);
  return noteOf(agreed.runs, distinct([...agreed.doubtful]), reader, noteJudged);
}

/**
 * What the preheader says of a run: it repeats the note, or is LinkedIn's ("Jane Doe wants to
 * connect", "Hi Paul,"). `form`: a text as the comparison sees it; `spoke`: there is one.
 */
function preheaderOf(hidden: string[], reader: FrameReader) {
  // Compared in full only up to twice the longest note: comparing 200,000 characters of two
  // renderings substring by substring would take seconds, and text that long is no note.
  const form = (text: string) =>
    comparable(reader.tokenise(text.slice(0, 2 * MAX_NOTE_CHARS)).tokens);
  const preheaders = hidden
    .map((text) => reader.role({ text, href: null }))
    .flatMap((role) =>
      role.kind === 'text' && !isGreetingLine(role.tokens) ? [comparable(role.tokens)] : [],
    );
  // A preheader cut short may end in half a word ("Hi Nor…"), which no longer reads as a name:
  // it is compared without its last word as well.
  const preheaderForms = preheaders.flatMap((p) => [p, p.replace(/\s*\S+$/u, '')]);
  const repeated = (run: string) => {
    const f = form(run);
    return (
      f !== '' && preheaderForms.some((p) => p.includes(f) || (p.length >= 20 && f.includes(p)))
    );
  };
  return { form, repeated, spoke: preheaders.length > 0 };
}

/** One run is the note, judged by its words; anything more is for the user to read. */
function noteOf(
  runs: string[],
  doubtful: string[],
  reader: FrameReader,
  noteJudged: boolean,
): NoteReading {
  if (runs.length === 0 && doubtful.length === 0) return NOTHING;
  const paragraphs = paragraphsOf([...runs, ...doubtful]);
  // Every paragraph left over may be LinkedIn's default note in a wording no pack knows: each is
  // offered to be counted (FrameReader.isLearnedDefaultNote), also where the rest of the mail is
  // not yet placed (a redesign before its frame is learned), or the default note of such a layout
  // would only start to be counted once its frame was.
  for (const paragraph of paragraphs) reader.isLearnedDefaultNote(paragraph);
  const left = withoutNameHeadings(paragraphs, reader);
  if (left !== null) {
    if (left === '') return NOTHING;
    return noteOf([left], [], reader, noteJudged);
  }
  if (runs.length === 1 && doubtful.length === 0) {
    const note = cleanNote(runs[0] as string);
    if (note.length <= MAX_NOTE_CHARS) {
      return (
        asDefaultNote(note, reader) ?? {
          note,
          noteKind: 'personal',
          defaultLanguage: null,
          unrecognised: noteJudged && !besideDefaultNote(note, reader) ? [] : [note],
        }
      );
    }
  }
  const unrecognised = distinct([...runs, ...doubtful].map(cleanNote));
  return {
    note: cleanNote(unrecognised.join('\n\n')),
    noteKind: 'personal',
    defaultLanguage: null,
    unrecognised,
  };
}

function paragraphsOf(texts: string[]): string[] {
  return texts.flatMap((text) => text.split(/\n\s*\n/)).map(cleanNote);
}

/** The note read as LinkedIn's default note: a pack's (maybe after "Hi NAME,") or one learned. */
function asDefaultNote(note: string, reader: FrameReader): NoteReading | null {
  const tokens = reader.tokenise(note).tokens;
  const defaultLanguage =
    defaultNoteLanguage(comparable(tokens)) ??
    defaultNoteLanguage(comparable(tokens.replace(LEADING_GREETING, '')));
  if (defaultLanguage) return { note, noteKind: 'default', defaultLanguage, unrecognised: [] };
  return reader.isLearnedDefaultNote(note)
    ? { note, noteKind: 'default', defaultLanguage: null, unrecognised: [] }
    : null;
}

/**
 * A heading that names the inviter in a wording no pack knows (FrameReader.isNameHeading) is
 * LinkedIn's where one paragraph or none is left beside it: what is left is then read as the note
 * alone ("" for none). Null where there is no such heading, or more is left: the heading stays
 * unplaced with the rest, as two paragraphs may be the note and a line of LinkedIn's.
 */
function withoutNameHeadings(paragraphs: string[], reader: FrameReader): string | null {
  const rest = paragraphs.filter((p) => !reader.isNameHeading(p));
  if (rest.length === paragraphs.length || rest.length > 1) return null;
  return rest[0] ?? '';
}

/**
 * LinkedIn's default note stands alone: whoever edits it writes their own. A paragraph beside it
 * is either text the inviter added (which may say where you met) or a line LinkedIn added to the
 * card that no pack knows yet (a badge, "Usually responds within a day"). Which, the words cannot
 * tell: the invitation is unsure, not a personal note filed for good, so that the learned frame or
 * the person can place it.
 */
function besideDefaultNote(note: string, reader: FrameReader): boolean {
  const paragraphs = note.split(/\n\s*\n/);
  return (
    paragraphs.length > 1 &&
    paragraphs.some((p) => defaultNoteLanguage(comparable(reader.tokenise(p.trim()).tokens)))
  );
}

/**
 * The text both renderings carry, line by line (they wrap differently): the text part's where
 * it has any, else the HTML's. A rendering with nothing unplaced says the other's text is layout.
 */
function agree(text: Leftover, html: Leftover, form: (text: string) => string): Leftover {
  const everything = (l: Leftover) => form([...l.runs, ...l.doubtful, ...l.identity].join('\n'));
  const keep = (from: Leftover, other: Leftover): Leftover => {
    const witness = everything(other);
    const carried = (run: string) =>
      run
        .split('\n')
        .filter((line) => line.trim() === '' || witness.includes(form(line)))
        .join('\n')
        .trim();
    return {
      runs: from.runs.map(carried).filter(Boolean),
      doubtful: from.doubtful.map(carried).filter(Boolean),
      identity: from.identity,
    };
  };
  const fromText = keep(text, html);
  return fromText.runs.length + fromText.doubtful.length > 0 ? fromText : keep(html, text);
}

/** Two incomplete renderings: all that either left, each text once. */
function union(a: Leftover, b: Leftover): Leftover {
  const byForm = new Map<string, string>();
  for (const run of [...a.runs, ...b.runs])
    if (!byForm.has(comparable(run))) byForm.set(comparable(run), run);
  const forms = [...byForm.keys()];
  return {
    runs: forms
      .filter((f) => !forms.some((other) => other !== f && other.includes(f)))
      .map((f) => byForm.get(f) as string),
    doubtful: distinct([...a.doubtful, ...b.doubtful]),
    identity: distinct([...a.identity, ...b.identity]),
  };
}

function distinct(texts: string[]): string[] {
  return [...new Set(texts)];
}

function cleanNote(text: string): string {
  const unquoted = text.trim().replace(QUOTED, '$1').trim().normalize('NFC');
  return unquoted.length > MAX_NOTE_CHARS ? `${cutText(unquoted, MAX_NOTE_CHARS)}…` : unquoted;
}

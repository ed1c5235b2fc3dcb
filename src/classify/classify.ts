/**
 * Notification + the user's rules → a category, the reasons for it, and what to do. Pure: the
 * same input always gives the same answer, so `parse --json`, `preview` and the worker agree.
 * The phrases come from the language packs (src/parse/languages/).
 */
import type { Category, Config } from '../config/schema.ts';
import {
  ANY_GREETING,
  CONTEXT_CUES,
  FILLER_WORDS,
  PITCH_PHRASES,
} from '../parse/languages/index.ts';
import type { Notification } from '../parse/parseNotification.ts';
import { alternation, wholePhrases } from '../text.ts';

export interface Classification {
  category: Category | null;
  reasons: string[];
  action: 'draft' | 'none';
  /** The template to draft from when action is "draft". */
  template: string | null;
  /**
   * A personal note only because one run of text was left and nothing in it decides: in a known
   * layout, a line LinkedIn added reads the same way. Read again as the learned frame grows.
   */
  provisional?: true;
}

export type Rules = Config['rules'];

export function classify(notification: Notification, rules: Rules): Classification {
  if (notification.kind !== 'invitation' && notification.kind !== 'reminder') {
    return {
      category: null,
      reasons: [`${notification.kind}: not an invitation`],
      action: 'none',
      template: null,
    };
  }
  const { category, reasons, provisional } = categorise(notification, rules);
  const configured = rules.actions[category];
  const template = category === 'suspicious' || configured === 'none' ? null : configured;
  return {
    category,
    reasons,
    action: template ? 'draft' : 'none',
    template,
    ...(provisional ? { provisional } : {}),
  };
}

interface Verdict {
  category: Category;
  reasons: string[];
  provisional?: true;
}

function categorise(n: Notification, rules: Rules): Verdict {
  if (n.authenticity === 'suspicious')
    return { category: 'suspicious', reasons: n.authenticityReasons };
  const known = knownBecause(n, rules.knownPeople);
  if (known) return { category: 'known', reasons: [known] };
  if (n.unrecognised.length > 0) {
    // A layout whose wording is all new leaves one run of text: the note, or LinkedIn's new
    // wording (a heading, a reworded default note). What it says decides where it can: a pitch,
    // a generic note and a note that says where are the inviter's, or answered alike either way.
    // In a known layout (a language without a pack) only a bare greeting is judged: a line
    // LinkedIn added may carry words of context ("You both worked at Acme") without being a note,
    // and a greeting alone is answered alike whether it is the note or LinkedIn's.
    const single = n.unrecognised.length === 1 ? n.note : null;
    const cued =
      single === null
        ? null
        : n.layoutKnown === false
          ? noteCategory(single, rules)
          : isGeneric(single)
            ? GENERIC
            : null;
    if (cued) return cued;
    // Neither drafted (it may be a note that says where) nor filed as a note (it may be
    // LinkedIn's text): held until the learned frame, a parser upgrade or the person places it.
    const texts = n.unrecognised.slice(0, 3).map((t) => `"${excerpt(t)}"`);
    return {
      category: 'unsure',
      reasons: [`text not yet placed as LinkedIn's or the inviter's: ${texts.join(', ')}`],
    };
  }
  if (n.noteKind === 'none' || n.note === null)
    return { category: 'no-context', reasons: ['no note'] };
  if (n.noteKind === 'default')
    return { category: 'no-context', reasons: ["LinkedIn's default note"] };
  // A note of some length that a person wrote deserves a person's reading, not a form reply.
  return (
    noteCategory(n.note, rules) ?? {
      category: 'has-context',
      reasons: ['personal note'],
      provisional: true,
    }
  );
}

/** What a note's words say of it: where they met, a pitch, or nothing but a greeting; else null. */
function noteCategory(note: string, rules: Rules): Verdict | null {
  // Context first: a note that says where they met gets no form reply, even one that also sells.
  const cues = findPhrases(note, CONTEXT_CUES);
  if (cues.length > 0)
    return {
      category: 'has-context',
      reasons: [`note gives context: "${cues.slice(0, 3).join('", "')}"`],
    };
  const pitch = findPhrases(note, pitchPhrases(rules.pitch));
  if (pitch.length > 0)
    return {
      category: 'pitch',
      reasons: [`note reads as a pitch: "${pitch.slice(0, 3).join('", "')}"`],
    };
  if (isGeneric(note)) return GENERIC;
  return null;
}

const GENERIC: Verdict = { category: 'no-context', reasons: ['generic note'] };

function knownBecause(n: Notification, known: Rules['knownPeople']): string | null {
  const { email, name, profileUrl } = n.inviter;
  if (email) {
    const lower = email.toLowerCase();
    if (known.emails.some((e) => e.toLowerCase() === lower)) return `known person: ${email}`;
    const domain = lower.slice(lower.lastIndexOf('@') + 1);
    if (known.domains.some((d) => d.toLowerCase().replace(/^@/, '') === domain))
      return `known domain: ${domain}`;
  }
  if (name) {
    const folded = fold(name);
    if (known.names.some((k) => fold(k) === folded)) return `known person: ${name}`;
  }
  const vanity = profileVanity(profileUrl);
  if (vanity && known.profileUrls.some((u) => profileVanity(u) === vanity))
    return `known profile: ${vanity}`;
  return null;
}

/** "https://www.linkedin.com/comm/in/jane-doe-123?trk=…" → "jane-doe-123". */
export function profileVanity(url: string | null): string | null {
  const m = url ? /linkedin\.com\/(?:comm\/)?in\/([^/?#]+)/i.exec(url) : null;
  return m?.[1] ? decodeURIComponent(m[1]).toLowerCase() : null;
}

/** The pitch phrases of the rules found in a text (a stranger's answer too), in order; none: []. */
export function pitchPhrasesIn(text: string, rules: Rules): string[] {
  return findPhrases(text, pitchPhrases(rules.pitch));
}

function fold(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const pitchLists = new WeakMap<Rules['pitch'], string[]>();

/** The default pitch phrases, as the user adjusted them; computed once per config. */
function pitchPhrases(pitch: Rules['pitch']): string[] {
  let list = pitchLists.get(pitch);
  if (!list) {
    const ignored = new Set(pitch.ignore.map(fold));
    const defaults = pitch.defaults ? PITCH_PHRASES.filter((p) => !ignored.has(p)) : [];
    list = [...defaults, ...pitch.add.map(fold)];
    pitchLists.set(pitch, list);
  }
  return list;
}

const compiled = new WeakMap<readonly string[], RegExp | null>();

/** Phrases found as whole words in the text, in the order they occur; one pass per list. */
function findPhrases(text: string, phrases: readonly string[]): string[] {
  let pattern = compiled.get(phrases);
  if (pattern === undefined) {
    pattern = phrases.length > 0 ? wholePhrases(phrases, 'gu') : null;
    compiled.set(phrases, pattern);
  }
  if (!pattern) return [];
  return [...new Set(Array.from(fold(text).matchAll(pattern), (m) => m[0]))];
}

/** "Hi Paul," "Hello Priyanka," at the start of a note: a greeting and a name, nothing else. */
const OPENING = new RegExp(`^${ANY_GREETING}(?:[ ,]+[\\p{L}'-]+){0,2}\\s*[,!:]\\s*`, 'u');
const FILLER = new RegExp(
  `(?<![\\p{L}\\p{N}'])${alternation(FILLER_WORDS)}(?![\\p{L}\\p{N}'])`,
  'gu',
);

/**
 * Made of nothing but "let's connect" filler once a greeting is taken off: "Hi Paul, I'd love to
 * connect!". One word outside the filler ("the Tuesday standup") is something the user may
 * recognise, so the note is theirs to read.
 */
function isGeneric(note: string): boolean {
  if (isGreetingAndName(note)) return true;
  const rest = fold(note)
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(OPENING, '')
    .replace(FILLER, ' ');
  return !/[\p{L}\p{N}]/u.test(rest);
}

/**
 * A greeting and at most one word after it, then only punctuation or emoji: "Hello Anna", "Hi
 * Jonas 👋", "¡Buenas!", "Good morning 🙂"; matched in any case. The word after the greeting is captured.
 */
const GREETING_AND_WORD = new RegExp(
  `^[¡¿\\s]*${ANY_GREETING}(?:[ ,]+([\\p{L}'-]+))?[\\s\\p{P}\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\u200d\\ufe0f]*$`,
  'iu',
);

const NAME_WITH_HONORIFIC = /^\p{L}[\p{L}\p{M}' .-]{0,40}?(?:さん|様|さま)[、,\s]*/u;

/**
 * A greeting and a name is all "Hello Anna" says; the word after the greeting must be written as
 * a name (capitalised, or in a script without case), so "hi neighbour" stays a note to read.
 */
function isGreetingAndName(note: string): boolean {
  // Japanese puts the name first, with an honorific: "Annaさん、よろしくお願いします".
  const greeting = note.replace(NAME_WITH_HONORIFIC, '');
  // Matched in the note's own case: the word after a greeting of two words ("good morning") is
  // not a name unless it is written as one.
  const match = GREETING_AND_WORD.exec(greeting.normalize('NFC').replace(/\s+/g, ' ').trim());
  if (!match) return false;
  const word = match[1] ?? '';
  return word === '' || !/^\p{Ll}/u.test(word);
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}

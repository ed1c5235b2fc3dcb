/**
 * The language packs, and what the parser and the classifier derive from them once at start-up.
 * Structure decides what a message is; these tables recognise LinkedIn's frame line by line,
 * name the language, and give the classifier its phrases. A language missing here still parses:
 * its frame is not recognised, so its text is read as a note and nothing is drafted for it.
 */

import { alternation } from '../../text.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { GREETINGS_WITHOUT_PACK } from './greetings.ts';
import { id } from './id.ts';
import { it } from './it.ts';
import { nl } from './nl.ts';
import type { LanguagePack } from './pack.ts';
import { pt } from './pt.ts';
import { compileCapture, compileLines } from './templates.ts';

/** Keyed by ISO 639-1 code, as `<html lang>` and the templates' `languages` name them. */
export const PACKS = { en, de, fr, es, pt, nl, it, id } satisfies Record<string, LanguagePack>;
export type Language = keyof typeof PACKS;
export const LANGUAGES = Object.keys(PACKS) as Language[];

function union<K extends keyof LanguagePack>(key: K): string[] {
  return [...new Set(LANGUAGES.flatMap((lang) => PACKS[lang][key] as readonly string[]))];
}

/** Lower case, straight quotes, no punctuation or repeated spaces: the form notes are compared in. */
export function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[.!。,;:…"“”„«»()\-–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const DEFAULT_NOTE_INDEX = new Map<string, Language>(
  LANGUAGES.flatMap((lang) =>
    PACKS[lang].defaultNotes.map((note) => [comparable(note), lang] as const),
  ),
);

/** The language of LinkedIn's default note this text is, or null when it is anything else. */
export function defaultNoteLanguage(note: string): Language | null {
  return DEFAULT_NOTE_INDEX.get(comparable(note)) ?? null;
}

/**
 * Whether the note is a pack's default note with words added ("…auf LinkedIn hinzufügen, wir
 * kennen uns von der re:publica"): LinkedIn's default note is never partly edited, so what
 * follows it is the inviter's.
 */
export function extendsDefaultNote(note: string): boolean {
  const form = comparable(note);
  for (const known of DEFAULT_NOTE_INDEX.keys())
    if (form.length > known.length && form.startsWith(known)) return true;
  return false;
}

/** LinkedIn's lines in no particular language: the copyright, the logo's alt text, a signature. */
// "LinkedIn Darshan AS": the logo's alt text, then the recipient's linked name (2018-2026 headers).
const NEUTRAL = compileLines([
  '{©|(c)|&copy;} NUM{,|} linkedin…',
  'linkedin',
  'linkedin NAME',
  '{-|–|—|~}{ |}NAME',
]);
const FRAME = LANGUAGES.map((lang) => {
  const { buttons, headings, footers } = PACKS[lang];
  return [lang, compileLines([...buttons, ...headings, ...footers])] as const;
});
/** Every pack's frame at once: most lines that are not LinkedIn's are ruled out by this one test. */
const ANY_FRAME = compileLines(
  LANGUAGES.flatMap((lang) => [
    ...PACKS[lang].buttons,
    ...PACKS[lang].headings,
    ...PACKS[lang].footers,
  ]),
);
const MUTUAL = compileLines(union('mutualConnections'));

/**
 * Which languages' frame a tokenised line (see frame.ts) belongs to: [] for a line of LinkedIn's
 * in no language, null for a line that is not LinkedIn's.
 */
export function frameLanguages(tokenised: string): Language[] | null {
  const languages = ANY_FRAME(tokenised)
    ? FRAME.filter(([, test]) => test(tokenised)).map(([lang]) => lang)
    : [];
  if (languages.length > 0) return languages;
  return NEUTRAL(tokenised) ? [] : null;
}

/** "12 mutual connections", "1 gemeinsamer Kontakt": part of the inviter's identity block. */
export function isMutualLine(tokenised: string): boolean {
  return MUTUAL(tokenised);
}

const NAME_CAPTURES = LANGUAGES.flatMap((lang) => [
  ...PACKS[lang].headings,
  ...PACKS[lang].buttons,
]).flatMap((template) => compileCapture(template) ?? []);

/** The inviter's name as a heading or button gives it ("Jane Doe wants to connect"), if any. */
export function nameInFrameLine(line: string): string | null {
  const text = line.replace(/[\u2018\u2019\u02bc`´]/g, "'");
  for (const pattern of NAME_CAPTURES) {
    const name = pattern.exec(text)?.[1]?.trim();
    if (name) return name;
  }
  return null;
}

/** Any pack's greeting word, as a regular-expression group. */
export const GREETING = alternation(union('greetings'));
/** A greeting in any language, packed or not (greetings.ts): for judging a note's words. */
export const ANY_GREETING = alternation([...union('greetings'), ...GREETINGS_WITHOUT_PACK]);
export const INVITATION_PHRASES = union('invitationPhrases');
export const REMINDER_PHRASES = union('reminderPhrases');
export const ACCEPTED_PHRASES = union('acceptedPhrases');
export const TITLES = new Set(union('titles'));
export const VIA = union('via');
/**
 * Lower-case words of a location, in any pack's language and in the Nordic ones LinkedIn writes
 * counties in ("Göteborg, Västra Götalands län, Sverige", "Bergen, Vestland fylke, Norge").
 */
export const LOCATION_WORDS = new Set([...union('locationWords'), 'län', 'fylke']);
export const PROFILE_WORDS = union('profileWords');
export const ACCEPT_WORDS = union('acceptWords');
export const PITCH_PHRASES = union('pitchPhrases');
export const CONTEXT_CUES = union('contextCues');
export const FILLER_WORDS = union('fillerWords');

/**
 * The language of LinkedIn's frame: the html `lang` attribute when it names a known language,
 * otherwise the language most of the recognised frame lines are in, otherwise the one whose
 * common words occur most in the text.
 */
export function detectLanguage(
  votes: ReadonlyMap<Language, number>,
  htmlLang: string | null,
  anyText: string,
): Language | null {
  const declared = declaredLanguage(htmlLang);
  if (declared) return declared;
  const byFrame = best((lang) => votes.get(lang) ?? 0);
  if (byFrame) return byFrame;
  // Without links: "com" of every linkedin.com address is a Portuguese word.
  const words = anyText
    .slice(0, 20_000)
    .split(/\s+/)
    .filter((word) => !word.includes('://'))
    .join(' ')
    .toLowerCase()
    .split(/[^\p{L}']+/u);
  return best((lang) => words.filter((w) => COMMON_WORDS.get(lang)?.has(w)).length);
}

const COMMON_WORDS = new Map(LANGUAGES.map((lang) => [lang, new Set(PACKS[lang].commonWords)]));

/** The language `<html lang>` names, when there is a pack for it. */
export function declaredLanguage(htmlLang: string | null): Language | null {
  const code = htmlLang?.slice(0, 2);
  return code && Object.hasOwn(PACKS, code) ? (code as Language) : null;
}

function best(score: (lang: Language) => number): Language | null {
  let winner: Language | null = null;
  let top = 0;
  for (const lang of LANGUAGES) {
    const s = score(lang);
    if (s > top) {
      top = s;
      winner = lang;
    }
  }
  return top >= 2 ? winner : null;
}

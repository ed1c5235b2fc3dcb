/**
 * People's names as LinkedIn shows them: the display name cleaned of "via LinkedIn", the first
 * name, and the form to greet someone by. Names in Han, Kana or Hangul are written family name
 * first and are not cut: their first word is a family name.
 */
import { alternation, cutText, singleLine } from '../text.ts';
import { TITLES, VIA } from './languages/index.ts';

/** Longer display names are padding or an attack; nothing longer is worth reading. */
const MAX_NAME_INPUT = 1000;

const VIA_SUFFIX = new RegExp(`\\s+${alternation(VIA)}\\s+LinkedIn$`, 'i');

/**
 * "Jane Doe via LinkedIn" → "Jane Doe". Only the first line of a display name counts: anything
 * after an (encoded) line break is an attempt to smuggle in headers.
 */
export function cleanName(name: string): string {
  return singleLine(cutText(name.split(/[\r\n]/)[0] ?? '', MAX_NAME_INPUT))
    .replace(VIA_SUFFIX, '')
    .replace(/\s+\([^()]*\)$/, ''); // "Jane Doe (Director at X)": a headline, not part of the name
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const NON_CJK_LETTER =
  /(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])\p{L}/u;

/** "佐藤 美咲", "陈静怡", "김민준": a name in a script written family name first, without spaces to cut at. */
export function isCjkName(name: string): boolean {
  return CJK.test(name) && !NON_CJK_LETTER.test(name);
}

/** Credentials and suffixes after a comma ("Jane Doe, PhD", "John Smith, Jr."): not a first name. */
const SUFFIX = /^(?:jr|sr|esq|[ivx]+)\.?$/i;

function isCredential(word: string): boolean {
  return SUFFIX.test(word) || (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

export function isTitle(word: string): boolean {
  return TITLES.has(word.toLowerCase().replace(/\.$/, ''));
}

/**
 * The given name: the part of the name the mail itself uses alone (`givenName`, from LinkedIn's
 * "Accept Mei Ling's invitation" or "- 美咲"), else the first word of the name, skipping titles;
 * "Smith, John" gives "John". A name in a CJK script stays whole, since its first word is the
 * family name.
 */
export function firstNameOf(name: string, givenName: string | null = null): string {
  if (givenName) return givenName;
  if (isCjkName(name)) return name;
  const [before = '', ...after] = name.split(',').map((part) => part.trim());
  const lastFirst =
    after[0] &&
    before.split(/\s+/).length <= 3 &&
    !after.every((part) => part.split(/\s+/).every(isCredential));
  // "Smith, John" is written surname first; "Jane Doe, MBA" carries a credential.
  const given = lastFirst ? (after[0] ?? name) : after.length > 0 && before ? before : name;
  const words = given.split(/\s+/).filter(Boolean);
  return words.find((w) => !isTitle(w)) ?? name;
}

/**
 * The form a reply opens with: the given name, except for names in a CJK script, where a
 * stranger is addressed by the full name (a template per language may add an honorific,
 * "{{greetingName}}様").
 */
export function greetingNameOf(name: string, firstName: string): string {
  return isCjkName(name) ? name : firstName;
}

export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** The form names are compared in: trimmed, NFC, lower case. */
export function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

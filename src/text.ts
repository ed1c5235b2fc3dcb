/** Small text helpers shared by the parser, the classifier and the composer. */

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words or phrases as one regular-expression group, longest first so the longest wins. */
export function alternation(words: readonly string[]): string {
  return `(?:${[...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})`;
}

/** Any of the phrases as whole words: not part of a longer word in any script. */
export function wholePhrases(phrases: readonly string[], flags = 'u'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${alternation(phrases)}(?![\\p{L}\\p{N}])`, flags);
}

/**
 * NFC, one line: control characters (C0 and C1: a Latin-1 misreading turns bytes 0x80-0x9f into
 * C1) and line breaks become spaces. Safe for a header value.
 */
export function singleLine(text: string): string {
  return (
    text
      .normalize('NFC')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must go
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * Bidirectional formatting controls (embeddings, overrides, isolates and the invisible marks):
 * in a stranger's name they reorder what the reader sees ("Jane \u202Eeod" shows as "Jane doe"
 * reversed) in headers, lists and pages. Names and headlines are fine without them.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function stripBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * Characters a terminal acts on instead of showing: C0 controls but the line break (ESC starts
 * the sequences that retitle, clear or rewrite a screen; BEL ends some), DEL, C1 controls (0x9b
 * is a one-byte CSI), the Unicode line and paragraph separators, and bidi controls.
 */
const TERMINAL_CONTROLS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must go
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for a terminal: every control but the line break shown as U+FFFD, so that what a stranger
 * wrote (names, headlines, notes, subjects, reasons) can only be read, never obeyed. The CLI
 * writes all it prints through this (src/terminal/output.ts).
 */
export function forTerminal(text: string): string {
  return text.replace(TERMINAL_CONTROLS, '\ufffd');
}

/**
 * JSON for a terminal: JSON.stringify escapes C0 controls but writes C1, separators and bidi
 * controls as they are; these become \uXXXX escapes, which parse back to the same value.
 */
export function jsonForTerminal(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    TERMINAL_CONTROLS,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The longest names and headlines LinkedIn allows are far shorter: anything longer is padding. */
export const MAX_INLINE_CHARS = 200;

/** Code points that belong to the one before: accents, joiners, variation selectors, skin tones, tags. */
const EXTENDS = /^(?:\p{M}|\u200d|[\ufe00-\ufe0f]|[\u{1f3fb}-\u{1f3ff}]|[\u{e0020}-\u{e007f}])$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;

/**
 * The ends of the user-perceived characters of `text`, up to `limit` characters: a code point,
 * the marks and joiners after it, and a pictograph after a zero-width joiner (👩‍💻). Close to
 * Unicode's grapheme clusters and linear; Intl.Segmenter's steps slow down with the length of the
 * whole string (0.9 s for 2,000 characters of a 180,000-character one).
 */
function* characterEnds(text: string, limit: number): Generator<number> {
  let count = 0;
  let joined = false;
  for (let i = 0; i < text.length; ) {
    const size = (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    const point = text.slice(i, i + size);
    if (i > 0 && !EXTENDS.test(point) && !(joined && PICTOGRAPHIC.test(point))) {
      yield i;
      if (++count === limit) return;
    }
    joined = point === '\u200d';
    i += size;
  }
  yield text.length;
}

/** At most `max` user-perceived characters, never cutting a letter from its accents or an emoji. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = 0;
  for (const end of characterEnds(text, max)) cut = end;
  return text.slice(0, cut);
}

/**
 * A stranger's name or headline, safe for any consumer: one line, no bidi controls, at most 200
 * characters. The parser applies it; the composer applies it again to records written earlier.
 */
export function safeInline(text: string): string {
  return cutText(stripBidi(singleLine(text)), MAX_INLINE_CHARS).trim();
}

/** At most `maxOctets` bytes of UTF-8, cut between characters. */
export function fitOctets(text: string, maxOctets: number): string {
  if (Buffer.byteLength(text) <= maxOctets) return text;
  let cut = 0;
  let octets = 0;
  // A character takes at least one octet: no more characters than that can fit.
  for (const end of characterEnds(text, maxOctets)) {
    octets += Buffer.byteLength(text.slice(cut, end));
    if (octets > maxOctets) break;
    cut = end;
  }
  return text.slice(0, cut);
}

/** The known name a misspelt one most likely meant (a config key, a template variable): a few edits away, any case; else null. */
export function nearest(key: string, known: string[]): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance <= Math.max(1, Math.floor(name.length / 4)) && (!best || distance < best.distance))
      best = { name, distance };
  }
  return best?.name ?? null;
}

/** Levenshtein distance, with a swap of two neighbours counting as one edit. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
    }
  return (rows[a.length] as number[])[b.length] as number;
}

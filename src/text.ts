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

/** The longest names and headlines LinkedIn allows are far shorter: anything longer is padding. */
export const MAX_INLINE_CHARS = 200;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** At most `max` user-perceived characters, never cutting a letter from its accents or an emoji. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  let count = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    if (count === max) break;
    end = index + segment.length;
    count++;
  }
  return text.slice(0, end);
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
  let end = 0;
  let octets = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    octets += Buffer.byteLength(segment);
    if (octets > maxOctets) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

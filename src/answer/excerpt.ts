/**
 * A stranger's answer as a short excerpt: their own words only (the quoted question and a
 * signature dropped), one paragraph, no control or bidi characters, at most 500 characters. Pure.
 * Encoding for a page or a terminal is the job of whoever shows it; this keeps the text plain.
 */
import { cutText, singleLine, stripBidi } from '../text.ts';

export const MAX_EXCERPT_CHARS = 500;

/** "On Mon, 7 Dec 2026 Paul wrote:", "Am … schrieb …:", "Le … a écrit :", "El … escribió:" … */
const QUOTE_INTRO =
  /^(?:on\b.*\bwrote:?|am\b.*\bschrieb.*:|le\b.*\ba [ée]crit\s*:|el\b.*\bescribi[óo]:|il\b.*\bha scritto:|em\b.*\bescreveu:|op\b.*\bschreef.*:|pada\b.*\bmenulis:|-{2,}\s*original message\s*-{2,}|from:\s.*)$/i;

export function excerptOf(text: string | null): string | null {
  if (!text) return null;
  const own: string[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '--' || QUOTE_INTRO.test(line)) break;
    if (line.startsWith('>')) continue;
    own.push(line);
  }
  const plain = stripBidi(singleLine(own.join(' ')));
  const cut = cutText(plain, MAX_EXCERPT_CHARS);
  return cut === ''
    ? null
    : cut.length < plain.length
      ? `${cutText(cut, MAX_EXCERPT_CHARS - 1)}…`
      : cut;
}

/**
 * A text/plain body → its lines and its links, in one pass. A line that holds a URL with a few
 * words of label ("Accept: https://…"), or a short label whose URL stands alone on the next line
 * (or the one after a blank line), is a link line, as LinkedIn writes its buttons in text parts.
 */
import type { ParseBudget } from './budget.ts';
import { type Line, normalizeSpace } from './htmlLines.ts';
import { type LabelledLink, unwrapGatewayLinksIn } from './links.ts';

export const URL_IN_TEXT = /https?:\/\/[^\s<>"')\]]+/g;
/** A link's label is the text just before it; more than this is a sentence, not a label. */
const MAX_LABEL = 200;

export interface TextPart {
  lines: Line[];
  links: LabelledLink[];
}

export function readTextPart(text: string, budget: ParseBudget): TextPart {
  const rows = text.split(/\r?\n/);
  const lines: Line[] = [];
  const links: LabelledLink[] = [];
  let chars = 0;
  for (let i = 0; i < rows.length; i++) {
    if (i % 256 === 0) budget.check('reading the text part');
    // A gateway's wrapper around a link is read as the link it leads to (links.ts).
    const raw = unwrapGatewayLinksIn(rows[i] ?? '', URL_IN_TEXT);
    let labelStart = 0;
    for (const m of raw.matchAll(URL_IN_TEXT)) {
      const label = raw.slice(Math.max(labelStart, m.index - MAX_LABEL), m.index).trim();
      links.push({ href: m[0].replace(/&amp;/g, '&'), text: label });
      budget.links(links.length);
      labelStart = m.index + m[0].length;
    }
    const line = normalizeSpace(raw);
    chars += line.length;
    budget.text(chars, 'text part');
    lines.push({ text: line, href: null });
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const url = /https?:\/\/\S+/.exec(line.text)?.[0];
    if (url) {
      const rest = line.text.replace(url, '').replace(/[:\s]/g, '');
      line.href = rest === '' ? url : null;
    } else {
      // 2011 layouts put a blank line between a button's label and its URL.
      const next = lines[i + 1]?.text || lines[i + 2]?.text || '';
      const labelOfNext =
        line.text !== '' && line.text.length <= 80 && /^https?:\/\/\S+$/.test(next);
      line.href = labelOfNext ? next : null;
    }
  }
  return { lines, links };
}

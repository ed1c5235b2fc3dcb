/**
 * A text/plain body → its lines and its links, in one pass. A line that holds a URL with a few
 * words of label ("Accept: https://…"), or a short label whose URL stands alone on the next line
 * (or the one after a blank line), is a link line, as LinkedIn writes its buttons in text parts.
 */
import type { ParseBudget } from './budget.ts';
import { type Line, type Link, normalizeSpace } from './htmlLines.ts';
import { unwrapGatewayLinksIn } from './links.ts';

export const URL_IN_TEXT = /https?:\/\/[^\s<>"')\]]+/g;
/** "Label<URL>" or "Label <URL>": one link as HTML-to-text conversions write it. */
const CONVERTED_LINK = /^(\S.{0,199}?)\s*<(https?:\/\/[^\s<>]+)>$/;
/** Longer lines are not tried: a label and one tracked link (the pattern backtracks over the label). */
const MAX_CONVERTED_LINE = 4000;
/** A link's label is the text just before it; more than this is a sentence, not a label. */
const MAX_LABEL = 200;

export interface TextPart {
  lines: Line[];
  links: Link[];
}

export function readTextPart(text: string, budget: ParseBudget): TextPart {
  const rows = text.split(/\r?\n/);
  const lines: Line[] = [];
  const links: Link[] = [];
  let chars = 0;
  for (let i = 0; i < rows.length; i++) {
    if (i % 256 === 0) budget.check('reading the text part');
    // A gateway's wrapper around a link is read as the link it leads to (links.ts).
    const raw = unwrapGatewayLinksIn(rows[i] ?? '', URL_IN_TEXT);
    let labelStart = 0;
    for (const m of raw.matchAll(URL_IN_TEXT)) {
      const label = raw
        .slice(Math.max(labelStart, m.index - MAX_LABEL), m.index)
        .replace(/<$/, '')
        .trim();
      links.push({ href: m[0].replace(/&amp;/g, '&'), text: label, line: i });
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
    const converted =
      line.text.endsWith('>') && line.text.length <= MAX_CONVERTED_LINE
        ? CONVERTED_LINK.exec(line.text)
        : null;
    const url = /https?:\/\/\S+/.exec(line.text)?.[0];
    if (converted?.[1] && converted[2]) {
      // "Jane Doe<https://…>": a link as an HTML-to-text conversion writes it (a gateway that
      // dropped the HTML, Outlook): the line reads as its label, linked.
      line.text = converted[1];
      line.href = converted[2];
    } else if (url) {
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

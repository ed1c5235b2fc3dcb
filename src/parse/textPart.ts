/**
 * A text/plain body → its lines and its links, in one pass. A line that holds a URL with a few
 * words of label ("Accept: https://…"), or a short label whose URL stands alone on the next line
 * (or the one after a blank line), is a link line, as LinkedIn writes its buttons in text parts.
 */
import { MAX_TEXT_CHARS, type ParseBudget } from './budget.ts';
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
  const split = text.split(/\r?\n/);
  // A text part past the limit is refused below, row by row; its rows are not joined first.
  const rows = text.length > MAX_TEXT_CHARS ? split : unwrapped(split);
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
      // 2011 layouts put a blank line between a button's label and its URL; an HTML-to-text
      // conversion may put the URL, in angle brackets, on the line under its label.
      const next = lines[i + 1]?.text || lines[i + 2]?.text || '';
      const alone = /^<?(https?:\/\/[^\s<>]+)>?$/.exec(next)?.[1];
      line.href = line.text !== '' && line.text.length <= 80 && alone ? alone : null;
    }
  }
  return { lines, links };
}

/** Text parts wrapped by a gateway or a client at a width of 60 to 80 characters. */
const WRAP_WIDTHS = { min: 60, max: 80 };
/** A wrapped line of prose is filled to within this of the width. */
const PROSE_SLACK = 15;
/** A piece of a URL: URL characters, at least one of them not a letter, and no label's colon at the end. */
const URL_PIECE = /^(?=[^\s]*[/?=&%._~#\d-])[A-Za-z0-9\-._~%!$&'()*+,;=:@/?#[\]]*[^:\s]$/;

/**
 * The rows of a text part that something wrapped hard at a fixed width (a gateway that turned the
 * HTML into text, an old client), joined back: a URL broken into pieces of exactly the width, and
 * a sentence broken where it reached the width. LinkedIn's own text parts hold URLs of hundreds of
 * characters on one line, so they are never taken for wrapped. A row ending a sentence, a blank
 * row, or a row holding a URL starts a line of its own: those ends are the writer's.
 */
function unwrapped(rows: string[]): string[] {
  let width = 0;
  let full = 0;
  for (const row of rows) {
    if (row.length > width) [width, full] = [row.length, 0];
    if (row.length === width) full++;
  }
  if (width < WRAP_WIDTHS.min || width > WRAP_WIDTHS.max || full < 2) return rows;
  const out: string[] = [];
  // Whether the line being built ends inside a URL: known as rows are added, never searched for.
  let inUrl = false;
  rows.forEach((row, i) => {
    const previous = rows[i - 1] ?? '';
    const joined = out.length > 0 && joinsAbove(previous, row, width, inUrl);
    if (!joined) {
      out.push(row);
      inUrl = endsInUrl(row);
      return;
    }
    const glue = inUrl ? '' : ' ';
    out[out.length - 1] = `${out[out.length - 1]}${glue}${inUrl ? row : row.trimStart()}`;
    if (!inUrl) inUrl = endsInUrl(row);
    else if (row.length < width || row.endsWith('>')) inUrl = false;
  });
  return out;
}

/** Whether the row's last word opens a URL (not closed by ">"). */
function endsInUrl(row: string): boolean {
  const last = row.slice(row.lastIndexOf(' ') + 1);
  return /^<?https?:\/\//.test(last) && !last.endsWith('>');
}

/** Whether the row goes on the line above, whose last row (`previous`) was broken at the width. */
function joinsAbove(previous: string, row: string, width: number, inUrl: boolean): boolean {
  if (row.trim() === '' || previous.trim() === '') return false;
  // A URL piece fills the width (nothing to break at); its last piece is shorter.
  if (inUrl) return previous.length === width && URL_PIECE.test(row);
  return (
    previous.length >= width - PROSE_SLACK && !/[.!?:;]$/.test(previous) && !/https?:\/\//.test(row)
  );
}

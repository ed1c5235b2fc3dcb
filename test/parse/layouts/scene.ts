// What the variant generator's families (invite2026, redesign, heldout) render: one scene (who
// invites whom, the note, the people LinkedIn adds around the invitation) and the layout axes,
// each of which changes only the markup, never who wrote what. The markup helpers here build the
// blocks the way mail builders do: tables, divs, <p> or <br>, buttons in one cell or several.
import { escapeHtml, type Person, type Recipient } from './render.ts';

export interface Axes {
  /** How the lines of a block are set: one table row each, one div each, one <p> each, or <br>. */
  nest: 'table' | 'div' | 'p' | 'br';
  /** Extra tables or divs around each block (per block, cycled). */
  wrappers: number[];
  wrapper: 'table' | 'div';
  /** Two buttons each in a cell, both in one cell with nothing between (reads "AcceptView profile"), or spans in one line. */
  buttons: 'cells' | 'one-cell' | 'spans';
  parts: 'both' | 'text' | 'html';
  encoding: 'base64' | 'quoted-printable' | '8bit';
  flowed: boolean;
  /** The hidden preheader: the note, the note cut short, LinkedIn's heading, or none. */
  preheader: 'note' | 'cut' | 'heading' | 'none';
  /** What pads the preheader: U+034F with zero-width characters, or nothing. */
  padding: boolean;
  /** Cards of other people under "More people you may know" (0: no such block). */
  pymk: number;
  /** "Get the new LinkedIn desktop app" / "Also available on mobile". */
  promo: boolean;
  /** A block with another pending invitation and its "Accept invitation to connect" button. */
  pending: boolean;
  /** The footer sentences in this order (a permutation of their indexes). */
  footerOrder: number[];
  /** All footer sentences in one paragraph. */
  footerJoined: boolean;
  /** The note's paragraphs as <p> each, or one element with <br><br>. */
  noteParagraphs: 'p' | 'br';
  /** The inviter's name link: the 2025 header slot or the 2022 hero slot. */
  nameSlot: 'header-0-profile_glimmer' | 'hero-3-prof%7Ename';
}

export interface SceneNote {
  paragraphs: string[];
  quote: readonly [string, string] | null;
}

export interface Scene {
  lang: string;
  inviter: Person;
  recipient: Recipient & { vanity: string };
  note: SceneNote | null;
  mutual: number | null;
  /** A line LinkedIn added to the card under the inviter's, in wording no pack knows. */
  cardLine?: string;
  /** Other people: the "More people you may know" cards and the other pending invitation. */
  others: Person[];
  invitationId: string;
  sharedKey: string;
  axes: Axes;
}

export interface Mail {
  from: { name: string; address: string };
  subject: string;
  template: string;
  text: string | null;
  html: string | null;
}

export function noteAsText(note: SceneNote, gap: boolean): string {
  const body = note.paragraphs.join(gap ? '\n\n' : '\n');
  return note.quote ? `${note.quote[0]}${body}${note.quote[1]}` : body;
}

export function noteAsHtml(note: SceneNote, style: Axes['noteParagraphs']): string {
  const [open, close] = note.quote ? note.quote.map(escapeHtml) : ['', ''];
  if (style === 'br')
    return `<p class="note">${open}${note.paragraphs.map(escapeHtml).join('<br><br>')}${close}</p>`;
  const last = note.paragraphs.length - 1;
  return note.paragraphs
    .map(
      (p, i) =>
        `<p class="note">${i === 0 ? open : ''}${escapeHtml(p)}${i === last ? close : ''}</p>`,
    )
    .join('');
}

/** LinkedIn's tracking parameters for one link slot of a template. */
export function trk(template: string, slot: string): string {
  return `midToken=AQGd8kq2Lw0zCA&midSig=1qPc5vZkXz2b3&trk=eml-${template}-${slot}&trkEmail=eml-${template}-${slot}-null-8wq1lx%7Emf3kz1b2%7Ejd&lipi=urn%3Ali%3Apage%3Aemail_${template}%3BqV3d0F4hQh2x9c%2FzU1r8Yg%3D%3D`;
}

export function profileUrl(vanity: string, template: string, slot: string): string {
  return `https://www.linkedin.com/comm/in/${encodeURIComponent(vanity)}?${trk(template, slot)}`;
}

export function href(url: string): string {
  return url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

export function link(url: string, label: string, attrs = ''): string {
  return `<a href="${href(url)}" target="_blank"${attrs}>${escapeHtml(label)}</a>`;
}

/** One block: its lines set as the axes say, inside `depth` extra wrappers. */
export function block(lines: string[], axes: Axes, index: number): string {
  const kept = lines.filter(Boolean);
  let out: string;
  switch (axes.nest) {
    case 'table':
      out = `<table role="presentation" cellpadding="0" cellspacing="0" width="100%"><tbody>${kept.map((l) => `<tr><td class="text-sm">${l}</td></tr>`).join('')}</tbody></table>`;
      break;
    case 'div':
      out = kept.map((l) => `<div class="text-sm">${l}</div>`).join('');
      break;
    case 'p':
      out = kept.map((l) => `<p class="m-0 text-sm">${l}</p>`).join('');
      break;
    case 'br':
      out = `<div class="text-sm">${kept.join('<br>')}</div>`;
      break;
  }
  const depth = axes.wrappers[index % axes.wrappers.length] ?? 0;
  for (let i = 0; i < depth; i++) {
    out =
      axes.wrapper === 'table'
        ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tbody><tr><td class="w${i}">${out}</td></tr></tbody></table>`
        : `<div class="wrap-${i}">${out}</div>`;
  }
  return out;
}

/** A button as LinkedIn builds them: a link around a table around a link. */
export function buttonHtml(url: string, label: string): string {
  const h = href(url);
  return `<a href="${h}" aria-label="${escapeHtml(label)}" style="text-decoration:none"><table role="presentation" cellpadding="0" cellspacing="0"><tbody><tr><td class="btn-primary"><a href="${h}" tabindex="-1"><span>${escapeHtml(label)}</span></a></td></tr></tbody></table></a>`;
}

/** Two or more buttons side by side, in the way the axis says. */
export function buttons(pairs: [string, string][], axes: Axes): string {
  switch (axes.buttons) {
    case 'cells':
      return `<table role="presentation"><tbody><tr>${pairs.map(([u, l]) => `<td class="pr-1">${buttonHtml(u, l)}</td>`).join('')}</tr></tbody></table>`;
    case 'one-cell':
      return `<table role="presentation"><tbody><tr><td class="btns">${pairs.map(([u, l]) => `<a href="${href(u)}" class="btn">${escapeHtml(l)}</a>`).join('')}</td></tr></tbody></table>`;
    case 'spans':
      return `<p class="btns">${pairs.map(([u, l]) => `<span class="btn"><a href="${href(u)}">${escapeHtml(l)}</a></span>`).join('&nbsp;&nbsp;')}</p>`;
  }
}

const PADDING = '\u034f\u200c\u00a0\u200b\u034f\u200c\u00a0\u2007\u00ad'.repeat(24);

/** The HTML page: the hidden preheader (maybe padded), then the 512px table of blocks. */
export function page(lang: string, blocks: string[], preheader: string | null, axes: Axes): string {
  const hidden =
    preheader === null
      ? ''
      : `<div class="hidden" style="display:none;max-height:0;overflow:hidden;opacity:0" data-email-preheader="true">${escapeHtml(preheader)}${axes.padding ? PADDING : ''}</div>`;
  const rows = blocks
    .filter(Boolean)
    .map((b) => `<tr><td class="px-3">${b}</td></tr>`)
    .join('\n');
  return `<!DOCTYPE html><html lang="${lang}" xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width"><style>.btn{color:#fff;background:#0a66c2}</style></head><body style="margin:0">${hidden}<table role="presentation" width="512" align="center" cellpadding="0" cellspacing="0"><tbody>\n${rows}\n</tbody></table></body></html>`;
}

/** The preheader text the axis asks for. */
export function preheaderText(scene: Scene, heading: string): string | null {
  const { preheader } = scene.axes;
  if (preheader === 'none') return null;
  if (preheader === 'heading' || !scene.note) return heading;
  const text = noteAsText(scene.note, false).replace(/\n/g, ' ');
  return preheader === 'cut' && text.length > 50 ? `${text.slice(0, 50)}…` : text;
}

/** The footer sentences in the axis's order, as one paragraph or one block each. */
export function footer(sentences: string[], axes: Axes): string[] {
  const ordered = axes.footerOrder.map((i) => sentences[i]).filter((s): s is string => !!s);
  return axes.footerJoined ? [`<p class="footer">${ordered.join(' ')}</p>`] : ordered;
}

/** Text-part blocks separated by blank lines. */
export function textBlocks(blocks: (string | null | false)[]): string {
  return `${blocks.filter((b): b is string => !!b).join('\n\n')}\n`;
}

/** "Senior iOS Developer @ Northwind | Swift, SwiftUI…": headlines cut as the 2024-2026 cards cut them. */
export function cutHeadline(headline: string, at = 38): string {
  return headline.length > at ? `${headline.slice(0, at).trimEnd()}…` : headline;
}

// What the layout-mutation tests generate: one invitation (who, what note, where it sits, what
// LinkedIn renamed or wrapped) and the pieces of markup every family renders it with.
import MailComposer from 'nodemailer/lib/mail-composer';

export interface Person {
  name: string;
  first: string;
  headline: string;
  location: string | null;
  vanity: string;
}

export interface Recipient {
  name: string;
  first: string;
  address: string;
  headline: string;
}

export interface PlantedNote {
  paragraphs: string[];
  /** Typographic quotes around the whole note, as some people type it. */
  quote: readonly [string, string] | null;
}

export interface Variant {
  lang: string;
  inviter: Person;
  recipient: Recipient;
  note: PlantedNote | null;
  /** Index into the family's places for the note. */
  place: number;
  /** HTML: the note in the same cell as LinkedIn's greeting, as in 2016 ("Hi Nora, …"). */
  inline: boolean;
  /** LinkedIn's greeting line ("Hi Nora,"), in families that have one. */
  greeting: boolean;
  mutual: { count: number; form: number } | null;
  /** New labels for the accept and the profile buttons, or null to keep LinkedIn's. */
  rename: readonly [string | null, string | null];
  /** Extra wrapper elements around each block of the HTML (per block, cycled). */
  wrappers: number[];
  wrapper: 'table' | 'div';
  parts: 'both' | 'text' | 'html';
  /** The hidden preheader, in families that have one: the note (maybe cut short), or LinkedIn's heading. */
  preheader: 'full' | 'cut' | 'none';
  /** Blank lines between the paragraphs of the note in the text part (0: one line each). */
  paragraphGap: 0 | 1;
}

export interface Rendered {
  from: { name: string; address: string };
  subject: string;
  template: string;
  text: string | null;
  html: string | null;
}

/** The planted note as it appears in a text part (paragraphs, quotes). */
export function noteText(note: PlantedNote, gap: 0 | 1): string {
  const body = note.paragraphs.join(gap ? '\n\n' : '\n');
  return note.quote ? `${note.quote[0]}${body}${note.quote[1]}` : body;
}

/** The planted note as HTML: paragraphs as <br><br> in one element, escaped. */
export function noteHtml(note: PlantedNote): string {
  const body = note.paragraphs.map(escapeHtml).join('<br><br>');
  return note.quote ? `${escapeHtml(note.quote[0])}${body}${escapeHtml(note.quote[1])}` : body;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A block of HTML inside `depth` extra tables or divs, as mail builders wrap things. */
export function wrap(html: string, depth: number, kind: Variant['wrapper']): string {
  let out = html;
  for (let i = 0; i < depth; i++) {
    out =
      kind === 'table'
        ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tbody><tr><td class="w${i}">${out}</td></tr></tbody></table>`
        : `<div class="wrap-${i}">${out}</div>`;
  }
  return out;
}

/** HTML blocks, each in its own table row, each with its own wrappers. */
export function htmlBody(
  v: Variant,
  lang: string,
  blocks: string[],
  preheader: string | null,
): string {
  const rows = blocks
    .filter(Boolean)
    .map(
      (block, i) =>
        `<tr><td class="px-3">${wrap(block, v.wrappers[i % v.wrappers.length] ?? 0, v.wrapper)}</td></tr>`,
    )
    .join('\n');
  const hidden = preheader
    ? `<div class="h-0 opacity-0 invisible overflow-hidden max-h-[0]" data-email-preheader="true">${escapeHtml(preheader)}</div><div class="invisible">${'\u034f '.repeat(40)}</div>`
    : '';
  return `<html lang="${lang}"><head><meta charset="utf-8"><style>.x{color:#000}</style></head><body>${hidden}<table role="presentation" width="512" align="center"><tbody>\n${rows}\n</tbody></table></body></html>`;
}

/** Text-part blocks separated by blank lines. */
export function textBody(blocks: (string | null)[]): string {
  return `${blocks.filter((b) => b !== null && b !== '').join('\n\n')}\n`;
}

export interface Links {
  accept: string;
  profile: string;
  unsubscribe: string;
  help: string;
  learn: string;
  home: string;
  recipientProfile: string;
}

/** LinkedIn's links for one invitation, with its tracking parameters. */
export function linksFor(v: Variant, template: string, id: string): Links {
  const trk = (part: string) =>
    `midToken=AQFvGq8n2Zx1cw&midSig=2LCThfl69pB3b3&trk=eml-${template}-${part}&trkEmail=eml-${template}-${part}-null-3qk81d%7Ekh1r6ww0%7E9n&lipi=urn%3Ali%3Apage%3Aemail_${template}%3BX53PNoVwWQQSD5OWwdGQWg%3D%3D`;
  return {
    accept: `https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/${id}/sharedKey/MBQCn-U9/?${trk('hero-2-accept%7Ecta')}`,
    profile: `https://www.linkedin.com/comm/in/${v.inviter.vanity}?${trk('hero-3-prof%7Ecta')}`,
    unsubscribe: `https://www.linkedin.com/comm/psettings/email-unsubscribe?${trk('unsub')}`,
    help: `https://www.linkedin.com/help/linkedin/answer/67?${trk('footer-0-help')}`,
    learn: `https://www.linkedin.com/help/linkedin/answer/4788?${trk('SecurityHelp-0-textfooterglimmer')}`,
    home: `https://www.linkedin.com/comm/feed/?${trk('header-0-home_glimmer')}`,
    recipientProfile: `https://www.linkedin.com/comm/in/recipient-7b2a1c4?${trk('header-0-profile_glimmer')}`,
  };
}

export function a(href: string, label: string): string {
  return `<a href="${href.replace(/&/g, '&amp;')}" target="_blank">${escapeHtml(label)}</a>`;
}

/** A button as LinkedIn builds them: a link around a table around a link. */
export function button(href: string, label: string): string {
  const h = href.replace(/&/g, '&amp;');
  return `<a href="${h}" aria-label="${escapeHtml(label)}"><table role="presentation"><tbody><tr><td class="btn"><a href="${h}" tabindex="-1"><span> ${escapeHtml(label)} </span></a></td></tr></tbody></table></a>`;
}

/** The raw message: MIME, transfer encodings and encoded words by nodemailer. */
export async function buildMail(v: Variant, r: Rendered, seq: number): Promise<Buffer> {
  const composer = new MailComposer({
    from: r.from,
    to: [{ name: v.recipient.name, address: v.recipient.address }],
    subject: r.subject,
    date: new Date('2026-03-10T09:30:00Z'),
    messageId: `<${1_000_000_000 + seq}.${seq}.1770715800000.JavaMail.app@lva1-app6790.prod.linkedin.com>`,
    text: v.parts === 'html' ? undefined : (r.text ?? undefined),
    html: v.parts === 'text' ? undefined : (r.html ?? undefined),
    headers: { 'X-LinkedIn-Template': r.template, 'X-LinkedIn-Class': 'EMAIL-DEFAULT' },
  });
  return composer.compile().build();
}

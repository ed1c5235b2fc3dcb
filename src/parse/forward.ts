/**
 * The invitation inside a forward. A forward is a person's mail; what it carries is read as
 * LinkedIn's only when it presents itself as LinkedIn's and was sent to the person the forward is
 * sent to: the user passing on their own invitation from another of their addresses (or someone
 * passing on the user's). A colleague's own invitation passed on is theirs, not the user's.
 *
 * - Attached whole (message/rfc822): read as a message of its own, whose own DKIM signature can
 *   prove it (the forward's headers say nothing about it).
 * - Quoted inline, below the forwarding client's header block ("From: … <invitations@linkedin.com>",
 *   "Subject: …", "To: …"): only the lines below the block are the original, and nothing can
 *   prove them. The forwarder's own words above the block are never the inviter's note.
 */
import { UnparseableMessageError } from '../errors.ts';
import { claimsLinkedIn } from './authenticity.ts';
import type { ParseBudget } from './budget.ts';
import type { HtmlContent, Line, Link } from './htmlLines.ts';
import { cleanName, sameName } from './names.ts';
import { type Address, type MailInput, readMessage } from './readMessage.ts';
import type { TextPart } from './textPart.ts';

/** The renderings of a mail, read. */
export interface Views {
  text: TextPart | null;
  html: HtmlContent | null;
}

/** The user's invitation a forward attached whole, with the bytes its signature covers. */
export async function attachedOriginal(
  outer: MailInput,
  budget: ParseBudget,
  maxBytes?: number,
): Promise<{ mail: MailInput; raw: Buffer } | null> {
  for (const raw of outer.attachedMessages) {
    let mail: MailInput;
    try {
      mail = await budget.race(readMessage(raw, maxBytes), 'reading an attached message');
    } catch (err) {
      if (err instanceof UnparseableMessageError) continue; // not an email: no original
      throw err;
    }
    if (usersInvitation(mail, outer)) return { mail, raw };
  }
  return null;
}

/**
 * The user's invitation a forward quotes: the headers its client's block gives, and the rendering
 * cut below that block. A forward written in HTML carries the original's markup, and its text part
 * is the client's own rendering of it (which hidden text it shows, where it puts links and
 * images), not LinkedIn's text part: so the HTML is read where the block is found in it, and the
 * text otherwise (a text-only forward, or a client whose block is a table, as Thunderbird's).
 */
export function quotedOriginal(
  outer: MailInput,
  views: Views,
): { mail: MailInput; views: Views } | null {
  const inHtml = views.html && quotedHeaders(views.html.lines, outer);
  if (views.html && inHtml)
    return { mail: inHtml.mail, views: { text: null, html: below(views.html, inHtml.end) } };
  const inText = views.text && quotedHeaders(views.text.lines, outer);
  if (views.text && inText)
    return { mail: inText.mail, views: { text: below(views.text, inText.end), html: null } };
  return null;
}

/** Date and Cc are read only as lines of the block: the original's date is of no use. */
type Field = 'from' | 'to' | 'cc' | 'subject' | 'date';

/** The field names of forwarding clients' header blocks (Gmail, Outlook, Apple Mail, Thunderbird), in the packs' languages. */
const FIELDS: Record<string, Field> = Object.fromEntries(
  Object.entries({
    from: ['from', 'von', 'de', 'da', 'van', 'dari'],
    to: ['to', 'an', 'à', 'a', 'para', 'aan', 'kepada'],
    cc: ['cc'],
    subject: ['subject', 'betreff', 'objet', 'asunto', 'assunto', 'oggetto', 'onderwerp', 'subjek'],
    date: [
      'date',
      'sent',
      'datum',
      'gesendet',
      'envoyé',
      'fecha',
      'enviado',
      'enviada',
      'data',
      'inviato',
      'verzonden',
      'tanggal',
    ],
  }).flatMap(([field, labels]) => labels.map((label) => [label, field as Field])),
);
/** "From: …", "*From:* …" (a bold label turned to text), "De : …" (French spacing). */
const FIELD_LINE = /^\*?(\p{L}{1,12})\s?:\*?\s*(.*)$/u;
/** A header line is at most 998 characters (RFC 5322): a longer one is no client's block. */
const MAX_FIELD_LINE = 998;

/** The first header block, of consecutive field lines, that quotes the user's invitation. */
function quotedHeaders(lines: Line[], outer: MailInput): { mail: MailInput; end: number } | null {
  let fields = new Map<Field, string>();
  for (let i = 0; i <= lines.length; i++) {
    const text = lines[i]?.text ?? '';
    const match = text.length <= MAX_FIELD_LINE ? FIELD_LINE.exec(text) : null;
    const field = match?.[1] ? FIELDS[match[1].toLowerCase()] : undefined;
    if (match && field) {
      if (!fields.has(field)) fields.set(field, match[2] ?? '');
      continue;
    }
    const mail = fields.size > 0 ? quotedMail(fields) : null;
    if (mail && usersInvitation(mail, outer)) return { mail, end: i };
    fields = new Map();
  }
  return null;
}

function quotedMail(fields: Map<Field, string>): MailInput | null {
  const [from, to, subject] = [fields.get('from'), fields.get('to'), fields.get('subject')];
  if (from === undefined || to === undefined || subject === undefined) return null;
  return {
    from: quotedAddress(from),
    replyTo: [],
    to: [quotedAddress(to)],
    subject: subject || null,
    // A quoted copy has no headers of its own: no id, no LinkedIn header, no server's verdict.
    messageId: null,
    date: null,
    headers: new Map(),
    text: null,
    html: null,
    attachedMessages: [],
  };
}

/**
 * "Jane Doe <jane@x>", "Jane Doe [mailto:jane@x]" (Outlook), "jane@x", or a name alone. One "@"
 * in the address, so that the pattern cannot backtrack over a hostile "a@a@a@…".
 */
function quotedAddress(value: string): Address {
  const bracketed = /^(.*?)\s*[<[](?:mailto:)?([^\s<>[\]@]+@[^\s<>[\]@]+)[>\]]$/i.exec(value);
  const bare = /^[^\s<>@]+@[^\s<>@]+$/.test(value);
  const name = (bracketed ? (bracketed[1] ?? '') : bare ? '' : value).replace(/^"|"$/g, '');
  const address = bracketed ? (bracketed[2] ?? null) : bare ? value : null;
  return { name: name.trim(), address: address?.toLowerCase() ?? null };
}

/** It presents itself as LinkedIn's and went to whom the forward goes, by address or name. */
function usersInvitation(original: MailInput, outer: MailInput): boolean {
  const to = original.to[0];
  if (!to || !claimsLinkedIn(original)) return false;
  return outer.to.some(
    (r) =>
      (to.address !== null && r.address === to.address) ||
      (to.name !== '' && r.name !== '' && sameName(cleanName(to.name), cleanName(r.name))),
  );
}

/** The lines from `at` on, with the links that stand on them. */
function below<T extends { lines: Line[]; links: Link[] }>(view: T, at: number): T {
  return {
    ...view,
    lines: view.lines.slice(at),
    links: view.links.filter((l) => l.line >= at).map((l) => ({ ...l, line: l.line - at })),
  };
}

/**
 * A draft's source → the message to send: our bookkeeping header and any Bcc header removed
 * (Bcc recipients stay in the envelope), the Date set to the moment of sending. Everything else,
 * including the user's edits and the threading headers, is sent as it stands.
 */
import { type AddressObject, simpleParser } from 'mailparser';
import { INVITATION_HEADER } from '../draft/headers.ts';

export interface OutgoingMessage {
  raw: Buffer;
  from: string | null;
  recipients: string[];
  messageId: string | null;
  subject: string;
  text: string;
}

const DROPPED = new Set([INVITATION_HEADER.toLowerCase(), 'bcc']);

export async function prepareOutgoing(source: Buffer, now: Date): Promise<OutgoingMessage> {
  const parsed = await simpleParser(source, { skipHtmlToText: true, skipImageLinks: true });
  const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
    (Array.isArray(field) ? field : field ? [field] : [])
      .flatMap((a) => a.value)
      .map((a) => a.address ?? '')
      .filter((a) => a !== '');
  const recipients = [
    ...new Set([...addresses(parsed.to), ...addresses(parsed.cc), ...addresses(parsed.bcc)]),
  ];
  return {
    raw: rewriteHeaders(source, now),
    from: addresses(parsed.from)[0] ?? null,
    recipients,
    messageId: parsed.messageId ?? null,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
  };
}

/** Drops our header and Bcc, and replaces Date; the body bytes are untouched. */
export function rewriteHeaders(source: Buffer, now: Date): Buffer {
  const text = source.toString('latin1'); // byte-preserving
  const end = /\r?\n\r?\n/.exec(text);
  const headerEnd = end ? end.index : text.length;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const fields = text
    .slice(0, headerEnd)
    .split(/\r?\n(?![ \t])/)
    .filter((field) => field.trim() !== '');
  const kept = fields.filter((f) => {
    const name = f.slice(0, f.indexOf(':')).trim().toLowerCase();
    return !DROPPED.has(name) && name !== 'date';
  });
  kept.unshift(`Date: ${now.toUTCString().replace('GMT', '+0000')}`);
  const rest = end ? text.slice(headerEnd) : `${eol}${eol}`;
  return Buffer.from(kept.join(eol) + rest, 'latin1');
}

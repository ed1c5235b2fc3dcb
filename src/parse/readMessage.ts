/**
 * Raw bytes → the few parts of a message the parser looks at. MIME, charsets and transfer
 * encodings are mailparser's job; we skip its HTML-to-text step (slow on LinkedIn's large HTML)
 * and read the HTML ourselves. Input over the size cap or without any header is refused with an
 * UnparseableMessageError that says why.
 */
import { type AddressObject, simpleParser } from 'mailparser';
import { UnparseableMessageError } from '../errors.ts';

export interface Address {
  name: string;
  address: string | null;
}

export interface MailInput {
  from: Address | null;
  replyTo: Address[];
  to: Address[];
  subject: string | null;
  messageId: string | null;
  date: Date | null;
  /** Raw header values by lower-case name, in message order (topmost first). */
  headers: Map<string, string[]>;
  text: string | null;
  html: string | null;
  /** The bytes of each message attached whole (message/rfc822): what a forward may carry. */
  attachedMessages: Buffer[];
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export async function readMessage(raw: Buffer, maxBytes = DEFAULT_MAX_BYTES): Promise<MailInput> {
  if (raw.length === 0) throw new UnparseableMessageError('empty message');
  if (raw.length > maxBytes) {
    throw new UnparseableMessageError(
      `message is ${raw.length} bytes, over the ${maxBytes}-byte limit`,
    );
  }
  if (!looksLikeHeaders(raw)) throw new UnparseableMessageError('no email headers found');
  let parsed = await parse(raw);
  if (
    [parsed.text, parsed.html].some((t) => typeof t === 'string' && t.includes('\ufffd')) &&
    !isUtf8(raw)
  ) {
    // Declared UTF-8 but written in Latin-1 (old clients, broken gateways): read it as Windows-1252.
    parsed = await parse(
      Buffer.from(
        raw.toString('latin1').replace(/charset=("?)utf-?8\1/gi, 'charset=$1windows-1252$1'),
        'latin1',
      ),
    );
  }
  if (!parsed.from && !parsed.subject && !parsed.date && !parsed.messageId) {
    throw new UnparseableMessageError('no From, Subject, Date or Message-ID header');
  }
  const headers = new Map<string, string[]>();
  for (const line of parsed.headerLines) {
    const value = line.line
      .slice(line.line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    headers.set(line.key, [...(headers.get(line.key) ?? []), nfc(value)]);
  }
  // Everything leaves here in NFC, so whatever the parser copies out is NFC too.
  return {
    from: addresses(parsed.from)[0] ?? null,
    replyTo: addresses(parsed.replyTo),
    to: addresses(parsed.to),
    subject: nfc(parsed.subject?.trim()) || null,
    messageId: nfc(parsed.messageId) || null,
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    headers,
    text: typeof parsed.text === 'string' && parsed.text.trim() ? nfc(parsed.text) : null,
    html: typeof parsed.html === 'string' && parsed.html.trim() ? nfc(parsed.html) : null,
    attachedMessages: parsed.attachments
      .filter((a) => a.contentType === 'message/rfc822')
      .map((a) => a.content),
  };
}

async function parse(raw: Buffer) {
  try {
    return await simpleParser(raw, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
    });
  } catch (err) {
    throw new UnparseableMessageError(
      `not a readable email: ${err instanceof Error ? err.message : String(err)}`,
      err,
    );
  }
}

function isUtf8(raw: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(raw);
    return true;
  } catch {
    return false;
  }
}

/** True when the first line is a header field ("Name: value"), as in every email. */
function looksLikeHeaders(raw: Buffer): boolean {
  const head = raw.subarray(0, 1000).toString('latin1');
  return /^(?:From [^\r\n]*\r?\n)?[!-9;-~]+:/.test(head);
}

function nfc(text: string | undefined): string {
  return text ? text.normalize('NFC') : '';
}

function addresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((group) =>
    group.value.flatMap((entry) => {
      const members = entry.group ?? [entry];
      return members.map((m) => ({
        name: nfc(m.name),
        address: nfc(m.address?.toLowerCase()) || null,
      }));
    }),
  );
}

// Raw messages built by hand for the layout-variant generator (variants.ts), so that the transfer
// encoding of each part is an axis of its own: base64, quoted-printable or 8bit, a text part in
// format=flowed, the text part or the HTML missing. nodemailer's MailComposer (render.ts) picks
// encodings itself and never writes 8bit or format=flowed, which real clients and relays do.
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';

export type Encoding = 'base64' | 'quoted-printable' | '8bit';

export interface MimeMessage {
  from: { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  date: Date;
  messageId: string;
  /** Extra header fields in order: Authentication-Results, X-LinkedIn-*, List-Unsubscribe. */
  headers: [string, string][];
  text: string | null;
  html: string | null;
  encoding: Encoding;
  /** The text part as format=flowed (RFC 3676): long lines broken with a trailing space. */
  flowed: boolean;
}

/** An RFC 2047 encoded word when the value is not plain ASCII. */
export function encodedWord(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function mailbox(m: { name: string; address: string }): string {
  const name = encodedWord(m.name);
  const quoted = name === m.name ? `"${m.name.replace(/["\\]/g, '\\$&')}"` : name;
  return `${quoted} <${m.address}>`;
}

/** RFC 3676 flowed text: lines over 76 characters broken after a space, stuffed where needed. */
export function flowedText(text: string): string {
  const out: string[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    let rest = line.replace(/ +$/, '');
    while (rest.length > 76) {
      const cut = rest.lastIndexOf(' ', 76);
      if (cut <= 0) break;
      out.push(stuffed(rest.slice(0, cut + 1)));
      rest = rest.slice(cut + 1);
    }
    out.push(stuffed(rest));
  }
  return out.join('\r\n');
}

function stuffed(line: string): string {
  return /^( |>|From )/.test(line) ? ` ${line}` : line;
}

function body(content: string, encoding: Encoding): string {
  const crlf = content.replace(/\r?\n/g, '\r\n');
  if (encoding === 'base64')
    return (
      Buffer.from(crlf, 'utf8')
        .toString('base64')
        .match(/.{1,76}/g)
        ?.join('\r\n') ?? ''
    );
  if (encoding === 'quoted-printable') return qpWrap(qpEncode(Buffer.from(crlf, 'utf8')), 76);
  // 8bit still may not carry lines over 998 octets: long lines are broken where HTML ignores it,
  // between tags, then at spaces (the text parts of the generator have no such lines).
  return crlf.split('\r\n').flatMap(short).join('\r\n');
}

function short(line: string): string[] {
  if (Buffer.byteLength(line, 'utf8') <= 900) return [line];
  const out: string[] = [];
  let current = '';
  for (const piece of line.split(/(?<=>)(?=<)|(?<= )/)) {
    if (current && Buffer.byteLength(current + piece, 'utf8') > 900) {
      out.push(current);
      current = '';
    }
    current += piece;
  }
  return [...out, current];
}

function part(type: string, content: string, m: MimeMessage): string {
  const flowed = type === 'text/plain' && m.flowed;
  const text = flowed ? flowedText(content) : content;
  return [
    `Content-Type: ${type}; charset="UTF-8"${flowed ? '; format=flowed' : ''}`,
    `Content-Transfer-Encoding: ${m.encoding}`,
    '',
    body(text, m.encoding),
  ].join('\r\n');
}

export function buildMime(m: MimeMessage, boundary: string): Buffer {
  const head = [
    ...m.headers.map(([k, v]) => `${k}: ${v}`),
    `From: ${mailbox(m.from)}`,
    `To: ${mailbox(m.to)}`,
    `Subject: ${encodedWord(m.subject)}`,
    `Date: ${m.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${m.messageId}`,
    'MIME-Version: 1.0',
  ];
  const parts: [string, string][] = [];
  if (m.text !== null) parts.push(['text/plain', m.text]);
  if (m.html !== null) parts.push(['text/html', m.html]);
  if (parts.length === 1) {
    const [type, content] = parts[0] as [string, string];
    return Buffer.from(`${head.join('\r\n')}\r\n${part(type, content, m)}\r\n`, 'utf8');
  }
  const bodies = parts.map(([type, content]) => `--${boundary}\r\n${part(type, content, m)}`);
  return Buffer.from(
    `${head.join('\r\n')}\r\nContent-Type: multipart/alternative; boundary="${boundary}"\r\n\r\n${bodies.join('\r\n')}\r\n--${boundary}--\r\n`,
    'utf8',
  );
}

// Properties of parseNotification on hostile input: mutated and truncated fixtures, random bytes,
// huge and deeply nested messages. Whatever comes in, it resolves with a clean Notification (one-
// line names and headlines of at most 200 characters, no control or bidi characters) or rejects
// with UnparseableMessageError, within a deadline.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { loadConfig } from '../../src/config/load.ts';
import { UnparseableMessageError } from '../../src/errors.ts';
import { type Notification, parseNotification } from '../../src/parse/parseNotification.ts';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);

function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return emlFiles(path);
    return name.endsWith('.eml') ? [path] : [];
  });
}

const fixtures = emlFiles(root)
  .sort()
  .map((path) => readFileSync(path))
  .filter((raw) => raw.length > 0);

/** One parse may take this long on a slow CI machine; a hang or a quadratic blow-up takes longer. */
const DEADLINE_MS = 3000;
/** Runs per property: the file stays well under 30 s on two cores. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

class DeadlineExceeded extends Error {}

async function withDeadline<T>(work: Promise<T>, ms = DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Every string anywhere in the value, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

function checkNotification(n: Notification): void {
  for (const [path, text] of strings(n)) {
    expect(text.normalize('NFC'), `${path} is NFC`).toBe(text);
  }
  const oneLine = {
    'inviter.name': n.inviter.name,
    'inviter.firstName': n.inviter.firstName,
    'inviter.greetingName': n.inviter.greetingName,
    'inviter.headline': n.inviter.headline,
    'inviter.location': n.inviter.location,
    subject: n.subject,
  };
  for (const [field, text] of Object.entries(oneLine)) {
    if (text !== null) expect(CONTROL.test(text), `${field} ${JSON.stringify(text)}`).toBe(false);
    if (text !== null && field !== 'subject')
      expect([...graphemes.segment(text)].length, field).toBeLessThanOrEqual(200);
  }
  classify(n, rules); // the classifier takes whatever the parser gives
}

/** The property: a clean Notification or an UnparseableMessageError, in time. */
async function parsesOrRefuses(raw: Buffer): Promise<void> {
  let notification: Notification;
  try {
    notification = await withDeadline(parseNotification(raw));
  } catch (err) {
    if (err instanceof UnparseableMessageError) return;
    throw err;
  }
  checkNotification(notification);
}

/** A fixture by index, so a counterexample names it instead of printing its bytes. */
const fixture = fc.integer({ min: 0, max: fixtures.length - 1 });
const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const at = (raw: Buffer, p: number) => Math.floor(p * raw.length);

const CHARSETS = [
  'utf-8',
  'utf8',
  'UTF-7',
  'utf-16',
  'utf-16le',
  'utf-32',
  'iso-8859-1',
  'latin1',
  'windows-1252',
  'cp1252',
  'koi8-r',
  'shift_jis',
  'iso-2022-jp',
  'gb18030',
  'big5',
  'x-unknown',
  'us-ascii',
  '',
  '"',
  'utf-8"; charset="latin1',
];
const charset = fc.oneof(
  fc.constantFrom(...CHARSETS),
  fc.string({ maxLength: 20 }),
  fc.stringMatching(/^[a-z0-9_-]{1,30}$/),
);
const ENCODINGS = ['base64', 'quoted-printable', '7bit', '8bit', 'binary', 'x-uuencode', 'bogus'];
const encoding = fc.oneof(fc.constantFrom(...ENCODINGS), fc.string({ maxLength: 15 }));

const latin1 = (raw: Buffer) => raw.toString('latin1');
const bytes = (text: string) => Buffer.from(text, 'latin1');

/** Header lines of the top-level header block, as [start, end) offsets including the line break. */
function headerLineSpans(text: string): [number, number][] {
  const end = text.search(/\r?\n\r?\n/);
  const spans: [number, number][] = [];
  const re = /[^\r\n]*\r?\n/g;
  for (let m = re.exec(text); m && m.index < (end < 0 ? text.length : end); m = re.exec(text)) {
    spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

type Mutation = (raw: Buffer) => Buffer;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .array(fc.tuple(position, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 })
    .map((flips) => (raw: Buffer) => {
      const copy = Buffer.from(raw);
      for (const [p, byte] of flips) copy[at(copy, p)] = byte;
      return copy;
    }),
  position.map((p) => (raw: Buffer) => raw.subarray(0, at(raw, p))),
  fc.tuple(position, position).map(([a, b]) => (raw: Buffer) => {
    const [from, to] = [at(raw, Math.min(a, b)), at(raw, Math.max(a, b))];
    return Buffer.concat([raw.subarray(0, from), raw.subarray(to)]);
  }),
  fc.tuple(position, fc.integer({ min: 1, max: 50 })).map(([p, times]) => (raw: Buffer) => {
    const text = latin1(raw);
    const spans = headerLineSpans(text);
    const [start, end] = spans[Math.floor(p * spans.length)] ?? [0, 0];
    const line = text.slice(start, end);
    return bytes(text.slice(0, end) + line.repeat(times) + text.slice(end));
  }),
  position.map((p) => (raw: Buffer) => {
    const text = latin1(raw);
    const spans = headerLineSpans(text);
    const [start, end] = spans[Math.floor(p * spans.length)] ?? [0, 0];
    return bytes(text.slice(0, start) + text.slice(end));
  }),
  charset.map((name) => (raw: Buffer) => {
    return bytes(latin1(raw).replace(/charset=("?)[^";\s]*\1/gi, `charset="${name}"`));
  }),
  encoding.map(
    (name) => (raw: Buffer) =>
      bytes(latin1(raw).replace(/(Content-Transfer-Encoding:)[^\r\n]*/gi, `$1 ${name}`)),
  ),
  fc.tuple(position, fc.uint8Array({ minLength: 1, maxLength: 200 })).map(
    ([p, junk]) =>
      (raw: Buffer) =>
        Buffer.concat([raw.subarray(0, at(raw, p)), junk, raw.subarray(at(raw, p))]),
  ),
  fc
    .tuple(position, fc.constantFrom('=', '=\r\n', '=ZZ', '====', '\u0000', '\r', '\n', '\r\n\r\n'))
    .map(
      ([p, junk]) =>
        (raw: Buffer) =>
          Buffer.concat([raw.subarray(0, at(raw, p)), bytes(junk), raw.subarray(at(raw, p))]),
    ),
);

const HEAD = [
  'From: Jane Doe <invitations@linkedin.com>',
  'To: Paul <paul@example.com>',
  'Subject: Jane Doe wants to connect',
  'Date: Tue, 03 Mar 2026 10:00:00 +0000',
  'Message-ID: <prop@linkedin.com>',
  'MIME-Version: 1.0',
].join('\r\n');

function deepMime(levels: number): Buffer {
  let open = '';
  let close = '';
  for (let i = 0; i < levels; i++) {
    const header = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n`;
    open += i === 0 ? header : `--b${i - 1}\r\n${header}`;
    close = `--b${i}--\r\n${close}`;
  }
  const leaf = `--b${levels - 1}\r\nContent-Type: text/plain\r\n\r\nHi Paul,\r\n`;
  return Buffer.from(`${HEAD}\r\n${open}${leaf}${close}`);
}

function wideMime(parts: number): Buffer {
  const part = '--B\r\nContent-Type: text/plain\r\n\r\nHi Paul,\r\n';
  const body = `Content-Type: multipart/mixed; boundary="B"\r\n\r\n${part.repeat(parts)}--B--\r\n`;
  return Buffer.from(`${HEAD}\r\n${body}`);
}

function textMessage(text: string): Buffer {
  return Buffer.from(`${HEAD}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`);
}

function htmlMessage(html: string): Buffer {
  return Buffer.from(`${HEAD}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`);
}

describe('parseNotification on hostile input', () => {
  it('survives mutated and truncated fixtures', async () => {
    await fc.assert(
      fc.asyncProperty(fixture, fc.array(mutation, { minLength: 1, maxLength: 3 }), (i, ms) =>
        parsesOrRefuses(ms.reduce<Buffer>((m, mutate) => mutate(m), fixtures[i] as Buffer)),
      ),
      { numRuns: RUNS * 4 },
    );
  }, 60_000);

  it('survives random bytes, with or without a header in front', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('', 'From: a@b.c\r\n', `${HEAD}\r\n\r\n`, `${HEAD}\r\nContent-Type: `),
        fc.uint8Array({ maxLength: 4000 }),
        (head, body) => parsesOrRefuses(Buffer.concat([Buffer.from(head), body])),
      ),
      { numRuns: RUNS * 2 },
    );
  }, 60_000);

  it('survives random text in the header fields it reads', async () => {
    const field = fc.string({ unit: 'binary', maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(field, field, field, (name, subject, body) =>
        parsesOrRefuses(
          Buffer.from(
            [
              `From: "${name}" <invitations@linkedin.com>`,
              `Subject: ${subject}`,
              'Content-Type: text/plain; charset=utf-8',
              '',
              `${name} would like to connect on LinkedIn`,
              body,
              `${name}`,
              `${subject}`,
              'https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/123/',
            ].join('\r\n'),
          ),
        ),
      ),
      { numRuns: RUNS },
    );
  }, 60_000);

  it('gives NFC strings however the input is normalised', async () => {
    // Decomposed letters (e + combining acute, Hangul jamo) wherever the parser copies text out.
    const piece = fc.constantFrom(
      'e\u0301',
      'A\u030a',
      '\u1100\u1161',
      'o\u0308',
      'n\u0303',
      'x',
      ' ',
      '.',
    );
    const text = fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(''));
    await fc.assert(
      fc.asyncProperty(text, text, text, text, (name, local, note, tail) =>
        parsesOrRefuses(
          Buffer.from(
            [
              `From: "${name} via LinkedIn" <invitations@linkedin.com>`,
              `To: "${tail}" <${local.replace(/\W/g, '')}é\u0301@example.com>`,
              `Reply-To: "${name}" <${local.replace(/\W/g, '')}e\u0301@example.org>`,
              `Subject: ${name} wants to connect`,
              `Message-ID: <${local}@linkedin.com>`,
              `X-LinkedIn-Template: invite_${tail}`,
              'Content-Type: text/html; charset=utf-8',
              '',
              `<html lang="${tail}"><p>Hi ${tail},</p><p>${note}</p><p>${name}</p><p>${tail}</p>`,
              `<a href="https://www.linkedin.com/comm/in/${local}?invitationId=1">${name}</a>`,
              `<a href="https://www.linkedin.com/comm/mynetwork/invite-accept/${note}">Accept</a>`,
              `<a href="https://linkedin.example/${tail}">x</a></html>`,
            ].join('\r\n'),
          ),
        ),
      ),
      { numRuns: RUNS },
    );
  }, 60_000);

  it.each([
    ['2,000-level deep MIME tree', () => deepMime(2000)],
    ['5,000 sibling MIME parts', () => wideMime(5000)],
    [
      'a 2 MB header line',
      () => Buffer.from(`${HEAD}\r\nX-Big: ${'a'.repeat(2_000_000)}\r\n\r\nHi\r\n`),
    ],
    [
      '2 MB of folded header',
      () => Buffer.from(`${HEAD}\r\nX-Big: a${'\r\n b'.repeat(700_000)}\r\n\r\nHi\r\n`),
    ],
    [
      '50,000 nested HTML tags',
      () => htmlMessage(`${'<div>'.repeat(50_000)}Hi${'</div>'.repeat(50_000)}`),
    ],
    ['50,000 unclosed table cells', () => htmlMessage('<table><tr><td>'.repeat(50_000))],
    ['50,000 nested hidden spans', () => htmlMessage('<span style="display:none">'.repeat(50_000))],
    [
      '20,000 hidden elements',
      () =>
        htmlMessage(
          Array.from({ length: 20_000 }, (_, i) => `<div hidden>pre ${i} x</div>`).join(''),
        ),
    ],
    ['40,000 line breaks', () => htmlMessage('x<br><br>'.repeat(40_000))],
    ['a 200,000-character line of greetings', () => textMessage('Hi Paul, '.repeat(22_000))],
    [
      '8,000 name and headline pairs',
      () => textMessage('Jane Doe\r\nEngineer at X\r\n'.repeat(8_000)),
    ],
    [
      '4,000 short lines from a sender named LinkedIn',
      () =>
        Buffer.from(
          `${HEAD.replace('Jane Doe <', 'LinkedIn <')}\r\nContent-Type: text/plain\r\n\r\n${'a few words here\r\n'.repeat(4_000)}`,
        ),
    ],
    [
      'a text part and an HTML of 180,000 characters that differ at the end',
      () =>
        Buffer.from(
          `${HEAD}\r\nContent-Type: multipart/alternative; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\n${'a'.repeat(180_000)}b\r\n--B\r\nContent-Type: text/html\r\n\r\n<p>${'a'.repeat(180_000)}c</p>\r\n--B--\r\n`,
        ),
    ],
    [
      'a charset that does not exist',
      () =>
        Buffer.from(
          `${HEAD}\r\nContent-Type: text/plain; charset=x-no-such\r\n\r\nH\xe9\r\n`,
          'latin1',
        ),
    ],
    [
      'UTF-7 with broken shifts',
      () =>
        Buffer.from(`${HEAD}\r\nContent-Type: text/plain; charset=utf-7\r\n\r\n+AGE- +ZZZ +\r\n`),
    ],
    [
      'ISO-2022-JP cut inside an escape',
      () =>
        Buffer.from(
          `${HEAD}\r\nContent-Type: text/plain; charset=iso-2022-jp\r\n\r\n\x1b$B$3$s\x1b(`,
          'latin1',
        ),
    ],
    [
      'an encoded-word with a broken charset in the From name',
      () =>
        Buffer.from(
          `From: =?x-bogus?B?SmFuZQ==?= =?utf-8?Q?J=0Dane=0A_Doe?= <invitations@linkedin.com>\r\n${HEAD}\r\n\r\nHi\r\n`,
        ),
    ],
  ])(
    'survives %s',
    async (_label, make) => {
      await parsesOrRefuses(make());
    },
    30_000,
  );
});

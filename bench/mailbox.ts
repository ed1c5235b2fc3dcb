/**
 * A generated mailbox for bench/sync.bench.ts, written once as Maildir message files and linked
 * into each benchmark user's Maildir before its first login (the harness Dovecot keeps mail at
 * `<dir>/home/<user>/Maildir`), so that no contender pays for loading 20,000 messages over IMAP.
 *
 *   - invitations: distinct people (test/faults/support/invitations.ts, 100 per series);
 *   - other LinkedIn mail: the fixtures under test/fixtures/other-linkedin (job alerts, digests,
 *     messages, notices, an accepted invitation), each with its own Message-ID, the larger HTML
 *     ones padded with more entries to 20-60 KB;
 *   - ordinary mail from other senders: plain text of 1-8 KB (70%), text + HTML of 10-60 KB
 *     (23%), and with a base64 attachment of 30-300 KB (7%).
 *
 * Message files are in arrival order (file names and modification times, which Dovecot takes as
 * INTERNALDATE), spread over the last 20 days so `sync.lookbackDays` (30) covers them all.
 */
import { randomBytes } from 'node:crypto';
import { chownSync, linkSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeInvitations } from '../test/faults/support/invitations.ts';
import { mulberry32 } from '../test/faults/support/random.ts';

export interface MailboxSpec {
  messages: number;
  invitations: number;
  otherLinkedIn: number;
}

export interface Corpus {
  dir: string;
  files: string[];
  bytes: number;
  invitationBytes: number;
  counts: MailboxSpec;
}

const WORDS =
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will more can out up about into who them some could time only then its new other two may these like than first any my now over such our man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'.split(
    ' ',
  );
const DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'corp.example', 'school.test'];
const FIRST = ['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Femi', 'Gus', 'Hana', 'Ivo', 'Jia', 'Kai'];
const LAST = ['Moreau', 'Okafor', 'Silva', 'Tanaka', 'Weber', 'Novak', 'Haddad', 'Kowalski'];

function text(random: () => number, bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const words: string[] = [];
    for (let n = 8 + Math.floor(random() * 6); n > 0; n--)
      words.push(WORDS[Math.floor(random() * WORDS.length)] as string);
    const line = words.join(' ');
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

function ordinary(random: () => number, i: number, date: Date): string {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
  const first = pick(FIRST);
  const last = pick(LAST);
  const header = [
    `From: ${first} ${last} <${first.toLowerCase()}.${last.toLowerCase()}@${pick(DOMAINS)}>`,
    'To: Marcus Webb <marcus.webb@example.net>',
    `Subject: ${text(random, 30).split('\n')[0]?.slice(0, 60)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <ordinary-${i}.${randomBytes(6).toString('hex')}@example.com>`,
    'MIME-Version: 1.0',
  ];
  const kind = random();
  if (kind < 0.7) {
    const body = text(random, 1000 + random() * 7000);
    return [...header, 'Content-Type: text/plain; charset=UTF-8', '', body, ''].join('\n');
  }
  const boundary = `b-${i}-${randomBytes(4).toString('hex')}`;
  const plain = text(random, 4000 + random() * 20000);
  const parts = [
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    plain,
    `--${boundary}`,
    'Content-Type: text/html; charset=UTF-8',
    '',
    `<html><body>${plain
      .split('\n')
      .map((l) => `<p>${l}</p>`)
      .join('\n')}</body></html>`,
  ];
  let type = 'multipart/alternative';
  if (kind >= 0.93) {
    type = 'multipart/mixed';
    const attachment = randomBytes(Math.floor(30_000 + random() * 270_000)).toString('base64');
    parts.push(
      `--${boundary}`,
      'Content-Type: application/pdf; name="report.pdf"',
      'Content-Disposition: attachment; filename="report.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      attachment.replace(/.{76}/g, '$&\n'),
    );
  }
  parts.push(`--${boundary}--`, '');
  return [...header, `Content-Type: ${type}; boundary="${boundary}"`, '', ...parts].join('\n');
}

const OTHER_FIXTURES: Array<[name: string, share: number, pad: boolean]> = [
  ['2023-job-alert-digest-en.eml', 0.4, true],
  ['2024-newsletter-digest-en.eml', 0.15, true],
  ['2024-new-message-en.eml', 0.15, false],
  ['2020-people-you-may-know-en.eml', 0.1, true],
  ['2022-search-appearances-en.eml', 0.1, false],
  ['2023-password-changed-en.eml', 0.05, false],
  ['2016-accepted-invitation-en.eml', 0.05, false],
];

function fixture(name: string): string {
  return readFileSync(
    new URL(`../test/fixtures/other-linkedin/${name}`, import.meta.url),
    'latin1',
  ).replace(/\r\n/g, '\n');
}

/** Another LinkedIn email from a fixture: its own Message-ID, padded HTML where `pad`. */
function otherLinkedIn(random: () => number, i: number, name: string, pad: boolean): string {
  let raw = fixture(name).replace(
    /^Message-ID:.*$/im,
    `Message-ID: <other-${i}.${randomBytes(6).toString('hex')}@lva1-app1.prod.linkedin.com>`,
  );
  if (pad) {
    // Plain ASCII lines without "=": valid quoted-printable as they stand.
    const target = 20_000 + random() * 40_000;
    const rows: string[] = [];
    for (let size = raw.length, n = 0; size < target; n++) {
      const row = `<tr><td><b>Role ${i}-${n}</b><br>${text(random, 50).split('\n')[0]?.slice(0, 50)}</td></tr>`;
      rows.push(row);
      size += row.length + 1;
    }
    const at = raw.lastIndexOf('</body>');
    raw = `${raw.slice(0, at)}\n<table>\n${rows.join('\n')}\n</table>\n${raw.slice(at)}`;
  }
  return raw;
}

/** Writes the mailbox's message files into `dir` (owned by `uid`/`gid`), in arrival order. */
export function generateCorpus(dir: string, spec: MailboxSpec, uid: number, gid: number): Corpus {
  const random = mulberry32(20_000); // the same mailbox every run
  const kinds: Array<'invitation' | 'other' | 'ordinary'> = [
    ...Array<'invitation'>(spec.invitations).fill('invitation'),
    ...Array<'other'>(spec.otherLinkedIn).fill('other'),
    ...Array<'ordinary'>(spec.messages - spec.invitations - spec.otherLinkedIn).fill('ordinary'),
  ];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] as 'ordinary', kinds[i] as 'ordinary'];
  }
  const invitations = Array.from({ length: Math.ceil(spec.invitations / 100) }, (_, s) =>
    makeInvitations(Math.min(100, spec.invitations - s * 100), s),
  ).flat();
  const weights = OTHER_FIXTURES.map(([, share]) => share);
  mkdirSync(dir, { recursive: true });
  const now = Date.now();
  const start = now - 20 * 86_400_000;
  const files: string[] = [];
  let bytes = 0;
  let invitationBytes = 0;
  let nextInvitation = 0;
  kinds.forEach((kind, i) => {
    const arrived = new Date(start + ((now - 60_000 - start) * i) / kinds.length);
    let raw: Buffer;
    if (kind === 'invitation') {
      raw = Buffer.from(
        (invitations[nextInvitation++]?.raw ?? Buffer.alloc(0))
          .toString('latin1')
          .replace(/\r\n/g, '\n'),
        'latin1',
      );
      invitationBytes += raw.length;
    } else if (kind === 'other') {
      const r = random();
      let index = 0;
      for (let sum = weights[0] ?? 1; r >= sum && index < weights.length - 1; )
        sum += weights[++index] ?? 0;
      const [name, , pad] = OTHER_FIXTURES[index] as [string, number, boolean];
      raw = Buffer.from(otherLinkedIn(random, i, name, pad), 'latin1');
    } else {
      raw = Buffer.from(ordinary(random, i, arrived), 'utf8');
    }
    const seconds = Math.floor(arrived.getTime() / 1000);
    const file = path.join(
      dir,
      `${seconds}.M${String(i).padStart(6, '0')}P1.bench,S=${raw.length}:2,`,
    );
    writeFileSync(file, raw);
    chownSync(file, uid, gid);
    utimesSync(file, arrived, arrived);
    files.push(file);
    bytes += raw.length;
  });
  return { dir, files, bytes, invitationBytes, counts: spec };
}

/** Links the corpus into `home`/Maildir (INBOX) before the user's first login. */
export function linkMailbox(corpus: Corpus, home: string, uid: number, gid: number): void {
  const maildir = path.join(home, 'Maildir');
  for (const sub of ['', 'cur', 'new', 'tmp']) {
    mkdirSync(path.join(maildir, sub), { recursive: true });
  }
  for (const d of [home, maildir, ...['cur', 'new', 'tmp'].map((s) => path.join(maildir, s))])
    chownSync(d, uid, gid);
  for (const file of corpus.files) linkSync(file, path.join(maildir, 'cur', path.basename(file)));
}

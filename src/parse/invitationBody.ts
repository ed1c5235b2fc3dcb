/**
 * Reads the inviter's details and note out of the visible lines of an invitation. LinkedIn has
 * used a few layouts, all built the same way: an optional greeting alone on its line ("Hi Paul,"),
 * sometimes a heading ("Theo is waiting for your response"), the note, the inviter's name followed
 * by headline and location, then buttons and a footer. Older ones sign the note ("- Nurul");
 * guest reminders put the note after the buttons. The note is whatever the inviter wrote in that
 * place, kept as text, including a greeting the inviter typed.
 */
import type { Line } from './htmlLines.ts';
import {
  BOILERPLATE_PHRASES,
  GREETING,
  INVITATION_PHRASES,
  REMINDER_PHRASES,
} from './languages.ts';
import type { LabelledLink } from './links.ts';

export interface InvitationBody {
  name: string | null;
  headline: string | null;
  location: string | null;
  note: string | null;
  /** Whether the name stood on a line of its own, with the details under it. */
  nameLine: boolean;
}

const SIGNATURE = /^[-–—~]\s*\S.{0,60}$/;
const SEPARATOR = /^[-=._*~·|\s]{4,}$/;
const URL = /https?:\/\//;
/** "Jane Doe would like to connect on LinkedIn", "Accept invitation from Jane Doe", … */
const NAME_PATTERNS = [
  /^(.{2,80}?) (?:would like to connect|wants to connect|is waiting for your response|requested to add you|has invited you|sent you an invitation|möchte sich mit|wartet auf|souhaite se connecter|attend votre|quiere conectar|está esperando|gostaria de se conectar|está aguardando|wil met (?:je|u) connecten|wacht op|vorrebbe collegarsi|attende|ingin terhubung|menunggu)/i,
  /^(?:accept invitation from|view invitation from|confirm that you know|bestätigen sie, dass sie|confirmez que vous connaissez|confirma que conoces|confirme que você conhece|bevestig dat je|conferma di conoscere|harap konfirmasi bahwa anda mengenal) (.{2,80}?)[:.]?$/i,
  /^view (.{2,80}?)(?:'|’)s profile:?$/i,
  /invitation from (.{2,80}?)(?: \(|[.:]?$)/i,
];
/** Labels of buttons next to the inviter's profile: never the inviter's name. */
const BUTTON_LABEL =
  /\b(view|profile|profil|perfil|profiel|profilo|accept|annehmen|accepter|aceptar|aceitar|accepteren|accetta|terima)\b/i;

export interface BodyContext {
  links: LabelledLink[];
  /** The inviter's name when the sender's display name gives it. */
  knownName: string | null;
  recipientName: string | null;
  subject: string | null;
}

export function readInvitationBody(lines: Line[], context: BodyContext): InvitationBody {
  const { recipientName } = context;
  const name =
    context.knownName ??
    nameFromLines(lines, recipientName) ??
    nameFromProfileLinks(context.links, recipientName) ??
    nameFromSubject(context.subject);
  const nameIdx = name ? lines.findIndex((l) => sameName(l.text, name)) : -1;
  // 2011 layouts name the inviter only in buttons ("Accept invitation from X"), details follow them.
  const anchor =
    nameIdx >= 0 || !name
      ? nameIdx
      : findLastIndex(lines, (l) => isLinkLine(l) && l.text.includes(name));
  const details =
    anchor >= 0 && (anchor === nameIdx || !/[.!?]$/.test(lines[anchor + 1]?.text ?? ''))
      ? profileLines(lines, anchor)
      : { headline: null, location: null };
  const afterProfile = details.headline
    ? anchor + 2 + (details.location ? 1 : 0)
    : Math.max(anchor, 0);
  // Without a name, nothing tells the inviter's words from the imitator's.
  const note = name
    ? (noteBeforeName(lines, name, nameIdx) ?? noteAfterButtons(lines, name, afterProfile))
    : null;
  return { name, ...details, note, nameLine: nameIdx >= 0 };
}

function nameFromLines(lines: Line[], recipientName: string | null): string | null {
  for (const { text } of lines) {
    for (const pattern of NAME_PATTERNS) {
      const candidate = pattern.exec(text.replace(/\s*https?:\/\/\S+/, ''))?.[1]?.trim();
      if (candidate && !(recipientName && sameName(candidate, recipientName))) return candidate;
    }
  }
  return null;
}

/** "New invitation from Jane Doe", "Jane Doe sent you an invitation", "Jane's invitation is awaiting…" */
function nameFromSubject(subject: string | null): string | null {
  if (!subject) return null;
  const m =
    /invitation from (.{2,80})$/i.exec(subject) ??
    /^(.{2,80}?) (?:sent you an invitation|wants to connect|would like to connect|is waiting for your response)/i.exec(
      subject,
    ) ??
    /^(.{2,80}?)(?:'|’)s invitation is awaiting/i.exec(subject);
  return m?.[1]?.trim() ?? null;
}

/** The label of a link to a profile (/in/…), on whatever host: imitations copy the layout too. */
function nameFromProfileLinks(links: LabelledLink[], recipientName: string | null): string | null {
  for (const link of links) {
    const label = link.text.replace(/:$/, '').trim();
    if (!/\/(?:comm\/)?in\/[^/?#]+/i.test(link.href) || label.length < 2 || label.length > 80)
      continue;
    if (
      BUTTON_LABEL.test(label) ||
      URL.test(label) ||
      (recipientName && sameName(label, recipientName))
    )
      continue;
    return label;
  }
  return null;
}

function profileLines(
  lines: Line[],
  nameIdx: number,
): { headline: string | null; location: string | null } {
  const detail = (line: Line | undefined, max: number): string | null =>
    line &&
    line.text !== '' &&
    !line.href &&
    line.text.length <= max &&
    !URL.test(line.text) &&
    !isFooter(line.text)
      ? line.text
      : null;
  const headline = detail(lines[nameIdx + 1], 220);
  if (!headline) return { headline: null, location: null };
  const second = detail(lines[nameIdx + 2], 80);
  // A location is short, not a sentence, and not a count ("12 mutual connections").
  const location = second && !/[.!?]$/.test(second) && !/^\d/.test(second) ? second : null;
  return { headline, location };
}

/** The note between the greeting (or the last link) and the inviter's name. */
function noteBeforeName(lines: Line[], name: string | null, nameIdx: number): string | null {
  const end = nameIdx >= 0 ? nameIdx : lines.length;
  const greetingIdx = lines.slice(0, end).findIndex((l) => !l.href && isGreetingLine(l.text));
  if (greetingIdx < 0 && nameIdx < 0) return null;
  let start = greetingIdx + 1;
  if (greetingIdx < 0) {
    // No greeting: the note is the block just above the name, after the last link or rule.
    start = 0;
    for (let i = end - 1; i >= 0; i--) {
      const line = lines[i];
      if (line && (isLinkLine(line) || SEPARATOR.test(line.text))) {
        start = i + 1;
        break;
      }
    }
  }
  // Without the name line the note is only trusted up to LinkedIn's signature or button.
  return collectNote(lines, start, end, name, nameIdx < 0);
}

/** Guest reminders: "X would like to connect…", buttons, then the note, then the footer. */
function noteAfterButtons(lines: Line[], name: string | null, from: number): string | null {
  let lastButton = -1;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (!line) break;
    if (isLinkLine(line)) lastButton = i;
    else if (lastButton >= 0 && line.text !== '' && !isHeading(line.text, name)) break;
  }
  return lastButton < 0 ? null : collectNote(lines, lastButton + 1, lines.length, name, false);
}

/**
 * Lines from `start` up to `end` or the first link, rule, signature or footer; headings skipped.
 * With `needsSignOff`, a note that does not end at a signature or a link is no note.
 */
function collectNote(
  lines: Line[],
  start: number,
  end: number,
  name: string | null,
  needsSignOff: boolean,
): string | null {
  const collected: string[] = [];
  let signedOff = false;
  for (let i = start; i < end; i++) {
    const line = lines[i];
    if (!line || SEPARATOR.test(line.text) || isFooter(line.text)) break;
    if (isLinkLine(line) || (SIGNATURE.test(line.text) && isSignatureOf(line.text, name))) {
      signedOff = true;
      break;
    }
    if (name && sameName(line.text, name)) break;
    if (isHeading(line.text, name)) continue;
    collected.push(line.text);
  }
  if (needsSignOff && !signedOff) return null;
  const text = collected
    .join('\n')
    .trim()
    .replace(/^["“„«]([\s\S]*)["”“»]$/, '$1')
    .trim();
  return text ? text.normalize('NFC') : null;
}

/**
 * A button, or a "View profile: https://…" line. A URL inside a sentence is the inviter's text
 * ("the slides are at https://… if you want them"), not the end of the note.
 */
function isLinkLine(line: Line): boolean {
  if (line.href !== null) return true;
  if (!URL.test(line.text)) return false;
  const prose = line.text.replace(/https?:\/\/\S+/g, ' ').trim();
  const words = prose.split(/\s+/).filter(Boolean).length;
  return words <= 4 || (words <= 8 && prose.endsWith(':'));
}

/** LinkedIn's own greeting stands alone on its line: "Hi Paul,", "Hola, Lucía:", "Mohan,". */
function isGreetingLine(text: string): boolean {
  // A greeting word and a name, at most: "Hi Marcus 👋 loved your talk!" is the inviter's first line.
  const short = text.split(/\s+/).length <= 6;
  if (short && GREETING.test(text) && /^[^,:!]{0,20}[,:!]?\s*[^,:!.?]{0,40}[,:!]$/.test(text))
    return true;
  return /^[^\s,:]{1,40}(?: [^\s,:]{1,40}){0,3},$/.test(text);
}

/** A line LinkedIn wrote about the inviter: "Theo Brandt is waiting for your response", "Theo wrote:". */
function isHeading(text: string, name: string | null): boolean {
  const lower = text.toLowerCase();
  if (/(?:wrote|schrieb|a écrit|escribió|escreveu|schreef|ha scritto|menulis)\s*:$/.test(lower))
    return true;
  const aboutInviter = name ? lower.includes((name.split(/\s+/)[0] ?? name).toLowerCase()) : true;
  return (
    aboutInviter &&
    [REMINDER_PHRASES, INVITATION_PHRASES].some((list) => list.some((p) => lower.includes(p)))
  );
}

function isFooter(text: string): boolean {
  const lower = text.toLowerCase();
  return /©|&copy;|\(c\) \d{4}/.test(lower) || BOILERPLATE_PHRASES.some((p) => lower.includes(p));
}

/** "- Nurul Azri" signs a note by Nurul Azri Mohd Radzi; a dash line that is not a name is note text. */
function isSignatureOf(line: string, name: string | null): boolean {
  const signed = line
    .replace(/^[-–—~]\s*/, '')
    .trim()
    .toLowerCase();
  if (!name) return signed.split(/\s+/).length <= 3;
  const parts = name.toLowerCase().split(/\s+/);
  return signed.split(/\s+/).every((word) => parts.includes(word));
}

function findLastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}

export function sameName(a: string, b: string): boolean {
  return a.trim().normalize('NFC').toLowerCase() === b.trim().normalize('NFC').toLowerCase();
}

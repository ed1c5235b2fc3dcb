/**
 * Raw email → what it is and who invites. Pure apart from reading the bytes it is given and the
 * CPU clock of its time budget: no network. Decides from structure first (sender domain, LinkedIn's
 * link shapes and template names) and from wording only where structure is silent. The note is
 * what remains of an invitation once LinkedIn's frame and the inviter's identity are taken away;
 * text it cannot place is kept as the note and marked unrecognised, never dropped.
 */

import { safeInline, singleLine, stripBidi } from '../text.ts';
import {
  type Authenticity,
  type AuthenticityVerdict,
  assessAuthenticity,
  claimsLinkedIn,
  domainOf,
  isLinkedInDomain,
} from './authenticity.ts';
import { ParseBudget } from './budget.ts';
import { attachedOriginal, quotedOriginal, type Views } from './forward.ts';
import { FrameReader } from './frame.ts';
import { htmlLines, type Line } from './htmlLines.ts';
import { readView, type ViewReading } from './invitationBody.ts';
import {
  ACCEPT_WORDS,
  ACCEPTED_PHRASES,
  declaredLanguage,
  detectLanguage,
  INVITATION_PHRASES,
  type Language,
  nameInFrameLine,
  PROFILE_WORDS,
  REMINDER_PHRASES,
} from './languages/index.ts';
import {
  anyNoteShape,
  clusterOf,
  defaultNoteCluster,
  type FrameLesson,
  type LearnedFrame,
  sourceKey,
} from './learnedFrame.ts';
import { type LabelledLink, profileKey, readLinks } from './links.ts';
import { cleanName, firstNameOf, greetingNameOf, sameName } from './names.ts';
import { type NoteKind, readNote } from './note.ts';
import { type MailInput, readMessage } from './readMessage.ts';
import { readTextPart } from './textPart.ts';

export type Kind = 'invitation' | 'reminder' | 'accepted' | 'other-linkedin' | 'not-linkedin';
export type { NoteKind };

/** Every field here a stranger wrote is one line, without bidi controls, at most 200 characters. */
export interface Inviter {
  name: string | null;
  firstName: string | null;
  /** The form to greet them by: the first name, or the full name in Han, Kana and Hangul scripts. */
  greetingName: string | null;
  headline: string | null;
  location: string | null;
  profileUrl: string | null;
  email: string | null;
}

export interface Notification {
  kind: Kind;
  inviter: Inviter;
  invitationId: string | null;
  /** LinkedIn's accept link for this invitation, where the user can answer when no address is known. */
  invitationUrl: string | null;
  note: string | null;
  noteKind: NoteKind;
  /**
   * Text of the invitation that the parser could not attribute to LinkedIn's frame, the
   * inviter's identity or the note's place. It is part of `note` (noteKind "personal"): the
   * invitation is never treated as having no note.
   */
  unrecognised: string[];
  /**
   * Whether any of the mail's wording is LinkedIn's as the language packs or the learned frame
   * know it. When none is (a redesign, a language without a pack, before the frame is learned),
   * all the text the mail leaves is held in `unrecognised`: a new heading reads like a note.
   */
  layoutKnown: boolean;
  language: string | null;
  authenticity: Authenticity;
  /** Why the authenticity verdict was reached, in a few words each. */
  authenticityReasons: string[];
  messageId: string | null;
  subject: string | null;
  date: string | null;
  /** The address the notification was sent to: the user's own. */
  recipient: string | null;
  /** LinkedIn's name for the email template, when links or headers give it. */
  template: string | null;
}

/**
 * What is kept of a notification once its invitation is recorded (the store keeps this much):
 * what drafting, the review page, the answers and the CLI read later. The rest tells how the
 * reading went (the kind, LinkedIn's invitation id and template name, the note's kind, whether
 * the layout was known, why the authenticity verdict) or is shown nowhere (the email's subject
 * and date): it serves the reading only, and this type lets nothing read it later.
 */
export type KeptNotification = Omit<
  Notification,
  | 'kind'
  | 'invitationId'
  | 'template'
  | 'noteKind'
  | 'layoutKnown'
  | 'authenticityReasons'
  | 'subject'
  | 'date'
>;

/** The notification without what KeptNotification leaves out. */
export function keptOf(n: Notification): KeptNotification {
  const {
    kind,
    invitationId,
    template,
    noteKind,
    layoutKnown,
    authenticityReasons,
    subject,
    date,
    ...kept
  } = n;
  return kept;
}

// Bumped whenever a change of the parser can read an invitation differently (version.ts).
export { PARSER_VERSION } from './version.ts';

export interface ParseOptions {
  maxBytes?: number;
  /** What this installation learned of LinkedIn's frame (learnedFrame.ts). */
  learnedFrame?: LearnedFrame;
  /** Trust only the Authentication-Results header of this server (its authserv-id). */
  trustedAuthservId?: string | null;
  /**
   * Our own check of LinkedIn's DKIM signature (DNS), asked about the message read as LinkedIn's:
   * the mail itself, or the original a forward attached. None: no check is made.
   */
  verifyDkim?: (raw: Buffer) => Promise<boolean | null>;
  /** CPU time one message may take to parse (default 2000 ms); longer is ParseTooSlowError. */
  timeBudgetMs?: number;
  /** The budget's CPU clock in milliseconds (default: this thread's or process's); for tests. */
  cpuClock?: () => number;
}

const NO_INVITER: Inviter = {
  name: null,
  firstName: null,
  greetingName: null,
  headline: null,
  location: null,
  profileUrl: null,
  email: null,
};

export async function parseNotification(
  raw: Buffer,
  options: ParseOptions = {},
): Promise<Notification> {
  return (await parseMail(raw, options)).notification;
}

export interface ParsedMail {
  notification: Notification;
  /**
   * What the mail teaches the learned frame (its segments, and its note where it may be
   * LinkedIn's default note): only a verified LinkedIn mail teaches, so that no imitation or
   * spoofed sender can make its text pass for LinkedIn's.
   */
  lessons: FrameLesson[];
  /** The mail's cluster (clusterOf), whether or not it teaches: what its shapes are keyed by. */
  cluster: string;
}

export async function parseMail(raw: Buffer, options: ParseOptions = {}): Promise<ParsedMail> {
  const budget = new ParseBudget(options.timeBudgetMs, options.cpuClock);
  const mail = await budget.race(readMessage(raw, options.maxBytes), 'reading the MIME structure');
  budget.check('reading the MIME structure');
  const original = await originalOf(mail, raw, options, budget);
  const learning: Learning = {
    cluster: clusterOf(null),
    shapes: new Set(),
    noteShapes: new Set(),
    noteGuarded: true,
  };
  const notification = interpret(mail, original, options, budget, learning);
  budget.check('reading the invitation');
  return {
    notification,
    lessons: lessonsOf(notification, learning),
    cluster: learning.cluster,
  };
}

/** The mail read as LinkedIn's: the mail itself, or the original a forward carries (forward.ts). */
interface Original {
  mail: MailInput;
  views: Views;
  /** How it was forwarded and by whom; null for LinkedIn's mail as it arrived. */
  forward: { how: 'attached' | 'inline'; by: string | null } | null;
  /** Our own DKIM check of it; null when none was made or it proves nothing. */
  dkimVerified: boolean | null;
}

/** The mail itself when it claims to be LinkedIn's, else the user's invitation it forwards, if any. */
async function originalOf(
  mail: MailInput,
  raw: Buffer,
  options: ParseOptions,
  budget: ParseBudget,
): Promise<Original | null> {
  const checkDkim = async (bytes: Buffer) =>
    options.verifyDkim ? options.verifyDkim(bytes) : null;
  if (claimsLinkedIn(mail))
    return {
      mail,
      views: readViews(mail, budget),
      forward: null,
      dkimVerified: await checkDkim(raw),
    };
  const by = mail.from?.address ?? null;
  const attached = await attachedOriginal(mail, budget, options.maxBytes);
  if (attached) {
    // A forwarding client may re-encode what it attaches, which breaks a real signature: only a
    // signature that verifies tells anything here.
    const verified = (await checkDkim(attached.raw)) === true;
    return {
      mail: attached.mail,
      views: readViews(attached.mail, budget),
      forward: { how: 'attached', by },
      dkimVerified: verified || null,
    };
  }
  const quoted = quotedOriginal(mail, readViews(mail, budget));
  return quoted && { ...quoted, forward: { how: 'inline', by }, dkimVerified: null };
}

function readViews(mail: MailInput, budget: ParseBudget): Views {
  return {
    text: mail.text ? readTextPart(mail.text, budget) : null,
    html: mail.html ? htmlLines(mail.html, budget) : null,
  };
}

/**
 * What reading a mail gathers for the learned frame: its cluster, its segment shapes, and the
 * shape of a note that may be LinkedIn's default note.
 */
interface Learning {
  cluster: string;
  shapes: Set<string>;
  noteShapes: Set<string>;
  /**
   * Whether the mail's preheader keeps its note from being taught (FrameReader's echoes).
   * An invitation without one, or with one cut short, teaches no frame: what it leaves unplaced is
   * its note as likely as LinkedIn's text, and several inviters may share a note (a text part
   * alone has no preheader).
   */
  noteGuarded: boolean;
}

/**
 * Whether the hidden preheader repeats the whole note, so that no part of the note is taught: there
 * is one, and it is not cut short with an ellipsis ("Ik wil je graag toevoegen aan mijn profe…"),
 * which leaves the rest of the note unguarded.
 */
function guardsNote(hidden: string[]): boolean {
  const spoken = hidden.filter((text) => /[\p{L}\p{N}]/u.test(text));
  return spoken.length > 0 && !spoken.some((text) => CUT_SHORT.test(text));
}

/** An ellipsis at the end, before the padding LinkedIn puts after a preheader (U+034F and the like). */
const CUT_SHORT = /(?:…|\.\.\.)(?:\s|\u034f|\u00ad|[\u200b-\u200f]|\u2060|\ufeff)*$/u;

function lessonsOf(n: Notification, learning: Learning): FrameLesson[] {
  if (n.kind === 'not-linkedin' || n.authenticity !== 'verified') return [];
  const profile = n.inviter.profileUrl ? profileKey(n.inviter.profileUrl) : null;
  const identity =
    (profile && `in:${profile}`) ?? (n.inviter.name && `name:${n.inviter.name}`) ?? n.messageId;
  if (!identity) return [];
  const source = sourceKey(identity);
  const shapes = learning.noteGuarded ? [...learning.shapes] : [];
  return [
    { cluster: learning.cluster, source, shapes },
    {
      cluster: defaultNoteCluster(learning.cluster),
      source,
      shapes:
        n.note === null
          ? [...learning.noteShapes]
          : [...learning.noteShapes, anyNoteShape(learning.cluster)],
    },
  ].filter((lesson) => lesson.shapes.length > 0);
}

function interpret(
  mail: MailInput,
  original: Original | null,
  options: ParseOptions,
  budget: ParseBudget,
  learning: Learning,
): Notification {
  const base = {
    messageId: mail.messageId,
    subject: (mail.subject && stripBidi(singleLine(mail.subject))) || null,
    date: mail.date?.toISOString() ?? null,
    recipient: mail.to[0]?.address ?? null,
    inviter: NO_INVITER,
    invitationId: null,
    invitationUrl: null,
    note: null,
    noteKind: 'none' as const,
    unrecognised: [],
    layoutKnown: false,
  };
  if (!original) {
    // A person writing, whatever the text says: its body is read only for a forward's original.
    return {
      ...base,
      kind: 'not-linkedin',
      language: null,
      authenticity: 'unverified',
      authenticityReasons: ['does not claim to come from LinkedIn'],
      template: null,
    };
  }
  const body = readBody(original, options, budget, learning);
  if (body.kind !== 'invitation' && body.kind !== 'reminder') return otherLinkedInMail(base, body);
  return invitation(base, body);
}

/** The fields every notification starts from; an invitation fills in the rest. */
type Base = Pick<
  Notification,
  | 'messageId'
  | 'subject'
  | 'date'
  | 'recipient'
  | 'inviter'
  | 'invitationId'
  | 'invitationUrl'
  | 'note'
  | 'noteKind'
  | 'unrecognised'
  | 'layoutKnown'
>;

/** What a mail that claims to be LinkedIn's says before its kind decides how far it is read. */
interface Body {
  original: Original;
  mail: MailInput;
  options: ParseOptions;
  budget: ParseBudget;
  text: ReturnType<typeof readTextPart> | null;
  html: ReturnType<typeof htmlLines> | null;
  links: LabelledLink[];
  /** The sender's display name, unless it is LinkedIn's own. */
  displayedName: string | null;
  recipientName: string | null;
  facts: ReturnType<typeof readLinks>;
  lines: Line[];
  /** Every visible line, joined: what language detection reads. */
  visible: string;
  kind: Kind;
  template: string | null;
  /** Reads the body's lines against the packs and the learned frame; `echoes`: the preheader. */
  readerFor(inviter: string | null, echoes?: string[]): FrameReader;
  learning: Learning;
}

function readBody(
  original: Original,
  options: ParseOptions,
  budget: ParseBudget,
  learning: Learning,
): Body {
  const { mail, views } = original;
  const { text, html } = views;
  const links: LabelledLink[] = [...(text?.links ?? []), ...(html?.links ?? [])];
  budget.links(links.length);
  const fromName = cleanName(mail.from?.name ?? '');
  const displayedName = fromName && !/linked\s*in/i.test(fromName) ? fromName : null;
  const recipientName = cleanName(mail.to[0]?.name ?? '') || null;
  const facts = readLinks(links, displayedName, recipientName);
  const templates = [...facts.templates, ...(mail.headers.get('x-linkedin-template') ?? [])];
  const readerFor = (inviter: string | null, echoes: string[] = []) =>
    new FrameReader(
      { inviter, recipient: recipientName },
      {
        learned: options.learnedFrame,
        shapes: learning.shapes,
        noteShapes: learning.noteShapes,
        cluster: learning.cluster,
        echoes,
      },
    );
  const lines = [...(text?.lines ?? []), ...(html?.lines ?? [])];
  const visible = lines.map((l) => l.text).join('\n');
  // One template in one language: the declared one (with or without a pack: mail in languages
  // without one must not share a cluster, or none of their lines recurs often enough in it to
  // be learned), or the one its common words give away.
  learning.cluster = clusterOf(
    templates[0] ?? null,
    languageCode(html?.lang ?? null) ?? detectLanguage(new Map(), html?.lang ?? null, visible),
  );
  const kind = decideKind(
    templates,
    facts.hasAcceptLink,
    `${mail.subject ?? ''}\n${visible}`.toLowerCase(),
  );
  return {
    original,
    mail,
    options,
    budget,
    text,
    html,
    links,
    displayedName,
    recipientName,
    facts,
    lines,
    visible,
    kind,
    template: templates[0] ?? null,
    readerFor,
    learning,
  };
}

/** LinkedIn's other mail (accepted, digests, alerts): its kind, language and authenticity. */
function otherLinkedInMail(base: Base, body: Body): Notification {
  const { budget, text, html } = body;
  // The frame's language counts only where the HTML does not declare one.
  // Read in full also where the HTML declares its language: the lines teach the learned frame.
  const votes = new Map<Language, number>();
  const reader = body.readerFor(null);
  for (const view of [text?.lines, html?.lines])
    if (view) addVotes(votes, readView(view, reader, budget));
  if (declaredLanguage(html?.lang ?? null)) votes.clear();
  const verdict = authenticityOf(body, []);
  return {
    ...base,
    kind: body.kind,
    language: detectLanguage(votes, html?.lang ?? null, body.visible),
    authenticity: verdict.authenticity,
    authenticityReasons: verdict.reasons,
    template: body.template,
  };
}

/** An invitation or a reminder read in full: who invites, their note, language, authenticity. */
function invitation(base: Base, body: Body): Notification {
  const { mail, budget, text, html, links, displayedName, recipientName, facts } = body;
  const name = inviterName(body);
  // The preheader repeats the note: what it repeats is not taught as LinkedIn's (frame.ts).
  const reader = body.readerFor(name, html?.hidden ?? []);
  body.learning.noteGuarded = guardsNote(html?.hidden ?? []);
  const profileUrl =
    name && name !== displayedName
      ? readLinks(links, name, recipientName).profileUrl
      : facts.profileUrl;
  const anchors = {
    inviterProfile: profileUrl ? profileKey(profileUrl) : null,
    invitationId: facts.invitationId,
  };
  const htmlView = html ? readView(html.lines, reader, budget, anchors) : null;
  const textView = text
    ? readView(text.lines, reader, budget, { ...anchors, headline: htmlView?.headline })
    : null;
  const identity = mergeIdentity(textView, htmlView);
  const votes = new Map<Language, number>();
  for (const view of [textView, htmlView]) if (view) addVotes(votes, view);
  // A layout none of whose words the packs or the learned frame know (a redesign, a language
  // without a pack, until the frame is learned): what it leaves is held as unsure (see note.ts).
  const layoutKnown = votes.size > 0 || reader.learnedCount > 0;
  // In a language no pack knows, a note cannot be told from LinkedIn's default note until many
  // inviters have sent it (FrameReader.isLearnedDefaultNote): held as unsure, not filed as a note.
  const noPack = languageCode(html?.lang ?? null) !== null && !declaredLanguage(html?.lang ?? null);
  const { note, noteKind, defaultLanguage, unrecognised } = readNote(
    [textView, htmlView],
    html?.hidden ?? [],
    reader,
    { layoutKnown, noteJudged: layoutKnown && !noPack },
  );
  // Links are checked only here: an invitation is what a reply would answer. Those in the note
  // count too, unless LinkedIn is proven to have sent it (see assessAuthenticity).
  const verdict = authenticityOf(body, links, note);
  const firstName = name
    ? firstNameOf(name, textView?.givenName ?? htmlView?.givenName ?? null)
    : null;
  return {
    ...base,
    kind: body.kind,
    inviter: {
      name: name && safeInline(name),
      firstName: firstName && safeInline(firstName),
      greetingName: name && firstName && safeInline(greetingNameOf(name, firstName)),
      headline: identity.headline && safeInline(identity.headline),
      location:
        identity.location && placedOnce(identity.location, note)
          ? safeInline(identity.location)
          : null,
      profileUrl,
      email: inviterEmail(mail),
    },
    invitationId: facts.invitationId,
    invitationUrl: facts.invitationUrl,
    note,
    noteKind,
    unrecognised,
    layoutKnown,
    language: detectLanguage(votes, html?.lang ?? null, body.visible) ?? defaultLanguage,
    authenticity: verdict.authenticity,
    authenticityReasons: verdict.reasons,
    template: body.template,
  };
}

/** "ja", "pt-BR" → "pt": the language `<html lang>` declares, whether or not a pack knows it. */
function languageCode(htmlLang: string | null): string | null {
  return /^([a-z]{2,3})(?:-|$)/i.exec(htmlLang ?? '')?.[1]?.toLowerCase() ?? null;
}

/** A location that is also a line of the note was the note, read as a location in one rendering. */
function placedOnce(location: string, note: string | null): boolean {
  return !note?.split('\n').some((line) => line.trim() === location);
}

/** The inviter's name: the sender's display name, else the lines, the profile links, the subject. */
function inviterName({ mail, displayedName, lines, links, recipientName }: Body): string | null {
  const rawName =
    displayedName ??
    nameFromLines(lines, recipientName) ??
    nameFromProfileLinks(links, recipientName) ??
    (mail.subject ? nameInFrameLine(singleLine(mail.subject)) : null);
  return rawName ? cleanName(rawName) : null;
}

function addVotes(total: Map<Language, number>, view: ViewReading): void {
  for (const [lang, n] of view.votes) total.set(lang, (total.get(lang) ?? 0) + n);
}

/** Whether LinkedIn sent it. A forward's original is judged by itself alone (see forward.ts). */
function authenticityOf(
  { original, options }: Body,
  links: LabelledLink[],
  note: string | null = null,
): AuthenticityVerdict {
  const { mail, forward, dkimVerified } = original;
  const verdict = assessAuthenticity({
    fromAddress: mail.from?.address ?? null,
    fromName: mail.from?.name ?? null,
    authenticationResults: mail.headers.get('authentication-results') ?? [],
    // An attached original's headers were written before it reached the user's server.
    trustedAuthservId: forward ? null : (options.trustedAuthservId ?? null),
    linkHrefs: links.map((l) => l.href),
    note,
    dkimVerified,
  });
  if (!forward || verdict.authenticity !== 'unverified') return verdict;
  const by = `forwarded by ${forward.by ?? 'an unnamed sender'}`;
  return {
    authenticity: 'unverified',
    reasons: [
      forward.how === 'attached'
        ? `${by} as an attachment; LinkedIn's signature on it is not verified (our own check)`
        : `${by}, quoted inline: nothing can prove a quoted copy is LinkedIn's`,
    ],
  };
}

function decideKind(templates: string[], hasAcceptLink: boolean, text: string): Kind {
  const has = (phrases: string[]) => phrases.some((p) => text.includes(p));
  if (
    templates.some((t) => /accept_invite|invite_accept|accepted/i.test(t)) ||
    has(ACCEPTED_PHRASES)
  )
    return 'accepted';
  const invitationLike =
    hasAcceptLink || templates.some((t) => /invit|invm|m2m/i.test(t)) || has(INVITATION_PHRASES);
  if (!invitationLike) return 'other-linkedin';
  if (templates.some((t) => /reminder|rmd/i.test(t)) || has(REMINDER_PHRASES)) return 'reminder';
  return 'invitation';
}

/**
 * The text part is LinkedIn's cleanest rendering; the HTML fills in what it leaves out. Where the
 * text part lists the name, it also lists the headline (if any) but, until 2023, not the
 * location: so an HTML detail line the text part lacks is the location.
 */
function mergeIdentity(
  text: ViewReading | null,
  html: ViewReading | null,
): { headline: string | null; location: string | null } {
  if (!text || !html)
    return {
      headline: (text ?? html)?.headline ?? null,
      location: (text ?? html)?.location ?? null,
    };
  if (!text.nameLine) {
    return { headline: text.headline ?? html.headline, location: text.location ?? html.location };
  }
  const sameHeadline = html.headline === text.headline;
  const location =
    text.location ??
    (sameHeadline
      ? html.location
      : text.headline === null && !html.location
        ? html.headline
        : null);
  return { headline: text.headline, location };
}

/**
 * "Jane Doe would like to connect on LinkedIn", "Accept invitation from Jane Doe", …: short lines
 * near the top, so only those are tried (each against every heading and button of every pack).
 */
function nameFromLines(lines: Line[], recipientName: string | null): string | null {
  for (const { text } of lines.filter((l) => l.text.length <= 300).slice(0, 150)) {
    const candidate = nameInFrameLine(text.replace(/\s*https?:\/\/\S+/g, '').replace(/:$/, ''));
    if (candidate && !(recipientName && sameName(candidate, recipientName))) return candidate;
  }
  return null;
}

const BUTTON_WORD = new RegExp(
  `(?<!\\p{L})(?:${[...PROFILE_WORDS, ...ACCEPT_WORDS].join('|')})(?!\\p{L})`,
  'iu',
);

/** The label of a link to a profile (/in/…), on whatever host: imitations copy the layout too. */
function nameFromProfileLinks(links: LabelledLink[], recipientName: string | null): string | null {
  for (const link of links) {
    const label = link.text.replace(/:$/, '').trim();
    if (!/\/(?:comm\/)?in\/[^/?#]+/i.test(link.href) || label.length < 2 || label.length > 80)
      continue;
    if (
      BUTTON_WORD.test(label) ||
      /https?:\/\//.test(label) ||
      (recipientName && sameName(label, recipientName))
    )
      continue;
    return label;
  }
  return null;
}

/** The inviter's own address: a Reply-To outside LinkedIn that is not the recipient's. */
function inviterEmail(mail: MailInput): string | null {
  const own = new Set(mail.to.map((a) => a.address));
  for (const { address } of mail.replyTo) {
    const domain = domainOf(address);
    if (
      address &&
      address.length <= 254 && // RFC 5321's limit: anything longer is no one's address
      domain &&
      !isLinkedInDomain(domain) &&
      !own.has(address) &&
      address !== mail.from?.address
    ) {
      return address;
    }
  }
  return null;
}

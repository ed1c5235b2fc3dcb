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
  assessAuthenticity,
  domainOf,
  isLinkedInDomain,
  looksLikeLinkedIn,
} from './authenticity.ts';
import { ParseBudget } from './budget.ts';
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
  /** Verdict of our own DKIM check of a linkedin.com signature, when one was made. */
  dkimVerified?: boolean | null;
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
  const learning: Learning = { cluster: clusterOf(null), shapes: new Set(), noteShapes: new Set() };
  const notification = interpret(mail, options, budget, learning);
  budget.check('reading the invitation');
  return {
    notification,
    lessons: lessonsOf(notification, learning),
    cluster: learning.cluster,
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
}

function lessonsOf(n: Notification, learning: Learning): FrameLesson[] {
  if (n.kind === 'not-linkedin' || n.authenticity !== 'verified') return [];
  const profile = n.inviter.profileUrl ? profileKey(n.inviter.profileUrl) : null;
  const identity =
    (profile && `in:${profile}`) ?? (n.inviter.name && `name:${n.inviter.name}`) ?? n.messageId;
  if (!identity) return [];
  const source = sourceKey(identity);
  return [
    { cluster: learning.cluster, source, shapes: [...learning.shapes] },
    { cluster: defaultNoteCluster(learning.cluster), source, shapes: [...learning.noteShapes] },
  ].filter((lesson) => lesson.shapes.length > 0);
}

function interpret(
  mail: MailInput,
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
  if (!claimsLinkedIn(mail)) {
    // A person writing, whatever the text says: its body is not read.
    return {
      ...base,
      kind: 'not-linkedin',
      language: null,
      authenticity: 'unverified',
      authenticityReasons: ['does not claim to come from LinkedIn'],
      template: null,
    };
  }
  const body = readBody(mail, options, budget, learning);
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
}

function readBody(
  mail: MailInput,
  options: ParseOptions,
  budget: ParseBudget,
  learning: Learning,
): Body {
  const text = mail.text ? readTextPart(mail.text, budget) : null;
  const html = mail.html ? htmlLines(mail.html, budget) : null;
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
  };
}

/** LinkedIn's other mail (accepted, digests, alerts): its kind, language and authenticity. */
function otherLinkedInMail(base: Base, body: Body): Notification {
  const { mail, options, budget, text, html } = body;
  // The frame's language counts only where the HTML does not declare one.
  // Read in full also where the HTML declares its language: the lines teach the learned frame.
  const votes = new Map<Language, number>();
  const reader = body.readerFor(null);
  for (const view of [text?.lines, html?.lines])
    if (view) addVotes(votes, readView(view, reader, budget));
  if (declaredLanguage(html?.lang ?? null)) votes.clear();
  const verdict = assessAuthenticity(authenticityInput(mail, [], options));
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
  const { mail, options, budget, text, html, links, displayedName, recipientName, facts } = body;
  const name = inviterName(body);
  // The preheader repeats the note: what it repeats is not taught as LinkedIn's (frame.ts).
  const reader = body.readerFor(name, html?.hidden ?? []);
  const profileUrl =
    name && name !== displayedName
      ? readLinks(links, name, recipientName).profileUrl
      : facts.profileUrl;
  const anchors = {
    inviterProfile: profileUrl ? profileKey(profileUrl) : null,
    invitationId: facts.invitationId,
  };
  const textView = text ? readView(text.lines, reader, budget, anchors) : null;
  const htmlView = html ? readView(html.lines, reader, budget, anchors) : null;
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
  const verdict = assessAuthenticity({ ...authenticityInput(mail, links, options), note });
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

function authenticityInput(mail: MailInput, links: LabelledLink[], options: ParseOptions) {
  return {
    fromAddress: mail.from?.address ?? null,
    fromName: mail.from?.name ?? null,
    authenticationResults: mail.headers.get('authentication-results') ?? [],
    trustedAuthservId: options.trustedAuthservId ?? null,
    linkHrefs: links.map((l) => l.href),
    dkimVerified: options.dkimVerified ?? null,
  };
}

/**
 * Only mail that presents itself as LinkedIn's can be a LinkedIn notification: by its sender
 * (a LinkedIn or look-alike domain, "LinkedIn" in the display name) or LinkedIn's own headers.
 * A person forwarding or quoting an invitation is a person writing, whatever the text says.
 */
function claimsLinkedIn(mail: MailInput): boolean {
  const fromDomain = domainOf(mail.from?.address ?? null);
  return (
    (fromDomain !== null && (isLinkedInDomain(fromDomain) || looksLikeLinkedIn(fromDomain))) ||
    /linked\s*in/i.test(mail.from?.name ?? '') ||
    (!fromDomain && [...mail.headers.keys()].some((k) => k.startsWith('x-linkedin-')))
  );
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

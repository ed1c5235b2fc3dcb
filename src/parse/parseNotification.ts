/**
 * Raw email → what it is and who invites. Pure apart from reading the bytes it is given: no
 * network, no clock. Decides from structure first (sender domain, LinkedIn's link shapes and
 * template names) and from wording only where structure is silent, so a language it has never
 * seen still parses.
 */

import { singleLine } from '../text.ts';
import {
  type Authenticity,
  assessAuthenticity,
  domainOf,
  isLinkedInDomain,
  looksLikeLinkedIn,
} from './authenticity.ts';
import { htmlLines, type Line, normalizeSpace } from './htmlLines.ts';
import { type InvitationBody, readInvitationBody } from './invitationBody.ts';
import {
  ACCEPTED_PHRASES,
  defaultNoteLanguage,
  detectLanguage,
  INVITATION_PHRASES,
  REMINDER_PHRASES,
} from './languages.ts';
import { type LabelledLink, readLinks, textLinks } from './links.ts';
import { type MailInput, readMessage } from './readMessage.ts';

export type Kind = 'invitation' | 'reminder' | 'accepted' | 'other-linkedin' | 'not-linkedin';
export type NoteKind = 'none' | 'default' | 'personal';

export interface Inviter {
  name: string | null;
  firstName: string | null;
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

export interface ParseOptions {
  maxBytes?: number;
  /** Trust only the Authentication-Results header of this server (its authserv-id). */
  trustedAuthservId?: string | null;
  /** Verdict of our own DKIM check of a linkedin.com signature, when one was made. */
  dkimVerified?: boolean | null;
}

const NO_INVITER: Inviter = {
  name: null,
  firstName: null,
  headline: null,
  location: null,
  profileUrl: null,
  email: null,
};

export async function parseNotification(
  raw: Buffer,
  options: ParseOptions = {},
): Promise<Notification> {
  return interpret(await readMessage(raw, options.maxBytes), options);
}

export function interpret(mail: MailInput, options: ParseOptions = {}): Notification {
  const html = mail.html ? htmlLines(mail.html) : null;
  const textView = mail.text ? textLines(mail.text) : null;
  const links: LabelledLink[] = [
    ...(mail.text ? textLinks(mail.text) : []),
    ...(html?.links ?? []),
  ];
  const fromName = cleanName(mail.from?.name ?? '');
  const displayedName = fromName && !/linked\s*in/i.test(fromName) ? fromName : null;
  const recipientName = cleanName(mail.to[0]?.name ?? '') || null;
  const facts = readLinks(links, displayedName, recipientName);
  const templates = [...facts.templates, ...(mail.headers.get('x-linkedin-template') ?? [])];
  const visible = [...(textView ?? []), ...(html?.lines ?? [])].map((l) => l.text).join('\n');
  const kind = decideKind(
    mail,
    templates,
    facts.hasAcceptLink,
    `${mail.subject ?? ''}\n${visible}`.toLowerCase(),
  );

  const base = {
    messageId: mail.messageId,
    subject: (mail.subject && singleLine(mail.subject)) || null,
    date: mail.date?.toISOString() ?? null,
    recipient: mail.to[0]?.address ?? null,
    // A template named by a quoted or pasted LinkedIn mail is not this mail's.
    template: kind === 'not-linkedin' ? null : (templates[0] ?? null),
  };
  if (kind !== 'invitation' && kind !== 'reminder') {
    const claimsLinkedIn = kind !== 'not-linkedin';
    const verdict = claimsLinkedIn
      ? assessAuthenticity(authenticityInput(mail, [], options))
      : { authenticity: 'unverified' as const, reasons: ['does not claim to come from LinkedIn'] };
    return {
      ...base,
      kind,
      inviter: NO_INVITER,
      invitationId: null,
      invitationUrl: null,
      note: null,
      noteKind: 'none',
      language: claimsLinkedIn ? detectLanguage(visible, html?.lang ?? null, visible) : null,
      authenticity: verdict.authenticity,
      authenticityReasons: verdict.reasons,
    };
  }

  const context = {
    links,
    knownName: displayedName,
    recipientName,
    subject: (mail.subject && singleLine(mail.subject)) || null,
  };
  const body = mergeBodies(
    textView ? readInvitationBody(textView, context) : null,
    html ? readInvitationBody(html.lines, context) : null,
  );
  const name = body.name ? cleanName(body.name) : null;
  const profileUrl =
    name && name !== displayedName
      ? readLinks(links, name, recipientName).profileUrl
      : facts.profileUrl;
  const note = body.note;
  // Links are checked only here: an invitation is what a reply would answer. A URL the inviter
  // typed into the note is their text, not a button of the mail.
  const buttons = note ? links.filter((l) => !note.includes(l.href)) : links;
  const verdict = assessAuthenticity(authenticityInput(mail, buttons, options));
  const defaultLanguage = note ? defaultNoteLanguage(note) : null;
  const frame = note ? visible.split(note).join(' ') : visible;
  return {
    ...base,
    kind,
    inviter: {
      name,
      firstName: name ? firstNameOf(name) : null,
      headline: body.headline ? singleLine(body.headline) : null,
      location: body.location ? singleLine(body.location) : null,
      profileUrl,
      email: inviterEmail(mail),
    },
    invitationId: facts.invitationId,
    invitationUrl: facts.invitationUrl,
    note,
    noteKind: note === null ? 'none' : defaultLanguage ? 'default' : 'personal',
    language: detectLanguage(frame, html?.lang ?? null, visible) ?? defaultLanguage,
    authenticity: verdict.authenticity,
    authenticityReasons: verdict.reasons,
  };
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
function decideKind(
  mail: MailInput,
  templates: string[],
  hasAcceptLink: boolean,
  text: string,
): Kind {
  const fromDomain = domainOf(mail.from?.address ?? null);
  const fromLinkedIn = fromDomain !== null && isLinkedInDomain(fromDomain);
  const claimsLinkedIn =
    fromLinkedIn ||
    (fromDomain !== null && looksLikeLinkedIn(fromDomain)) ||
    /linked\s*in/i.test(mail.from?.name ?? '') ||
    (!fromDomain && [...mail.headers.keys()].some((k) => k.startsWith('x-linkedin-')));
  if (!claimsLinkedIn) return 'not-linkedin';
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

/** Text part → lines; a line with a URL, or a label whose URL stands on the next line, is a link. */
function textLines(text: string): Line[] {
  const rows = text.split(/\r?\n/).map((raw) => normalizeSpace(raw));
  return rows.map((line, i) => {
    const url = /https?:\/\/\S+/.exec(line)?.[0] ?? null;
    if (url)
      return { text: line, href: line.replace(url, '').replace(/[:\s]/g, '') === '' ? url : null };
    const next = rows[i + 1] ?? '';
    const labelOfNext = line !== '' && line.length <= 80 && /^https?:\/\/\S+$/.test(next);
    return { text: line, href: labelOfNext ? next : null };
  });
}

/**
 * The text part is LinkedIn's cleanest rendering; the HTML fills in what it leaves out. Where the
 * text part lists the name, it also lists the headline (if any) but never the location: so an
 * HTML detail line the text part lacks is the location.
 */
function mergeBodies(text: InvitationBody | null, html: InvitationBody | null): InvitationBody {
  if (!text)
    return html ?? { name: null, headline: null, location: null, note: null, nameLine: false };
  if (!html) return text;
  if (!text.nameLine) {
    return {
      ...text,
      name: text.name ?? html.name,
      headline: text.headline ?? html.headline,
      location: text.location ?? html.location,
    };
  }
  const sameHeadline = html.headline === text.headline;
  const location =
    text.location ??
    (sameHeadline
      ? html.location
      : text.headline === null && !html.location
        ? html.headline
        : null);
  return { ...text, location };
}

/**
 * "Jane Doe via LinkedIn" → "Jane Doe". Only the first line of a display name counts: anything
 * after an (encoded) line break is an attempt to smuggle in headers.
 */
function cleanName(name: string): string {
  return singleLine(name.split(/[\r\n]/)[0] ?? '')
    .replace(
      /\s+(?:via|über|par|por|a través de|por meio do|através do|tramite|melalui|door)\s+LinkedIn$/i,
      '',
    )
    .replace(/\s+\([^()]*\)$/, ''); // "Jane Doe (Director at X)": a headline, not part of the name
}

/** Credentials and suffixes after a comma ("Jane Doe, PhD", "John Smith, Jr."): not a first name. */
const SUFFIX = /^(?:jr|sr|esq|[ivx]+)\.?$/i;

function isCredential(word: string): boolean {
  return SUFFIX.test(word) || (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

const TITLES =
  /^(dr|prof|mr|mrs|ms|mx|sir|dame|herr|frau|m|mme|mlle|sr|sra|srta|dott|ing|ir|drs|bpk|ibu)\.?$/i;

/**
 * First word of the name, skipping titles; a name written without spaces (e.g. Chinese) stays
 * whole; "Smith, John" gives "John".
 */
export function firstNameOf(name: string): string {
  const [before = '', ...after] = name.split(',').map((part) => part.trim());
  const lastFirst =
    after[0] &&
    before.split(/\s+/).length <= 3 &&
    !after.every((part) => part.split(/\s+/).every(isCredential));
  // "Smith, John" is written surname first; "Jane Doe, MBA" carries a credential.
  const given = lastFirst ? (after[0] ?? name) : after.length > 0 && before ? before : name;
  const words = given.split(/\s+/).filter(Boolean);
  return words.find((w) => !TITLES.test(w)) ?? name;
}

/** The inviter's own address: a Reply-To outside LinkedIn that is not the recipient's. */
function inviterEmail(mail: MailInput): string | null {
  const own = new Set(mail.to.map((a) => a.address));
  for (const { address } of mail.replyTo) {
    const domain = domainOf(address);
    if (
      address &&
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

/**
 * What LinkedIn's own links say about a message: the inviter's profile, the invitation id, and
 * the name of the template that produced the email (carried in trk=, trkEmail=, ek= and lipi=
 * parameters). These are stable across languages and layouts, unlike wording.
 */
import { isLinkedInDomain } from './authenticity.ts';
import { PROFILE_WORDS } from './languages/index.ts';

export interface LinkFacts {
  profileUrl: string | null;
  invitationId: string | null;
  /** The accept or confirm link of the invitation, on linkedin.com. */
  invitationUrl: string | null;
  /** True when some link, on any host, has the shape of an accept or confirm link. */
  hasAcceptLink: boolean;
  /** Template names found in links on any host, e.g. "email_m2m_invite_single_01", "invite_guest". */
  templates: string[];
}

export interface LabelledLink {
  href: string;
  text: string;
}

const PROFILE_PATH = /^\/(?:comm\/)?(?:in\/[^/?#]+|profile\/view)/i;
const ACCEPT_PATH = /invite-accept|accept-invitation|\/blk\/I\d+_/i;
/** "View profile", "View Jane's profile", "Profil anzeigen"…: LinkedIn's own profile button. */
const PROFILE_LABEL = new RegExp(`(?<!\\p{L})(?:${PROFILE_WORDS.join('|')})(?!\\p{L})`, 'iu');

/**
 * What the links say. Ids and URLs are taken only from linkedin.com links (an imitation's links
 * are not the inviter's); the shape of a link counts on any host, so an imitation still reads as
 * the invitation it pretends to be. The profile link preferred is LinkedIn's "View profile"
 * button, then a link labelled with the inviter's name, then any, never the recipient's own.
 */
export function readLinks(
  links: LabelledLink[],
  inviterName: string | null,
  recipientName: string | null,
): LinkFacts {
  let profile: { url: string; score: number } | null = null;
  let invitationId: string | null = null;
  let invitationUrl: string | null = null;
  let hasAcceptLink = false;
  const templates = new Set<string>();

  for (const link of links) {
    const url = safeUrl(link.href);
    if (!url) continue;
    for (const name of templateNames(url)) templates.add(name);
    const accepts = isAcceptLink(url);
    if (accepts) hasAcceptLink = true;
    if (!isLinkedInDomain(url.hostname)) continue;
    const id = invitationIdOf(url);
    if (id) invitationId ??= id;
    if (accepts) invitationUrl ??= link.href;
    if (!PROFILE_PATH.test(url.pathname)) continue;
    const label = link.text.toLowerCase();
    if (recipientName && label.includes(recipientName.toLowerCase())) continue;
    const score = PROFILE_LABEL.test(label)
      ? 3
      : inviterName && label.includes(inviterName.toLowerCase())
        ? 2
        : 1;
    if (!profile || score > profile.score) profile = { url: link.href, score };
  }
  return {
    profileUrl: profile?.url ?? null,
    invitationId,
    invitationUrl,
    hasAcceptLink,
    templates: [...templates],
  };
}

/** An accept or confirm link: following it connects (…/invite-accept/…, ?invitationId=…). */
export function isAcceptLink(url: URL): boolean {
  return ACCEPT_PATH.test(url.pathname) || url.searchParams.has('invitationId');
}

/** LinkedIn's invitation id: the invitationId parameter or path segment (not the mailbox ids in mboxid or /blk/). */
function invitationIdOf(url: URL): string | null {
  const param = url.searchParams.get('invitationId');
  if (param && /^\d+$/.test(param)) return param;
  return /\/invitationId\/(\d+)(?:\/|$)/i.exec(url.pathname)?.[1] ?? null;
}

/** "eml-email_m2m_invite_single_01-hero-3-prof~name" → "email_m2m_invite_single_01", best first. */
function templateNames(url: URL): string[] {
  const names: string[] = [];
  const lipi = /urn:li:page:email_([A-Za-z0-9_]+)/.exec(url.searchParams.get('lipi') ?? '');
  if (lipi?.[1]) names.push(lipi[1]);
  // trkEmail names the email; trk and tracking often name only the button.
  for (const key of ['trkEmail', 'ek', 'trk', 'tracking']) {
    const value = url.searchParams.get(key) ?? '';
    const m = key === 'ek' ? /^([A-Za-z0-9_]+)$/.exec(value) : /^eml-([A-Za-z0-9_]+)/.exec(value);
    if (m?.[1]) names.push(m[1]);
  }
  return names;
}

/** Checked first: a thrown TypeError (with its stack) per broken href is costly on large mail. */
function safeUrl(href: string): URL | null {
  return URL.canParse(href) ? new URL(href) : null;
}

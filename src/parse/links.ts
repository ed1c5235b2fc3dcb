/**
 * What LinkedIn's own links say about a message: the inviter's profile, the invitation id, and
 * the name of the template that produced the email (carried in trk=, trkEmail=, ek= and lipi=
 * parameters). These are stable across languages and layouts, unlike wording. A link is
 * LinkedIn's only as `https:` on one of LinkedIn's hosts: the host of `javascript://www.linkedin.com/
 * …%0Aalert(1)` reads as LinkedIn's, but a click on it runs the sender's script.
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
const PROFILE_LINK = /^https?:\/\/[^/?#]*linkedin\.com\/(?:comm\/)?in\/([^/?#]+)/i;
const ACCEPT_PATH = /invite-accept|accept-invitation|\/blk\/I\d+_/i;
/** What an accept link's address holds somewhere, however it is written (isAcceptHref). */
const MAYBE_ACCEPT = /invit|accept|blk/i;
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
  // LinkedIn's "View profile" button is preferred, but once a link labelled with the inviter's
  // name says whose profile it is, only a button to that same profile: the mail may also hold
  // cards of people you may know, each with its own "View profile".
  let named: string | null = null;
  let any: string | null = null;
  const buttons: string[] = [];
  /** The best-placed profile link refused for its scheme or host: the inviter's, spoiled. */
  let refused = 0;
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
    const linkedIn = isLinkedInUrl(url);
    if (linkedIn) {
      const id = invitationIdOf(url);
      if (id) invitationId ??= id;
      if (accepts) invitationUrl ??= link.href;
    }
    if (!PROFILE_PATH.test(url.pathname)) continue;
    const label = link.text.toLowerCase();
    if (recipientName && label.includes(recipientName.toLowerCase())) continue;
    const score = PROFILE_LABEL.test(label)
      ? 3
      : inviterName && label.includes(inviterName.toLowerCase())
        ? 2
        : 1;
    if (!linkedIn) refused = Math.max(refused, score);
    else if (score === 3) buttons.push(link.href);
    else if (score === 2) named ??= link.href;
    else any ??= link.href;
  }
  const namedKey = named ? profileKey(named) : null;
  const button = namedKey ? buttons.find((href) => profileKey(href) === namedKey) : buttons[0];
  const best = button ?? named ?? any;
  const bestScore = button ? 3 : named ? 2 : any ? 1 : 0;
  // A lesser link (the recipient's own, in LinkedIn's header) never stands in for a refused one.
  const profileUrl = best && bestScore > refused ? best : null;
  return {
    profileUrl,
    invitationId,
    invitationUrl,
    hasAcceptLink,
    templates: [...templates],
  };
}

/** True for an `https:` address on LinkedIn's hosts: the only links taken as LinkedIn's. */
export function isLinkedInUrl(url: URL | string): boolean {
  const parsed = typeof url === 'string' ? safeUrl(url) : url;
  return parsed !== null && parsed.protocol === 'https:' && isLinkedInDomain(parsed.hostname);
}

/** An accept or confirm link: following it connects (…/invite-accept/…, ?invitationId=…). */
export function isAcceptLink(url: URL): boolean {
  return ACCEPT_PATH.test(url.pathname) || queryParam(url, 'invitationId') !== null;
}

/** The same, for an address as the mail gives it (a broken one accepts nothing). */
export function isAcceptHref(href: string): boolean {
  // Most links of a mail are no accept link, and say so without being parsed.
  if (!MAYBE_ACCEPT.test(href)) return false;
  const url = safeUrl(href);
  return url !== null && isAcceptLink(url);
}

/** LinkedIn's invitation id: the invitationId parameter or path segment (not the mailbox ids in mboxid or /blk/). */
function invitationIdOf(url: URL): string | null {
  const param = queryParam(url, 'invitationId');
  if (param && /^\d+$/.test(param)) return param;
  return /\/invitationId\/(\d+)(?:\/|$)/i.exec(url.pathname)?.[1] ?? null;
}

/** "eml-email_m2m_invite_single_01-hero-3-prof~name" → "email_m2m_invite_single_01", best first. */
function templateNames(url: URL): string[] {
  const names: string[] = [];
  const lipi = /urn:li:page:email_([A-Za-z0-9_]+)/.exec(queryParam(url, 'lipi') ?? '');
  if (lipi?.[1]) names.push(lipi[1]);
  // trkEmail names the email; trk and tracking often name only the button.
  for (const key of ['trkEmail', 'ek', 'trk', 'tracking']) {
    const value = queryParam(url, key) ?? '';
    const m = key === 'ek' ? /^([A-Za-z0-9_]+)$/.exec(value) : /^eml-([A-Za-z0-9_]+)/.exec(value);
    if (m?.[1]) names.push(m[1]);
  }
  return names;
}

/**
 * One query parameter, as `url.searchParams.get(name)` gives it, read off the query string alone:
 * `searchParams` decodes every parameter of LinkedIn's long tracking queries, a fifth of the time
 * spent on links.
 */
function queryParam(url: URL, name: string): string | null {
  const at = QUERY_PARAMS.get(name)?.exec(url.search);
  if (!at) return null;
  const value = (at[1] ?? '').replace(/\+/g, ' ');
  try {
    return decodeURIComponent(value);
  } catch {
    // A stray "%" is kept as written, as URLSearchParams keeps it.
    return new URLSearchParams(`v=${at[1] ?? ''}`).get('v');
  }
}

const QUERY_PARAMS = new Map(
  ['invitationId', 'lipi', 'trkEmail', 'ek', 'trk', 'tracking'].map((name) => [
    name,
    new RegExp(`(?:^\\?|&)${name}=([^&]*)`),
  ]),
);

/** Checked first: a thrown TypeError (with its stack) per broken href is costly on large mail. */
function safeUrl(href: string): URL | null {
  return URL.canParse(href) ? new URL(href) : null;
}

/** "https://www.linkedin.com/comm/in/jane-doe?trk=…" → "jane-doe": whose profile a link opens. */
export function profileKey(href: string): string | null {
  const vanity = PROFILE_LINK.exec(href)?.[1];
  if (!vanity) return null;
  try {
    return decodeURIComponent(vanity).toLowerCase();
  } catch {
    return vanity.toLowerCase();
  }
}

/**
 * Where a link rewritten by the recipient's mail gateway leads: Microsoft Defender Safe Links
 * (`…safelinks.protection.outlook.com/?url=…`) and Proofpoint URL Defense (v2 `?u=`, v3
 * `/v3/__…__;…`) wrap every link of a mail they let through, and send a click on to the link
 * inside once they have checked it. That link is what the mail says, so it is what the parser
 * reads: LinkedIn's profile and accept links, on the host they lead to. Anything else (a link
 * no gateway wrapped, a wrapper that does not decode) is returned as it is.
 */
export function unwrapGatewayLink(href: string): string {
  let current = href;
  // A gateway may wrap what another already wrapped; a few layers at most.
  for (let layer = 0; layer < 3; layer++) {
    const inner = innerLink(current);
    if (inner === null || !/^https?:\/\//i.test(inner)) return current;
    current = inner;
  }
  return current;
}

const GATEWAY_HOSTS = /safelinks\.protection\.outlook\.com|urldefense\./i;

/** The same for every URL written in a text (a text part's "Accept: URL" lines). */
export function unwrapGatewayLinksIn(text: string, urls: RegExp): string {
  return GATEWAY_HOSTS.test(text) ? text.replace(urls, unwrapGatewayLink) : text;
}

function innerLink(href: string): string | null {
  if (!GATEWAY_HOSTS.test(href)) return null;
  const url = safeUrl(href);
  if (!url) return null;
  const host = url.hostname.toLowerCase();
  if (host.endsWith('.safelinks.protection.outlook.com')) return url.searchParams.get('url');
  if (host === 'urldefense.proofpoint.com' && url.pathname === '/v2/url') {
    const u = url.searchParams.get('u');
    return u ? decodedOrNull(u.replace(/-/g, '%').replace(/_/g, '/')) : null;
  }
  if (host === 'urldefense.com') return urlDefenseV3(href);
  return null;
}

/** Proofpoint's own v3 decoding: each `*` takes the next of the characters listed after `__;`, `**x` a run of them. */
function urlDefenseV3(href: string): string | null {
  const m = /^https:\/\/urldefense\.com\/v3\/__(.+?)__;([A-Za-z0-9_-]*)!/.exec(href);
  if (!m?.[1]) return null;
  const replaced = [...Buffer.from(m[2] ?? '', 'base64url').toString('utf8')];
  let next = 0;
  const url = m[1].replace(/\*(\*.)?/g, (token) => {
    const length = token.length === 1 ? 1 : RUN_LENGTHS.indexOf(token[2] ?? '') + 2;
    const run = replaced.slice(next, next + length).join('');
    next += length;
    return run;
  });
  return next <= replaced.length ? url : null;
}

const RUN_LENGTHS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function decodedOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

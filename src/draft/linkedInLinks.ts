/**
 * Which LinkedIn link is which, for the draft's first line, the review page and the CLI alike.
 * "Open" must never accept: the user's rule is to ask a stranger where they met before
 * connecting, and LinkedIn's accept link (…/invite-accept/…, the email's big button) connects on
 * the first click. So "open" is the inviter's profile, else LinkedIn's invitation manager, and
 * the accept link is offered apart, by name, and only for someone the rules call known.
 * Only https links to LinkedIn itself count: the mail they come from is a stranger's to write.
 */
import { profileVanity } from '../classify/classify.ts';
import { isAcceptLink } from '../parse/links.ts';
import type { Notification } from '../parse/parseNotification.ts';

/** What the links are read from: the inviter's profile link, and LinkedIn's accept link. */
type Links = Pick<Notification, 'inviter' | 'invitationUrl'>;

/** LinkedIn's list of pending invitations: each can be read, ignored or accepted there, by hand. */
export const INVITATION_MANAGER = 'https://www.linkedin.com/mynetwork/invitation-manager/';

export interface LinkedInLinks {
  /** Where to read and answer the inviter without accepting. */
  open: { url: string; what: 'profile' | 'invitations' };
  /** LinkedIn's accept link: only for known people; null for everyone else. */
  accept: string | null;
}

/** Null for an imitation of LinkedIn: nothing it links to is offered. */
export function linkedInLinks(n: Links, category: string | null): LinkedInLinks | null {
  if (category === 'suspicious') return null;
  const profile = cleanProfileUrl(n.inviter.profileUrl);
  const open = profile
    ? { url: profile, what: 'profile' as const }
    : { url: INVITATION_MANAGER, what: 'invitations' as const };
  const accept = category === 'known' ? linkedInOnly(n.invitationUrl, true) : null;
  return { open, accept };
}

/**
 * LinkedIn's tracking parameters. The email template's name they carry is read when the mail is
 * parsed (parse/links.ts) and kept as the notification's `template`; nothing reads them later.
 */
const TRACKING = new Set(['trk', 'trkEmail', 'lipi']);

/**
 * The notification with its links as they are worth keeping (the store keeps these): the profile
 * link as cleanProfileUrl gives it, and the accept link without LinkedIn's tracking parameters,
 * its other parameters as they were (the sharedKey and the sign-in tokens may be needed to
 * accept). Every reader of a stored link finds the same in the kept one: the "open" and "accept"
 * links, the draft's profile link (cleanProfileUrl, which gives back a link it gave), and the
 * profile an answer is matched by (profileVanity); a profile link that would read otherwise is
 * kept whole.
 */
export function withKeptLinks<N extends Links>(n: N): N {
  const profile = n.inviter.profileUrl;
  const cleaned = cleanProfileUrl(profile);
  const keptProfile =
    cleaned !== null && profileVanity(cleaned) === profileVanity(profile) ? cleaned : profile;
  return {
    ...n,
    inviter: { ...n.inviter, profileUrl: keptProfile },
    invitationUrl: n.invitationUrl === null ? null : withoutTracking(n.invitationUrl),
  };
}

/** The link without the TRACKING parameters, every other character as it was. */
function withoutTracking(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const fragment = url.indexOf('#', query);
  const end = fragment < 0 ? url.length : fragment;
  const kept = url
    .slice(query + 1, end)
    .split('&')
    .filter((pair) => !TRACKING.has(pair.split('=')[0] ?? ''));
  return `${url.slice(0, query)}${kept.length > 0 ? `?${kept.join('&')}` : ''}${url.slice(end)}`;
}

/**
 * The profile link without LinkedIn's tracking and sign-in tokens: "/comm/in/jane?midToken=…"
 * → "/in/jane", "/comm/profile/view?id=X&authToken=…" → "/profile/view?id=X".
 */
export function cleanProfileUrl(url: string | null): string | null {
  // Records stored before the parser kept only https links on LinkedIn get the same rule here.
  const checked = linkedInOnly(url);
  if (!checked) return null;
  const vanity = /^https:\/\/(?:[\w-]+\.)*linkedin\.com\/(?:comm\/)?in\/([^/?#]+)/i.exec(checked);
  if (vanity) return `https://www.linkedin.com/in/${vanity[1]}`;
  const byId =
    /^https:\/\/(?:[\w-]+\.)*linkedin\.com\/(?:comm\/)?profile\/view\?(?:.*&)?id=([^&#]+)/i.exec(
      checked,
    );
  return byId ? `https://www.linkedin.com/profile/view?id=${byId[1]}` : checked;
}

/** The URL when it is https on linkedin.com and accepts exactly when `accepting` says so. */
function linkedInOnly(url: string | null, accepting = false): string | null {
  if (!url || !URL.canParse(url)) return null;
  const u = new URL(url);
  if (u.protocol !== 'https:' || !/(^|\.)linkedin\.com$/i.test(u.hostname)) return null;
  return isAcceptLink(u) === accepting ? u.href : null;
}

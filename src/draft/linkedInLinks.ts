/**
 * Which LinkedIn link is which, for the draft's first line, the review page and the CLI alike.
 * "Open" must never accept: the user's rule is to ask a stranger where they met before
 * connecting, and LinkedIn's accept link (…/invite-accept/…, the email's big button) connects on
 * the first click. So "open" is the inviter's profile, else LinkedIn's invitation manager, and
 * the accept link is offered apart, by name, and only for someone the rules call known.
 * Only https links to LinkedIn itself count: the mail they come from is a stranger's to write.
 */
import { isAcceptLink } from '../parse/links.ts';
import type { Notification } from '../parse/parseNotification.ts';

/** LinkedIn's list of pending invitations: each can be read, ignored or accepted there, by hand. */
export const INVITATION_MANAGER = 'https://www.linkedin.com/mynetwork/invitation-manager/';

export interface LinkedInLinks {
  /** Where to read and answer the inviter without accepting. */
  open: { url: string; what: 'profile' | 'invitations' };
  /** LinkedIn's accept link: only for known people; null for everyone else. */
  accept: string | null;
}

/** Null for an imitation of LinkedIn: nothing it links to is offered. */
export function linkedInLinks(n: Notification, category: string | null): LinkedInLinks | null {
  if (category === 'suspicious') return null;
  const profile = cleanProfileUrl(n.inviter.profileUrl);
  const open = profile
    ? { url: profile, what: 'profile' as const }
    : { url: INVITATION_MANAGER, what: 'invitations' as const };
  const accept = category === 'known' ? linkedInOnly(n.invitationUrl, true) : null;
  return { open, accept };
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

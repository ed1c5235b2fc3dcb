/**
 * Which invitation a notification belongs to. An invitation, its reminders and a second copy
 * of the same email share LinkedIn's invitation id, the inviter's profile or the Message-ID; each
 * known one becomes an alias, and the first (most specific) names the invitation.
 */
import { createHash } from 'node:crypto';
import { profileVanity } from '../classify/classify.ts';
import type { Notification } from '../parse/parseNotification.ts';

export function invitationAliases(n: Notification): { key: string; aliases: string[] } {
  const aliases: string[] = [];
  if (n.invitationId) aliases.push(`id-${n.invitationId}`);
  const vanity = profileVanity(n.inviter.profileUrl);
  const profileId = profileParam(n.inviter.profileUrl);
  if (vanity) aliases.push(`in-${hash(vanity)}`);
  else if (profileId) aliases.push(`pid-${hash(profileId)}`);
  if (n.messageId) aliases.push(`msg-${hash(n.messageId)}`);
  if (aliases.length === 0) {
    // Nothing identifies it: fall back on what the email says, so an exact copy still matches.
    aliases.push(`txt-${hash(JSON.stringify([n.inviter.name, n.note, n.date]))}`);
  }
  return { key: aliases[0] as string, aliases };
}

/** /comm/profile/view?id=AAsAA… → the member id LinkedIn put in the link. */
function profileParam(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return /\/profile\/view/.test(u.pathname) ? u.searchParams.get('id') : null;
  } catch {
    return null;
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

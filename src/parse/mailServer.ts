/**
 * Which server is the user's own, learned from the mailbox: a receiving server adds its
 * Authentication-Results above every other header of every mail it takes in, whoever sent it,
 * while a header a sender wrote shows up only on that sender's mail. So the authserv-id topmost
 * on mail from many unrelated senders (counted by their domains) is the user's server. Pure: the
 * counts come from a sample of the mailbox (src/sync/mailServer.ts, src/store/mailServers.ts).
 */
import { authservId } from './authenticity.ts';

/** Distinct sender domains under one topmost authserv-id ("" for a header that names none). */
export interface ServerCount {
  authservId: string;
  senders: number;
}

/** Fewer unrelated senders than this prove nothing: a mailbox of one sender's mail, or a new one. */
export const MIN_SENDERS = 5;

/**
 * The user's server, or null while the mailbox does not tell. `allSenders` counts every sender
 * domain sampled, with or without the header. The winner must be topmost on mail from at least
 * MIN_SENDERS domains, from half of all senders (so a few senders writing their own headers
 * cannot outvote a server that writes none), and from more than twice as many as any other id.
 */
export function learnedMailServer(counts: ServerCount[], allSenders: number): string | null {
  const ranked = [...counts].sort((a, b) => b.senders - a.senders);
  const [top, next] = ranked;
  if (!top || top.senders < MIN_SENDERS) return null;
  if (top.senders * 2 < allSenders) return null;
  if (next && top.senders <= next.senders * 2) return null;
  return top.authservId;
}

/**
 * The authserv-id of the topmost Authentication-Results in a header block (as IMAP's
 * BODY[HEADER.FIELDS (Authentication-Results)] returns it), or null when there is none.
 */
export function topAuthservId(headerBlock: string): string | null {
  const unfolded = headerBlock.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const m = /^authentication-results:(.*)$/i.exec(line);
    if (m) return authservId(m[1] ?? '');
  }
  return null;
}

/**
 * Is this mail the stranger's answer to our "where did we meet?", and to which invitation? Pure:
 * it is handed the mail's headers (and, for LinkedIn, what its body says) and the invitations we
 * asked, and decides from those alone, so every rule is tested without a server.
 *
 * - An email answer is mail in the thread of our question (its In-Reply-To or References name the
 *   Message-ID of our reply or of the LinkedIn notification it replied to: clients that send our
 *   draft under a new Message-ID keep the notification's in References), or mail from the
 *   inviter's own address once the question went out.
 * - A LinkedIn answer is LinkedIn's "new message" notification from the person asked: matched by
 *   their profile link where the notification carries one, else by name. A name two asked
 *   invitations share is not guessed: both are possible matches.
 * - Mail from anyone else is never an answer, whatever its subject: our own address, LinkedIn's
 *   other mail, and strangers writing "Re: where did we meet?" out of the thread.
 */
import { profileVanity } from '../classify/classify.ts';
import { domainOf, isLinkedInDomain } from '../parse/authenticity.ts';
import { sameName } from '../parse/names.ts';

/** One invitation we asked (or whose draft may have been sent already): what an answer names. */
export interface AskedInvitation {
  key: string;
  /** pending: the draft may have been sent from a mail client not yet noticed; thread mail only. */
  status: 'pending' | 'sending' | 'approved' | 'sent' | 'replied';
  /** When the question went out (decided), or was drafted for a pending one; ISO. */
  askedAt: string | null;
  /** Message-IDs of our reply and of the notification it answered, with angle brackets. */
  threadIds: string[];
  /** The inviter's own addresses, lower case: where the draft went, the invitation's Reply-To. */
  addresses: string[];
  name: string | null;
  profileUrl: string | null;
}

/** What the headers of a mail say, as recognition needs them. */
export interface MailHeads {
  fromAddress: string | null;
  fromName: string | null;
  inReplyTo: string | null;
  references: string[];
  date: string | null;
}

/** What LinkedIn's message notification says about who wrote (see linkedInMessage.ts). */
export interface MessageSender {
  name: string | null;
  profileUrl: string | null;
}

export type Recognition =
  | {
      kind: 'answer';
      key: string;
      via: 'email' | 'linkedin';
      /** What tied the mail to the invitation. */
      by: 'thread' | 'address' | 'profile' | 'name';
    }
  | { kind: 'possible'; keys: string[]; via: 'linkedin'; by: 'name' }
  | { kind: 'none' };

const NONE: Recognition = { kind: 'none' };

/** Statuses in which the question has gone out for sure. */
const ASKED = new Set<AskedInvitation['status']>(['approved', 'sent', 'replied']);

/**
 * An email answer. `own`: the account's own addresses (its mail in a thread is not an answer).
 * Mail from LinkedIn is never an email answer: its message notifications are recognised by
 * `recognizeLinkedInAnswer`.
 */
export function recognizeEmailAnswer(
  mail: MailHeads,
  asked: readonly AskedInvitation[],
  own: readonly string[],
): Recognition {
  const from = mail.fromAddress?.toLowerCase() ?? null;
  const domain = domainOf(from);
  if (!from || !domain || isLinkedInDomain(domain)) return NONE;
  if (own.some((a) => a.toLowerCase() === from)) return NONE;
  const thread = new Set([mail.inReplyTo, ...mail.references].filter(isPresent));
  const inThread = asked.filter((a) => a.threadIds.some((id) => thread.has(id)));
  const byThread = newest(inThread);
  if (byThread) return { kind: 'answer', key: byThread.key, via: 'email', by: 'thread' };
  const fromInviter = asked.filter(
    (a) => ASKED.has(a.status) && a.addresses.includes(from) && !before(mail.date, a.askedAt),
  );
  const byAddress = newest(fromInviter);
  if (byAddress) return { kind: 'answer', key: byAddress.key, via: 'email', by: 'address' };
  return NONE;
}

/** A LinkedIn message notification from `sender`: whose answer is it? */
export function recognizeLinkedInAnswer(
  sender: MessageSender,
  date: string | null,
  asked: readonly AskedInvitation[],
): Recognition {
  const open = asked.filter((a) => ASKED.has(a.status) && !before(date, a.askedAt));
  const vanity = profileVanity(sender.profileUrl);
  if (vanity) {
    const byProfile = newest(open.filter((a) => profileVanity(a.profileUrl) === vanity));
    if (byProfile) return { kind: 'answer', key: byProfile.key, via: 'linkedin', by: 'profile' };
  }
  const name = sender.name;
  if (!name) return NONE;
  // A profile link on both sides that differs is another person of the same name.
  const named = open.filter(
    (a) =>
      a.name !== null &&
      sameName(a.name, name) &&
      !(vanity && profileVanity(a.profileUrl) && profileVanity(a.profileUrl) !== vanity),
  );
  const only = named[0];
  if (named.length === 1 && only)
    return { kind: 'answer', key: only.key, via: 'linkedin', by: 'name' };
  if (named.length > 1)
    return { kind: 'possible', keys: named.map((a) => a.key), via: 'linkedin', by: 'name' };
  return NONE;
}

/** Message-IDs in a References or In-Reply-To header value: "<a@b> <c@d>" → ["<a@b>", "<c@d>"]. */
export function messageIds(value: string | null | undefined): string[] {
  return value ? (value.match(/<[^<>\s]+>/g) ?? []) : [];
}

function isPresent(s: string | null): s is string {
  return s !== null && s !== '';
}

/** The mail is dated before the question went out (a mail without a date is not). */
function before(date: string | null, askedAt: string | null): boolean {
  if (!date || !askedAt) return false;
  const d = Date.parse(date);
  const a = Date.parse(askedAt);
  // Clocks of strangers' servers drift: a few minutes of skew is not "before".
  return !Number.isNaN(d) && !Number.isNaN(a) && d < a - 10 * 60 * 1000;
}

/** Of several invitations (the same person invited twice), the one asked last. */
function newest(list: AskedInvitation[]): AskedInvitation | undefined {
  return [...list].sort((a, b) => (b.askedAt ?? '').localeCompare(a.askedAt ?? ''))[0];
}

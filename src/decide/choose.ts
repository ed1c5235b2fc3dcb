/**
 * Which candidate messages are worth downloading, decided from their headers alone. Pure.
 *
 * The body of every invitation, reminder and imitation is read; LinkedIn's other mail (job
 * alerts, digests, messages, security notices) is skipped, but only when its headers say so
 * positively. Anything unclear is read: a needless download costs a few kilobytes, a skipped
 * invitation costs the user an answer. An imitation that forges a job-alert template is skipped
 * harmlessly: imitations never get a draft.
 */
export interface HeaderSummary {
  uid: number;
  size: number;
  /** Arrival at the server (INTERNALDATE), for the arrival-to-draft measure. */
  arrivedAt: Date | null;
  fromAddress: string | null;
  subject: string | null;
  template: string | null;
}

export type Choice = 'read' | 'skip' | 'too-large';

/** LinkedIn template names of invitations and their reminders: invite_member_28, inv_rmd, … */
const INVITATION_TEMPLATE = /invit|inv_|remind|connect/i;

/** LinkedIn senders that send no invitations (2015-2026). */
const OTHER_SENDERS = new Set([
  'jobalerts-noreply',
  'jobs-noreply',
  'jobs-listings',
  'messages-noreply',
  'messaging-digest-noreply',
  'notifications-noreply',
  'news',
  'newsletters-noreply',
  'editors-noreply',
  'groups-noreply',
  'security-noreply',
  'dmarc-noreply',
  'learning-noreply',
  'updates-noreply',
]);

/** Words of invitation subjects in the languages LinkedIn writes them in. */
const INVITATION_SUBJECT =
  /invit|connect|netzwerk|vernetz|kontakt|r[ée]seau|\bred\b|\brede\b|netwerk|\brete\b|jaringan|convit|conect|zaproszen|davet|招待|邀请|초대/i;

/** LinkedIn's notices of a message someone sent the user: read while an answer is awaited. */
const MESSAGE_TEMPLATE = /member_message|messaging|new_message|inmail/i;

/**
 * `awaitingAnswers`: some invitation's question went out, so LinkedIn's message notifications
 * may carry its answer (src/answer/linkedInMessage.ts) and are read too.
 */
export function chooseToRead(
  message: HeaderSummary,
  maxBytes: number,
  awaitingAnswers = false,
): Choice {
  const aMessage =
    awaitingAnswers &&
    (MESSAGE_TEMPLATE.test(message.template ?? '') ||
      /^messages-noreply@/i.test(message.fromAddress ?? ''));
  if (!aMessage && isOtherLinkedInMail(message)) return 'skip';
  return message.size > maxBytes ? 'too-large' : 'read';
}

function isOtherLinkedInMail(m: HeaderSummary): boolean {
  const address = m.fromAddress?.toLowerCase() ?? '';
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  if (at < 0 || !(domain === 'linkedin.com' || domain.endsWith('.linkedin.com'))) return false;
  if (INVITATION_SUBJECT.test(m.subject ?? '')) return false;
  if (m.template) return !INVITATION_TEMPLATE.test(m.template);
  return OTHER_SENDERS.has(address.slice(0, at));
}

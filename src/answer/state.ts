/**
 * Where an invitation stands after our question: awaiting an answer, answered (or a possible
 * answer, when the sender's name fits two invitations), no answer after rules.answerWaitDays,
 * then the person's decision: accepted or ignored on LinkedIn. Pure.
 */
export type AnswerState =
  | 'awaiting answer'
  | 'answered'
  | 'possible answer'
  | 'no answer'
  | 'accepted'
  | 'ignored';

export interface AnswerFacts {
  /** When the question went out; null: it did not (or not that we know). */
  askedAt: string | null;
  match: 'sure' | 'possible' | null;
  decision: 'accepted' | 'ignored' | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function answerState(facts: AnswerFacts, now: Date, waitDays: number): AnswerState | null {
  if (facts.decision) return facts.decision;
  if (facts.match === 'sure') return 'answered';
  if (facts.match === 'possible') return 'possible answer';
  if (!facts.askedAt) return null;
  const asked = Date.parse(facts.askedAt);
  if (Number.isNaN(asked)) return 'awaiting answer';
  return now.getTime() - asked >= waitDays * DAY_MS ? 'no answer' : 'awaiting answer';
}

/** LinkedIn's page of received invitations, where one is ignored (or accepted) in one step. */
export const INVITATION_MANAGER = 'https://www.linkedin.com/mynetwork/invitation-manager/';

/**
 * The invitation's own accept link from LinkedIn's mail, when it is an https link to LinkedIn
 * (www.linkedin.com; the mail is a stranger's to write); else the invitation manager, where it
 * is found too.
 */
export function acceptTarget(invitationUrl: string | null): string {
  if (!invitationUrl) return INVITATION_MANAGER;
  try {
    const u = new URL(invitationUrl);
    // Only LinkedIn's main host: the review page's Content-Security-Policy lets forms go there.
    return u.protocol === 'https:' && /^(www\.)?linkedin\.com$/i.test(u.hostname)
      ? u.href
      : INVITATION_MANAGER;
  } catch {
    return INVITATION_MANAGER;
  }
}

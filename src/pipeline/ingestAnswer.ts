/**
 * One downloaded message that is no invitation → is it a stranger's answer to our question, and
 * to which invitation? Recognition is the core's (src/answer/); this step gathers what it needs
 * (the invitations asked, the account's own addresses), records what it finds once (the store's
 * answers.ts makes a second reading or a second source harmless), and says so in the history.
 * Nothing is ever sent from here, and a message it cannot read is simply not an answer: the
 * invitation pipeline has recorded it already.
 */
import { excerptOf } from '../answer/excerpt.ts';
import { isLinkedInMessage, readLinkedInMessage } from '../answer/linkedInMessage.ts';
import {
  type AskedInvitation,
  messageIds,
  type Recognition,
  recognizeEmailAnswer,
  recognizeLinkedInAnswer,
} from '../answer/recognize.ts';
import { pitchPhrasesIn, type Rules } from '../classify/classify.ts';
import type { Events } from '../events.ts';
import { assessAuthenticity } from '../parse/authenticity.ts';
import { htmlLines } from '../parse/htmlLines.ts';
import { type MailInput, readMessage } from '../parse/readMessage.ts';
import type { AnswerStore } from '../store/answers.ts';
import type { InvitationRecord, MessageRef } from '../store/records.ts';

export interface AnswerDeps {
  account: string;
  answers: Pick<AnswerStore, 'askedKeys' | 'record'>;
  getInvitation(key: string): Promise<InvitationRecord | null>;
  /** Keys of drafts still pending: one may have been sent from a mail client already. */
  pendingKeys(): Promise<string[]>;
  /** Pending drafts already read, kept between calls (askedInvitations); none: read each time. */
  pendingRead?: PendingRead;
  settings(): {
    rules: Rules;
    ownAddress: string | null;
    trustedAuthservId: string | null;
    maxMessageBytes: number;
  };
  events: Events;
  now(): Date;
}

export type AnswerOutcome =
  | { kind: 'answer'; key: string; recorded: boolean }
  | { kind: 'possible'; keys: string[] }
  | { kind: 'none' };

export async function ingestAnswer(
  message: { ref: MessageRef; source: Buffer },
  deps: AnswerDeps,
): Promise<AnswerOutcome> {
  const settings = deps.settings();
  let mail: MailInput;
  try {
    mail = await readMessage(message.source, settings.maxMessageBytes);
  } catch {
    return { kind: 'none' };
  }
  const asked = await askedInvitations(deps);
  if (asked.length === 0) return { kind: 'none' };
  const read = recognize(mail, asked, settings);
  return read ? recordAnswer(read, message.ref, settings.rules, deps) : { kind: 'none' };
}

interface ReadAnswer {
  recognition: Exclude<Recognition, { kind: 'none' }>;
  text: string | null;
  from: string | null;
}

/** Whom the mail answers, with its text and sender; null when it answers no one asked. */
function recognize(
  mail: MailInput,
  asked: Asked[],
  settings: ReturnType<AnswerDeps['settings']>,
): ReadAnswer | null {
  const date = mail.date?.toISOString() ?? null;
  if (isLinkedInMessage(mail)) {
    // A message notification that LinkedIn did not send is nobody's answer.
    if (!fromLinkedInItself(mail, settings.trustedAuthservId)) return null;
    const read = readLinkedInMessage(mail);
    const recognition = recognizeLinkedInAnswer(read.sender, date, asked);
    if (recognition.kind === 'none') return null;
    return { recognition, text: read.text, from: read.sender.name };
  }
  // The user's own mail in a thread (a copy, a follow-up) is not an answer.
  const own = [settings.ownAddress, ...asked.map((a) => a.recipient)].filter((a): a is string =>
    Boolean(a),
  );
  const recognition = recognizeEmailAnswer(
    {
      fromAddress: mail.from?.address ?? null,
      fromName: mail.from?.name ?? null,
      inReplyTo: messageIds(mail.headers.get('in-reply-to')?.[0])[0] ?? null,
      references: messageIds(mail.headers.get('references')?.join(' ')),
      date,
    },
    asked,
    own,
  );
  if (recognition.kind === 'none') return null;
  return { recognition, text: bodyText(mail), from: mail.from?.address ?? null };
}

/** Kept on the invitation it answers, or on each it may answer when a name is shared. */
async function recordAnswer(
  { recognition, text, from }: ReadAnswer,
  ref: MessageRef,
  rules: Rules,
  deps: AnswerDeps,
): Promise<AnswerOutcome> {
  const at = deps.now();
  const excerpt = excerptOf(text);
  const pitch = excerpt ? pitchPhrasesIn(excerpt, rules) : [];
  const { via, by } = recognition;
  const answer = {
    at,
    via,
    by,
    from,
    source: `${ref.mailbox}|${ref.uidValidity}|${ref.uid}`,
    excerpt,
    pitch,
  };
  const event = {
    at: at.toISOString(),
    via,
    by,
    from,
    mailbox: ref.mailbox,
    uid: ref.uid,
    ...(pitch.length > 0 ? { pitch } : {}),
  };
  if (recognition.kind === 'possible') {
    for (const key of recognition.keys) {
      const others = recognition.keys.filter((k) => k !== key);
      await deps.answers.record(
        key,
        { ...answer, match: 'possible', possibleWith: others },
        { ...event, event: 'possible-answer', sameNameAs: others },
      );
    }
    return { kind: 'possible', keys: recognition.keys };
  }
  const recorded = await deps.answers.record(
    recognition.key,
    { ...answer, match: 'sure', possibleWith: [] },
    { ...event, event: 'answered' },
  );
  if (recorded)
    deps.events.emit('answer.recorded', {
      account: deps.account,
      key: recognition.key,
      via,
      pitch: pitch.length > 0,
    });
  return { kind: 'answer', key: recognition.key, recorded };
}

type Asked = AskedInvitation & { recipient: string | null };

/**
 * What askedInvitations read of pending drafts, by key. While a key stays in the pending index
 * its record is pending (a decision or an approval takes it out in the same step), and what an
 * answer would name (the draft's Message-ID and recipient, the invitation's) does not change:
 * it is read once, not at every catch-up pass and every message read (issue 23).
 */
export type PendingRead = Map<string, Asked>;

/** The invitations whose answer may come now: asked ones, and drafts perhaps sent already. */
export async function askedInvitations(
  deps: Pick<AnswerDeps, 'getInvitation' | 'pendingKeys' | 'pendingRead' | 'now'> & {
    answers: Pick<AnswerStore, 'askedKeys'>;
  },
): Promise<Asked[]> {
  const asked = new Set(await deps.answers.askedKeys(deps.now()));
  const pending = new Set(await deps.pendingKeys());
  const known = deps.pendingRead;
  for (const key of known?.keys() ?? []) if (!pending.has(key)) known?.delete(key);
  const read = async (key: string): Promise<Asked | null> => {
    const stillPending = pending.has(key) && !asked.has(key);
    const kept = stillPending ? known?.get(key) : undefined;
    if (kept) return kept;
    const record = await deps.getInvitation(key);
    const found = record ? askedOf(record) : null;
    if (stillPending && found?.status === 'pending') known?.set(key, found);
    return found;
  };
  const found = await Promise.all([...new Set([...asked, ...pending])].map(read));
  return found.filter((a): a is Asked => a !== null);
}

/** What an answer to this invitation would name; null when no question went out or may have. */
export function askedOf(r: InvitationRecord): Asked | null {
  const status = r.draftStatus;
  if (
    status !== 'pending' &&
    status !== 'sending' &&
    status !== 'approved' &&
    status !== 'sent' &&
    status !== 'replied'
  )
    return null;
  const n = r.notification;
  const lower = (a: string | null) => (a ? [a.toLowerCase()] : []);
  return {
    key: r.key,
    status,
    askedAt: r.decidedAt ?? r.draftedAt,
    threadIds: [r.draftMessageId, n.messageId].filter((id): id is string => Boolean(id)),
    addresses: [...new Set([...lower(r.draftTo), ...lower(n.inviter.email)])],
    name: n.inviter.name,
    profileUrl: n.inviter.profileUrl,
    recipient: n.recipient,
  };
}

/** Terms the server's SEARCH finds answers by: Message-IDs of threads, and inviters' addresses. */
export function answerTerms(asked: AskedInvitation[]): {
  threadIds: string[];
  addresses: string[];
} {
  const threadIds = new Set<string>();
  const addresses = new Set<string>();
  for (const a of asked) {
    for (const id of a.threadIds) threadIds.add(id);
    if (a.status !== 'pending' && a.status !== 'sending')
      for (const address of a.addresses) addresses.add(address);
  }
  return { threadIds: [...threadIds], addresses: [...addresses] };
}

/**
 * A message notification is taken only from LinkedIn itself: its own domain, and no sign of an
 * imitation (a stranger can write "Jane via LinkedIn" in any From).
 */
function fromLinkedInItself(mail: MailInput, trustedAuthservId: string | null): boolean {
  const verdict = assessAuthenticity({
    fromAddress: mail.from?.address ?? null,
    fromName: mail.from?.name ?? null,
    authenticationResults: mail.headers.get('authentication-results') ?? [],
    trustedAuthservId,
    linkHrefs: [],
    dkimVerified: null,
  });
  const domain = mail.from?.address?.split('@').pop()?.toLowerCase() ?? '';
  return verdict.authenticity !== 'suspicious' && /(^|\.)linkedin\.com$/.test(domain);
}

/** The text a person wrote: the text part, else the visible lines of the HTML. */
function bodyText(mail: MailInput): string | null {
  if (mail.text) return mail.text;
  if (!mail.html) return null;
  try {
    return htmlLines(mail.html)
      .lines.map((l) => l.text)
      .join('\n');
  } catch {
    return null;
  }
}

/**
 * Puts back in the `asked` index every question that went out but is missing from it: recorded
 * before answers were looked for, or by a process that stopped between recording the decision and
 * marking it asked. Looks at invitations first seen within `days`, newest first; how many it added.
 */
export async function backfillAsked(deps: {
  invitationKeys(offset: number, count: number): Promise<string[]>;
  getInvitation(key: string): Promise<InvitationRecord | null>;
  answers: Pick<AnswerStore, 'get' | 'markAsked' | 'askedSince'>;
  days: number;
  now(): Date;
}): Promise<number> {
  const since = deps.now().getTime() - deps.days * 24 * 60 * 60 * 1000;
  const asked = await deps.answers.askedSince();
  let added = 0;
  for (let offset = 0; ; offset += 200) {
    const keys = await deps.invitationKeys(offset, 200);
    const records = await Promise.all(keys.map((k) => deps.getInvitation(k)));
    for (const r of records) {
      if (!r || asked.has(r.key) || !r.decidedAt) continue;
      if (r.draftStatus !== 'approved' && r.draftStatus !== 'sent' && r.draftStatus !== 'replied')
        continue;
      const answer = await deps.answers.get(r.key);
      if (answer?.match === 'sure' || answer?.decision) continue;
      await deps.answers.markAsked(r.key, new Date(r.decidedAt));
      added++;
    }
    const oldest = records.at(-1)?.firstSeenAt;
    if (keys.length < 200 || (oldest && Date.parse(oldest) < since)) return added;
  }
}

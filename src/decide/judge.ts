/**
 * What became of a draft, decided from what the mailbox shows; pure, so every rule is tested
 * without a server. Mail clients give a sent copy a new Message-ID and may drop our header, and
 * an edited draft is a new message under a new UID; what survives both is In-Reply-To and
 * References, which point at LinkedIn's notification, and the recipient.
 */
import type { Notification } from '../parse/parseNotification.ts';

/** What these decisions read of an invitation record (the store's InvitationRecord has more). */
export interface DraftFacts {
  key: string;
  notification: Pick<Notification, 'messageId'>;
  draftUid: number | null;
  draftMessageId: string | null;
  draftTo: string | null;
  draftedAt: string | null;
  draftEditedAt: string | null;
}

/** One message in Drafts, as far as matching needs it. */
export interface DraftSummary {
  uid: number;
  /** RFC822.SIZE: a copy written twice has the same size; an edited one almost never does. */
  size: number;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Our X-Wherewemet-Invitation header, when the client kept it. */
  invitation: string | null;
}

/** A message in Sent that replies to the notification. */
export interface SentReply {
  uid: number;
  recipients: string[];
}

export type DraftWhereabouts =
  | { where: 'in-place'; uid: number }
  | { where: 'moved'; uid: number }
  | { where: 'missing' };

/**
 * The drafts of one look at Drafts, indexed by what ties a draft to an invitation, so that
 * matching every pending invitation costs a lookup each, not a scan of every draft.
 */
export interface DraftsIndex {
  byUid: Map<number, DraftSummary>;
  byInvitation: Map<string, DraftSummary[]>;
  byMessageId: Map<string, DraftSummary[]>;
  /** By each Message-ID in In-Reply-To and References. */
  byThread: Map<string, DraftSummary[]>;
}

export function indexDrafts(drafts: DraftSummary[]): DraftsIndex {
  const index: DraftsIndex = {
    byUid: new Map(),
    byInvitation: new Map(),
    byMessageId: new Map(),
    byThread: new Map(),
  };
  const add = (map: Map<string, DraftSummary[]>, key: string | null, d: DraftSummary) => {
    if (key === null) return;
    const list = map.get(key);
    if (list) list.push(d);
    else map.set(key, [d]);
  };
  for (const d of drafts) {
    index.byUid.set(d.uid, d);
    add(index.byInvitation, d.invitation, d);
    add(index.byMessageId, d.messageId, d);
    for (const id of new Set([d.inReplyTo, ...d.references])) add(index.byThread, id, d);
  }
  return index;
}

/** Finds the record's draft in Drafts: at its UID, else a newer version that threads the same. */
export function locateDraft(record: DraftFacts, drafts: DraftsIndex): DraftWhereabouts {
  const candidates = belongingTo(record, drafts);
  const same = candidates.find((d) => d.uid === record.draftUid);
  if (same) return { where: 'in-place', uid: same.uid };
  // Several versions can coexist for a moment while a client saves; the newest is the live one.
  const newest = candidates.sort((a, b) => b.uid - a.uid)[0];
  return newest ? { where: 'moved', uid: newest.uid } : { where: 'missing' };
}

/**
 * Second copies of our own untouched draft, written by a worker that stalled after its APPEND
 * and never learned it had lost the invitation: same invitation, same Message-ID and size as the
 * draft we recorded, under another UID. A version the user edited never matches all three.
 */
export function duplicateCopies(record: DraftFacts, drafts: DraftsIndex): number[] {
  const ours = record.draftUid === null ? undefined : drafts.byUid.get(record.draftUid);
  if (!ours || !record.draftMessageId || ours.messageId !== record.draftMessageId) return [];
  return (drafts.byInvitation.get(record.key) ?? [])
    .filter((d) => d.uid !== ours.uid && d.messageId === ours.messageId && d.size === ours.size)
    .map((d) => d.uid);
}

/** Our header, our Message-ID, or a reply in the notification's thread. */
function belongingTo(record: DraftFacts, drafts: DraftsIndex): DraftSummary[] {
  const found = new Map<number, DraftSummary>();
  const notificationId = record.notification.messageId;
  for (const list of [
    drafts.byInvitation.get(record.key),
    record.draftMessageId ? drafts.byMessageId.get(record.draftMessageId) : undefined,
    notificationId ? drafts.byThread.get(notificationId) : undefined,
  ])
    for (const d of list ?? []) found.set(d.uid, d);
  return [...found.values()];
}

/**
 * A draft that left Drafts was sent when a reply to the same notification, to the same
 * recipient, is in Sent. Without one it was deleted, once it has been missing for the grace
 * period: some clients remove the draft before they file the sent copy. A draft without a
 * recipient can only be matched on the thread.
 */
export function judgeMissing(
  record: DraftFacts,
  replies: SentReply[],
  missing: { since: string; graceMs: number; now: Date },
): 'sent' | 'discarded' | 'wait' {
  const wanted = record.draftTo?.toLowerCase() ?? null;
  const sent = replies.some(
    (r) => wanted === null || r.recipients.some((to) => to.toLowerCase() === wanted),
  );
  if (sent) return 'sent';
  const waited = missing.now.getTime() - new Date(missing.since).getTime();
  return waited >= missing.graceMs ? 'discarded' : 'wait';
}

/** Whether an untouched pending draft is past the configured age; null days: never. */
export function isExpired(record: DraftFacts, expireAfterDays: number | null, now: Date) {
  // An edited draft is the user's work in progress: never thrown away by age.
  if (expireAfterDays === null || !record.draftedAt || record.draftEditedAt) return false;
  const age = now.getTime() - new Date(record.draftedAt).getTime();
  return age > expireAfterDays * 24 * 60 * 60 * 1000;
}

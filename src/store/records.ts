/**
 * What wherewemet remembers, as plain data, and the small store interfaces each part of the
 * service is handed: the sync engine a SyncStore, the ingest step an InvitationStore, the draft
 * writer a DraftStore, the lifecycle a LifecycleStore and a StatusChangeStore. store.ts and
 * statusChange.ts implement them on Redis, test/support/memoryStore.ts in memory for unit tests.
 */
import type { Classification } from '../classify/classify.ts';
import type { KeptNotification, Notification } from '../parse/parseNotification.ts';

/**
 * none: no draft wanted. queued: wanted, not written yet. pending: in Drafts, awaiting the user.
 * Then one decision, final: approved (sent by wherewemet on approval), sent (by the user's own
 * client), discarded (deleted by the user), expired (removed by wherewemet after its age limit).
 * sending: an approval has taken the draft out of Drafts and is sending it, or its outcome is not
 * known (src/store/sending.ts). replied: the user answered outside mail (on LinkedIn). ignored:
 * an invitation without a draft that the user will not answer.
 */
export const DRAFT_STATUSES = [
  'none',
  'queued',
  'pending',
  'approved',
  'sent',
  'discarded',
  'expired',
  'sending',
  'replied',
  'ignored',
] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
export type Decision = Extract<
  DraftStatus,
  'approved' | 'sent' | 'discarded' | 'expired' | 'replied'
>;

export interface InvitationRecord {
  key: string;
  category: string | null;
  action: 'draft' | 'none';
  template: string | null;
  reasons: string[];
  /**
   * What the email said, as much as is kept; its text (note, headline, location) is dropped
   * history.keepDays after a decision.
   */
  notification: KeptNotification;
  firstSeenAt: string;
  draftStatus: DraftStatus;
  draftUid: number | null;
  draftMessageId: string | null;
  draftedAt: string | null;
  /** Recipients and subject as drafted (the user may have changed them since). */
  draftTo: string | null;
  draftSubject: string | null;
  /** When the draft was last seen edited (by the user or on the review page). */
  draftEditedAt: string | null;
  /** When reconcile first found the draft gone from Drafts with no reply in Sent yet. */
  draftMissingSince: string | null;
  decidedAt: string | null;
  /** The message it was read from, so that it can be read again (unsure invitations). */
  source?: MessageRef | null;
  /** PARSER_VERSION of the reading it was classified by. */
  parserVersion?: number | null;
  /** Unsure, and the person said its unplaced text is LinkedIn's: taught when read again. */
  unplacedIsFrame?: boolean;
}

/** One message of a mailbox, as the IMAP server names it. */
export interface MessageRef {
  mailbox: string;
  uidValidity: string;
  uid: number;
}

/** Where catch-up resumes: every UID up to lastUid of this UIDVALIDITY has been handled. */
export interface SyncCursor {
  uidValidity: string;
  lastUid: number;
}

export interface HistoryEvent {
  at: string;
  event: string;
  [detail: string]: unknown;
}

/** A message that could not be read, kept so a person can look at it (`wherewemet unparseable`). */
export interface UnparseableEntry extends MessageRef {
  reason: string;
  at: string;
  from: string | null;
  subject: string | null;
  date: string | null;
  /**
   * Whether reading it again can help (src/pipeline/retryPolicy.ts), the parser version that
   * refused it, and how many times in a row that version did; absent on older records.
   */
  retry?: 'retryable' | 'poison';
  parserVersion?: number;
  refusals?: number;
}

/** The right to write one invitation's draft now; `recovering`: an earlier attempt may have. */
export interface DraftClaim {
  key: string;
  token: string;
  recovering: boolean;
}

/** A claim, with the record as it was when claimed. */
export type ClaimedDraft = DraftClaim & { record: InvitationRecord };

export type BeginDraft = ClaimedDraft | { busy: true } | { done: DraftStatus } | { missing: true };

export interface WrittenDraft {
  uid: number | null;
  messageId: string;
  to: string | null;
  subject: string | null;
  at: Date;
}

export interface SyncStore {
  getCursor(mailbox: string): Promise<SyncCursor | null>;
  /** Fenced: refused (LeaseLost) when this process no longer holds the account. */
  setCursor(mailbox: string, cursor: SyncCursor, at: Date): Promise<void>;
}

export interface InvitationStore {
  /**
   * The invitation behind these aliases, created from `fresh` when none exists yet. Returns the
   * stored record and whether this call created it.
   */
  claimInvitation(
    aliases: string[],
    fresh: {
      key: string;
      notification: Notification;
      classification: Classification;
      at: Date;
      source?: MessageRef;
      parserVersion?: number;
    },
  ): Promise<{ record: InvitationRecord; created: boolean }>;
  getInvitation(key: string): Promise<InvitationRecord | null>;
  addHistory(key: string, ...events: HistoryEvent[]): Promise<void>;
  recordUnparseable(entry: UnparseableEntry): Promise<void>;
  /** Puts an unsure invitation on the list of those read again (idempotent). */
  holdUnsure(key: string, firstSeen: Date): Promise<void>;
  /** Puts a provisional note (Classification.provisional) on its list to read again. */
  holdProvisional(key: string, firstSeen: Date): Promise<void>;
}

/** A new reading of an unsure invitation, or the person's placing of its text. */
export interface Reclassification {
  category: string;
  action: 'draft' | 'none';
  template: string | null;
  reasons: string[];
  /** The new reading; omitted when only the category changes (the person's answer, a timeout). */
  notification?: Notification;
  parserVersion?: number;
}

export interface UnsureStore {
  getInvitation(key: string): Promise<InvitationRecord | null>;
  addHistory(key: string, ...events: HistoryEvent[]): Promise<void>;
  holdUnsure(key: string, firstSeen: Date): Promise<void>;
  /** Keys of the unsure invitations, longest waiting first. */
  unsureKeys(count?: number): Promise<string[]>;
  unsureCount(): Promise<number>;
  /** Takes an invitation off that list, once it is placed and its draft (if any) queued. */
  releaseUnsure(key: string): Promise<void>;
  /** Keys of the provisional notes, longest waiting first: has-context, and read again too. */
  provisionalKeys(count?: number): Promise<string[]>;
  releaseProvisional(key: string): Promise<void>;
  /** `<parser version>:<frame version>` the unsure invitations were last read with. */
  unsureReadWith(): Promise<string | null>;
  setUnsureReadWith(mark: string): Promise<void>;
  /**
   * The person said the unplaced text is LinkedIn's (placeUnsure.ts): kept for the re-read, and
   * counted, so that a pass already under way does not mark the unsure ones as read.
   */
  markUnplacedIsFrame(key: string): Promise<void>;
  /** How many times a person said so, ever: part of what a pass read with (readMark). */
  unsureTaught(): Promise<number>;
  /**
   * Changes an unsure invitation, or a provisional note, that has no draft: only while it is
   * still so and draftStatus none (so a second reader or answer changes nothing); queued when
   * the action is draft, and off the provisional list. Whether this call changed it.
   */
  reclassify(key: string, change: Reclassification): Promise<boolean>;
}

export interface DraftStore {
  getInvitation(key: string): Promise<InvitationRecord | null>;
  addHistory(key: string, ...events: HistoryEvent[]): Promise<void>;
  /**
   * Claims the writing of a queued invitation's draft (fenced). `busy`: another live worker holds
   * it; `done`: nothing to write (it is no longer queued).
   */
  beginDraft(key: string, at: Date): Promise<BeginDraft>;
  /** Whether the claim still holds, right before APPEND; renews it when it does. */
  stillClaimed(claim: DraftClaim, at: Date): Promise<boolean>;
  /** Records the draft as pending, only while the claim holds; false: it was taken over. */
  confirmDraft(claim: DraftClaim, draft: WrittenDraft): Promise<boolean>;
  /** Gives the claim up; `appendMayHaveHappened` makes the next attempt look in Drafts first. */
  releaseDraft(claim: DraftClaim, appendMayHaveHappened: boolean): Promise<void>;
  /** Takes one of the day's `limit` drafts; false when none is left. */
  reserveDailyDraft(day: string, limit: number): Promise<boolean>;
}

/** Status changes of invitations without a draft: ignore, draft anyway, replied on LinkedIn. */
export interface StatusChangeStore {
  /** Sets `to` (and `fields`) only when the status is one of `from`; whether it did. */
  change(
    key: string,
    from: DraftStatus[],
    to: DraftStatus,
    fields?: Record<string, string>,
  ): Promise<boolean>;
}

export interface LifecycleStore {
  getInvitation(key: string): Promise<InvitationRecord | null>;
  addHistory(key: string, ...events: HistoryEvent[]): Promise<void>;
  history(key: string): Promise<HistoryEvent[]>;
  /** Keys of the drafts waiting for the user, oldest first: what reconcile looks at. */
  pendingKeys(): Promise<string[]>;
  /** The draft now lives under another UID (the user edited it, or wherewemet saved an edit). */
  followDraft(key: string, uid: number, at: Date): Promise<void>;
  /** Notes when the draft was first missed (kept from the first call); cleared with null. */
  noteDraftMissing(key: string, at: Date | null): Promise<string | null>;
  /** Records the final decision, only if the draft is still pending; whether this call decided. */
  decide(key: string, decision: Decision, at: Date): Promise<boolean>;
  /** A short exclusive hold on one draft, so deciders do not act on it at once; null if held. */
  holdDraft(key: string, ms?: number): Promise<(() => Promise<void>) | null>;
}

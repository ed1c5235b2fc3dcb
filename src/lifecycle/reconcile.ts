/**
 * Learns what the user did with each pending draft by looking at Drafts and Sent: an edited
 * draft is followed to its new UID, a draft that left Drafts becomes "sent" or "discarded", and
 * an untouched one past the age limit is removed as "expired". Used by the worker on a timer
 * and by the CLI before it lists or decides anything.
 */

import {
  type DraftsIndex,
  duplicateCopies,
  indexDrafts,
  isExpired,
  judgeMissing,
  locateDraft,
} from '../decide/judge.ts';
import type { LifecycleMailbox } from '../imap/accountFolders.ts';
import type { Logger } from '../log.ts';
import type { InvitationRecord, LifecycleStore } from '../store/records.ts';

export interface ReconcileDeps {
  store: LifecycleStore;
  mailbox: LifecycleMailbox;
  expireAfterDays: number | null;
  /** How long a draft may be gone from Drafts without a reply in Sent before it is discarded. */
  missingGraceMs: number;
  log: Logger;
  now(): Date;
  /** Told of every decision recorded here (for the service's events). */
  onDecision?(record: InvitationRecord, decision: 'sent' | 'discarded' | 'expired'): void;
}

export interface ReconcileReport {
  followed: number;
  sent: number;
  discarded: number;
  expired: number;
  busy: number;
  /** Gone from Drafts, within the grace period: to be looked at again later. */
  waiting: number;
}

/** The drafts waiting for the user, from the pending index: never a scan of every invitation. */
export async function pendingDrafts(store: LifecycleStore): Promise<InvitationRecord[]> {
  const records = await Promise.all((await store.pendingKeys()).map((k) => store.getInvitation(k)));
  return records.filter((r): r is InvitationRecord => r?.draftStatus === 'pending');
}

export async function reconcile(deps: ReconcileDeps): Promise<ReconcileReport> {
  const { store, mailbox, log } = deps;
  const report: ReconcileReport = {
    followed: 0,
    sent: 0,
    discarded: 0,
    expired: 0,
    busy: 0,
    waiting: 0,
  };
  // Records before the snapshot: a draft recorded as pending was appended before it was recorded,
  // so the snapshot taken after is sure to contain it.
  const pending = await pendingDrafts(store);
  if (pending.length === 0) return report;
  const drafts = indexDrafts(await mailbox.drafts());
  for (const before of pending) {
    // Nothing to write for an untouched draft in place: no hold, no second read.
    if (needsNothing(before, drafts, deps.expireAfterDays, deps.now())) continue;
    const release = await store.holdDraft(before.key);
    if (!release) {
      report.busy++;
      continue;
    }
    try {
      const record = await store.getInvitation(before.key);
      // Changed since the snapshot (approved, edited on the review page): next round decides.
      if (record?.draftStatus !== 'pending' || record.draftUid !== before.draftUid) {
        report.busy++;
        continue;
      }
      await reconcileOne(record, drafts, deps, report);
    } finally {
      await release();
    }
  }
  if (report.followed + report.sent + report.discarded + report.expired > 0)
    log.info({ ...report }, 'drafts reconciled with the mailbox');
  return report;
}

/**
 * A draft in place, never missed, without second copies and not expired: reconcileOne would
 * change nothing. Judged on the snapshot; whatever changed since is someone else's to record.
 */
function needsNothing(
  record: InvitationRecord,
  drafts: DraftsIndex,
  expireAfterDays: number | null,
  at: Date,
): boolean {
  return (
    locateDraft(record, drafts).where === 'in-place' &&
    !record.draftMissingSince &&
    duplicateCopies(record, drafts).length === 0 &&
    !isExpired(record, expireAfterDays, at)
  );
}

async function reconcileOne(
  record: InvitationRecord,
  drafts: DraftsIndex,
  deps: ReconcileDeps,
  report: ReconcileReport,
): Promise<void> {
  const { store, mailbox } = deps;
  const at = deps.now();
  const found = locateDraft(record, drafts);
  if (found.where !== 'missing' && record.draftMissingSince)
    await store.noteDraftMissing(record.key, null);
  if (found.where === 'moved') {
    await store.followDraft(record.key, found.uid, at);
    await store.addHistory(record.key, {
      at: at.toISOString(),
      event: 'edited',
      via: 'mail client',
      uid: found.uid,
    });
    report.followed++;
    return;
  }
  if (found.where === 'in-place') {
    for (const uid of duplicateCopies(record, drafts)) {
      await mailbox.removeDraft(uid, 'delete');
      deps.log.warn({ invitation: record.key, uid }, 'removed a second copy of a draft');
    }
    if (!isExpired(record, deps.expireAfterDays, at)) return;
    await mailbox.removeDraft(found.uid, 'trash');
    if (await store.decide(record.key, 'expired', at)) {
      await store.addHistory(record.key, {
        at: at.toISOString(),
        event: 'decided',
        decision: 'expired',
        via: 'wherewemet',
        afterDays: deps.expireAfterDays,
      });
      report.expired++;
      deps.onDecision?.(record, 'expired');
    }
    return;
  }
  const since = (await store.noteDraftMissing(record.key, at)) ?? at.toISOString();
  const notificationId = record.notification.messageId;
  const replies = notificationId ? await mailbox.replies(notificationId) : [];
  const decision = judgeMissing(record, replies, { since, graceMs: deps.missingGraceMs, now: at });
  if (decision === 'wait') {
    report.waiting++;
    return;
  }
  if (await store.decide(record.key, decision, at)) {
    await store.addHistory(record.key, {
      at: at.toISOString(),
      event: 'decided',
      decision,
      via: 'mail client',
    });
    report[decision]++;
    deps.onDecision?.(record, decision);
  }
}

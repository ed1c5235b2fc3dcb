/** Tracked drafts and audit trails as the CLI and the review page show them. */
import type { SendingAttempt } from '../store/sending.ts';
import type { HistoryEvent, InvitationRecord, Store } from '../store/store.ts';

export interface TrackedDraft {
  id: string;
  status: InvitationRecord['draftStatus'];
  inviterName: string | null;
  to: string | null;
  subject: string | null;
  createdAt: string | null;
  decidedAt: string | null;
}

export async function allInvitations(store: Store): Promise<InvitationRecord[]> {
  const records = await Promise.all(
    (await store.invitationKeys()).map((k) => store.getInvitation(k)),
  );
  return records
    .filter((r): r is InvitationRecord => r !== null)
    .sort((a, b) => b.firstSeenAt.localeCompare(a.firstSeenAt));
}

/** Every invitation that got a draft: pending first, then newest first. */
export function trackedDrafts(records: InvitationRecord[]): TrackedDraft[] {
  return records
    .filter((r) => r.draftedAt !== null && r.draftStatus !== 'queued')
    .map((r) => ({
      id: r.key,
      status: r.draftStatus,
      inviterName: r.notification.inviter.name,
      to: r.draftTo,
      subject: r.draftSubject,
      createdAt: r.draftedAt,
      decidedAt: r.decidedAt,
    }))
    .sort(
      (a, b) =>
        Number(b.status === 'pending') - Number(a.status === 'pending') ||
        (b.createdAt ?? '').localeCompare(a.createdAt ?? ''),
    );
}

/** One line per event: "2026-11-22T03:00:00.000Z  decided  decision=sent via=mail client". */
export function describeEvent(event: HistoryEvent): string {
  const { at, event: name, ...details } = event;
  const parts = Object.entries(details).map(
    ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
  );
  return [at, name, ...parts].join('  ');
}

/**
 * "1 Dec 2026, 09:14" in the machine's time zone (TZ), or in `timeZone`: the time a person
 * reads, where the store keeps UTC ISO strings.
 */
export function localTime(iso: string, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(at);
}

/** A second approval while one runs: refused, with what is going on. */
export function beingSent(id: string, attempt: SendingAttempt): string {
  return `draft ${id} is being sent right now (since ${localTime(attempt.startedAt)}, from the ${attempt.via}); wait for it to finish`;
}

/** An approval whose outcome is not known: what happened, and what to check. */
export function mayHaveBeenSent(id: string, attempt: SendingAttempt): string {
  const what = attempt.reason
    ? `the connection failed after the message was handed over (${attempt.reason})${attempt.failedAt ? ` at ${localTime(attempt.failedAt)}` : ''}`
    : `wherewemet stopped while sending it (started ${localTime(attempt.startedAt)})`;
  return `draft ${id} may have been sent to ${attempt.to.join(', ')}: ${what}. Check Sent, or ask the recipient, before you send it again`;
}

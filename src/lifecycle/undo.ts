/**
 * Undoing a Discard or a Replied for UNDO_MS after it: the draft goes back to Drafts (its copy in
 * Trash removed) and the record back to the status it had, once. Nothing is ever sent, and a
 * reply that went out (approved, or sent from the mail client) cannot be undone.
 */
import { DecisionRefused } from '../errors.ts';
import type { LifecycleMailbox } from '../imap/accountFolders.ts';
import type { InvitationRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { UNDO_MS, type UndoEntry, type UndoRecords } from '../store/undo.ts';

/** What decide.ts's DecideDeps holds, and where undo entries are kept. */
export interface UndoDeps {
  store: Store;
  mailbox: LifecycleMailbox;
  now(): Date;
  via: string;
  undo: UndoRecords;
}

/** Called by Discard and Replied once their decision is recorded. */
export function rememberUndo(
  id: string,
  what: Omit<UndoEntry, 'until' | 'source'> & { source?: Buffer },
  deps: UndoDeps,
): Promise<void> {
  const now = deps.now().getTime();
  const { source, ...entry } = what;
  return deps.undo.save(
    id,
    { ...entry, until: now + UNDO_MS, ...(source ? { source: source.toString('base64') } : {}) },
    now,
  );
}

/** Undoes the last Discard or Replied of `id`; the decision undone. */
export async function undoDecision(id: string, deps: UndoDeps): Promise<UndoEntry['decision']> {
  if (!(await deps.store.getInvitation(id))) throw new DecisionRefused(`no invitation ${id}`);
  const release = await deps.store.holdDraft(id);
  if (!release) throw new DecisionRefused(`draft ${id} is busy elsewhere; try again in a moment`);
  try {
    const entry = await deps.undo.take(id);
    const record = await deps.store.getInvitation(id);
    if (!record) throw new DecisionRefused(`no invitation ${id}`);
    if (!entry) throw new DecisionRefused(nothingToUndo(record));
    if (record.draftStatus !== entry.decision || record.decidedAt !== entry.decidedAt)
      throw new DecisionRefused(
        `${id} is ${record.draftStatus} now, not as it was left: nothing was undone`,
      );
    try {
      await putBack(record, entry, deps);
    } catch (err) {
      // Nothing changed: the undo stays possible for the rest of its time.
      await deps.undo.save(id, entry, deps.now().getTime());
      throw err;
    }
    const at = deps.now();
    await deps.store.addHistory(id, {
      at: at.toISOString(),
      event: 'undone',
      decision: entry.decision,
      via: deps.via,
    });
    return entry.decision;
  } finally {
    await release();
  }
}

async function putBack(record: InvitationRecord, entry: UndoEntry, deps: UndoDeps) {
  const { key } = record;
  if (!entry.source) {
    if (!(await deps.undo.restore(key, entry, null)))
      throw new DecisionRefused(`invitation ${key} changed meanwhile; look at it again`);
    return;
  }
  const uid = await deps.mailbox.restoreDraft(Buffer.from(entry.source, 'base64'), key);
  const draftedAt = record.draftedAt ?? entry.decidedAt;
  if (!(await deps.undo.restore(key, entry, { uid, draftedAt }))) {
    if (uid !== null) await deps.mailbox.removeDraft(uid, 'delete');
    throw new DecisionRefused(`draft ${key} changed meanwhile; look at it again`);
  }
}

/** Why there is nothing to undo, in one line for a person. */
function nothingToUndo(record: InvitationRecord): string {
  const { key, draftStatus } = record;
  switch (draftStatus) {
    case 'approved':
    case 'sent':
      return `the reply to ${key} was sent: a sent reply cannot be undone`;
    case 'sending':
      return `draft ${key} is being sent, or may have been sent: see \`wherewemet drafts\``;
    case 'discarded':
    case 'replied':
      return `there is no undo for ${key} (${draftStatus}): it was more than ${UNDO_MS / 60_000} minutes ago, or not made here (in your mail client, or after a send that failed)`;
    default:
      return `${key} is ${draftStatus}: there is nothing to undo`;
  }
}

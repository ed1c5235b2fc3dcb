/**
 * What a person decides about one draft besides approving it (approve.ts): discard, edit, or
 * record a reply made on LinkedIn; and about an invitation without a draft: ignore it, or record
 * a reply. Each refuses with a DecisionRefused (one line for a person) when the draft is not in a
 * state for it. A decision on a draft is taken under its short hold, on the version the person saw.
 */

import { indexDrafts, locateDraft } from '../decide/judge.ts';
import { reviseDraft } from '../draft/reviseDraft.ts';
import { DecisionRefused } from '../errors.ts';
import type { LifecycleMailbox } from '../imap/accountFolders.ts';
import type { SendingRecords } from '../store/sending.ts';
import type { InvitationRecord, LifecycleStore, StatusChangeStore, Store } from '../store/store.ts';
import { beingSent } from './listing.ts';
import { rememberUndo, type UndoDeps } from './undo.ts';

export interface DecideDeps {
  store: Store;
  mailbox: LifecycleMailbox;
  now(): Date;
  /** Where the decision was taken, for the history: "cli" or "review page". */
  via: string;
  /** The version (UID) the person saw; a draft changed since then is refused, not acted on. */
  expectedUid?: number;
}

export interface CurrentDraft {
  record: InvitationRecord;
  uid: number;
  source: Buffer;
}

/** Discard and Replied can be undone for a while (undo.ts), except a discard of a failed send. */
export async function discardDraft(
  id: string,
  deps: DecideDeps & UndoDeps & { sending: SendingRecords },
) {
  const record = await deps.store.getInvitation(id);
  if (record?.draftStatus === 'sending') {
    // An approval's outcome was not known: its held copy is in Trash already, where discarded
    // drafts go.
    const attempt = await deps.sending.get(id);
    if (attempt?.live) throw new DecisionRefused(beingSent(id, attempt));
    const at = deps.now();
    if (!(await deps.sending.finish(id, null, 'discarded', at)))
      throw new DecisionRefused(`draft ${id} is busy elsewhere; try again in a moment`);
    await addDecided(id, 'discarded', at, deps);
    return;
  }
  await withHeldDraft(id, deps, async ({ uid, source }) => {
    const at = deps.now();
    await deps.mailbox.removeDraft(uid, 'trash');
    await deps.store.decide(id, 'discarded', at);
    await addDecided(id, 'discarded', at, deps);
    await rememberUndo(
      id,
      { decision: 'discarded', from: 'pending', decidedAt: at.toISOString(), source },
      deps,
    );
  });
}

/**
 * The user answered on LinkedIn. A pending draft leaves Drafts (to Trash: nothing is lost); an
 * invitation without a draft is only recorded.
 */
export async function recordReplied(
  id: string,
  deps: DecideDeps & UndoDeps & { changes: StatusChangeStore },
) {
  const record = await deps.store.getInvitation(id);
  if (record && (record.draftStatus === 'none' || record.draftStatus === 'ignored')) {
    const at = deps.now();
    const from = record.draftStatus;
    // Only from the status seen, so that an undo restores the one it had.
    if (!(await deps.changes.change(id, [from], 'replied', { decidedAt: at.toISOString() })))
      throw new DecisionRefused(`invitation ${id} changed meanwhile; look at it again`);
    await addDecided(id, 'replied', at, deps);
    await rememberUndo(id, { decision: 'replied', from, decidedAt: at.toISOString() }, deps);
    return;
  }
  await withHeldDraft(id, deps, async ({ uid, source }) => {
    const at = deps.now();
    await deps.mailbox.removeDraft(uid, 'trash');
    if (!(await deps.store.decide(id, 'replied', at)))
      throw new DecisionRefused(`draft ${id} was decided elsewhere meanwhile`);
    await addDecided(id, 'replied', at, deps);
    await rememberUndo(
      id,
      { decision: 'replied', from: 'pending', decidedAt: at.toISOString(), source },
      deps,
    );
  });
}

/** What recording a decision on an invitation without a draft needs. */
type NoDraftDeps = Pick<DecideDeps, 'now' | 'via'> & {
  store: Pick<LifecycleStore, 'getInvitation' | 'addHistory'>;
};

/** An invitation without a draft that the user will not answer. */
export async function ignoreInvitation(
  id: string,
  deps: NoDraftDeps & { changes: StatusChangeStore },
) {
  const at = deps.now();
  if (!(await deps.changes.change(id, ['none'], 'ignored', { decidedAt: at.toISOString() }))) {
    const record = await deps.store.getInvitation(id);
    throw new DecisionRefused(
      record
        ? `invitation ${id} is ${record.draftStatus}: only one without a draft can be ignored`
        : `no invitation ${id}`,
    );
  }
  await addDecided(id, 'ignored', at, deps);
}

async function addDecided(id: string, decision: string, at: Date, deps: NoDraftDeps) {
  await deps.store.addHistory(id, {
    at: at.toISOString(),
    event: 'decided',
    decision,
    via: deps.via,
  });
}

/** Saves a new version in Drafts and retires the old one; the draft stays pending. */
export async function editDraft(
  id: string,
  change: { subject: string; text: string },
  deps: DecideDeps,
): Promise<void> {
  await withHeldDraft(id, deps, async ({ uid, source }) => {
    const at = deps.now();
    const raw = await reviseDraft(source, { ...change, invitationKey: id, now: at });
    const newUid = await deps.mailbox.appendDraft(raw);
    await deps.mailbox.removeDraft(uid, 'delete');
    // Without UIDPLUS the new UID is unknown here; the next reconcile finds and follows it.
    if (newUid !== null) await deps.store.followDraft(id, newUid, at);
    await deps.store.addHistory(id, {
      at: at.toISOString(),
      event: 'edited',
      via: deps.via,
      uid: newUid,
    });
  });
}

/** The draft's current version in Drafts, read while no one else may act on it. */
export async function currentDraft(id: string, deps: DecideDeps): Promise<CurrentDraft> {
  const record = await deps.store.getInvitation(id);
  if (!record || record.draftStatus === 'none') throw new DecisionRefused(`no draft with id ${id}`);
  if (record.draftStatus === 'queued')
    throw new DecisionRefused(`draft ${id} is not written yet; try again in a moment`);
  if (record.draftStatus === 'sending')
    throw new DecisionRefused(
      `draft ${id} is being sent, or may have been sent: see \`wherewemet drafts\``,
    );
  if (record.draftStatus !== 'pending')
    throw new DecisionRefused(`draft ${id} is ${record.draftStatus}, not pending`);
  const found = locateDraft(record, indexDrafts(await deps.mailbox.drafts()));
  if (found.where === 'missing')
    throw new DecisionRefused(`draft ${id} is no longer in Drafts (sent or deleted elsewhere?)`);
  const at = deps.now();
  if (found.where === 'moved') {
    await deps.store.followDraft(id, found.uid, at);
    await deps.store.addHistory(id, {
      at: at.toISOString(),
      event: 'edited',
      via: 'mail client',
      uid: found.uid,
    });
  }
  const source = await deps.mailbox.draftSource(found.uid);
  if (!source) throw new DecisionRefused(`draft ${id} is no longer in Drafts`);
  return { record, uid: found.uid, source };
}

export async function withHeldDraft<T>(
  id: string,
  deps: DecideDeps,
  act: (draft: CurrentDraft) => Promise<T>,
): Promise<T> {
  if (!(await deps.store.getInvitation(id))) throw new DecisionRefused(`no draft with id ${id}`);
  const release = await deps.store.holdDraft(id);
  if (!release) throw new DecisionRefused(`draft ${id} is busy elsewhere; try again in a moment`);
  try {
    const draft = await currentDraft(id, deps);
    if (deps.expectedUid !== undefined && draft.uid !== deps.expectedUid)
      throw new DecisionRefused(
        `draft ${id} was changed in your mail client since this page was loaded; look at it again`,
      );
    return await act(draft);
  } finally {
    await release();
  }
}

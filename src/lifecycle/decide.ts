/**
 * What a person decides about one pending draft: approve (send it as it now stands), discard,
 * or edit. Each refuses with a DecisionRefused (one line for a person) when the draft is not in
 * a state for it. Sending is a function handed in: only the approve command and the review page
 * pass one (src/smtp/sendApproved.ts); nothing the worker runs has it.
 */
import { reviseDraft } from '../draft/reviseDraft.ts';
import { describeError, WherewemetError } from '../errors.ts';
import type { InvitationRecord, Store } from '../store/store.ts';
import { locateDraft } from './judge.ts';
import { prepareOutgoing } from './outgoing.ts';
import type { LifecycleMailbox } from './reconcile.ts';

export class DecisionRefused extends WherewemetError {
  constructor(message: string) {
    super('DECISION_REFUSED', message);
  }
}

export type SendMail = (message: { raw: Buffer; from: string; to: string[] }) => Promise<void>;

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

export async function approveDraft(
  id: string,
  deps: DecideDeps & { send: SendMail; providerSavesToSent: boolean },
): Promise<{ to: string[]; subject: string; warnings: string[] }> {
  return withHeldDraft(id, deps, async ({ record, uid, source }) => {
    const at = deps.now();
    const outgoing = await prepareOutgoing(source, at);
    if (outgoing.recipients.length === 0)
      throw new DecisionRefused(
        `draft ${id} has no recipient: LinkedIn gave no address for ${record.notification.inviter.name ?? 'the inviter'}; reply on LinkedIn, then discard it`,
      );
    if (!outgoing.from) throw new DecisionRefused(`draft ${id} has no From address`);
    await deps.send({ raw: outgoing.raw, from: outgoing.from, to: outgoing.recipients });
    // Recorded at once: whatever fails after this, the mail is out and must never go twice.
    await deps.store.decide(id, 'approved', at);
    await deps.store.addHistory(id, {
      at: at.toISOString(),
      event: 'decided',
      decision: 'approved',
      via: deps.via,
      to: outgoing.recipients,
      subject: outgoing.subject,
    });
    // The mail is out: tidying up may fail without undoing that, so it only warns.
    const warnings: string[] = [];
    if (!deps.providerSavesToSent) {
      const filed = await deps.mailbox.fileSent(outgoing.raw).catch((err: unknown) => {
        warnings.push(`could not file the sent message in Sent: ${describeError(err)}`);
        return true;
      });
      if (!filed) warnings.push('there is no Sent folder, so no copy was filed');
    }
    await deps.mailbox.removeDraft(uid, 'delete').catch((err: unknown) => {
      warnings.push(`could not remove the draft from Drafts: ${describeError(err)}`);
    });
    return { to: outgoing.recipients, subject: outgoing.subject, warnings };
  });
}

export async function discardDraft(id: string, deps: DecideDeps): Promise<void> {
  await withHeldDraft(id, deps, async ({ uid }) => {
    const at = deps.now();
    await deps.mailbox.removeDraft(uid, 'trash');
    await deps.store.decide(id, 'discarded', at);
    await deps.store.addHistory(id, {
      at: at.toISOString(),
      event: 'decided',
      decision: 'discarded',
      via: deps.via,
    });
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
  if (record.draftStatus !== 'pending')
    throw new DecisionRefused(`draft ${id} is ${record.draftStatus}, not pending`);
  const found = locateDraft(record, await deps.mailbox.drafts());
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

async function withHeldDraft<T>(
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

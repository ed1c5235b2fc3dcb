/**
 * Job handler: a queued invitation → exactly one reply draft in Drafts, even with several workers
 * and one of them paused mid-job. Before APPEND it claims the invitation with a fencing token
 * (store.beginDraft) and checks the claim once more; a worker whose claim was taken over writes
 * nothing, or removes what it wrote once the invitation is recorded with another copy. The
 * mailbox is the durable truth and Redis may not be (an attempt cut short after its APPEND, a
 * failover to a replica that had not seen the draft or the user's decision): before writing, it
 * looks for an earlier copy in Drafts, which it adopts, and for one the user took out of Drafts
 * (to Trash, or sent), which it leaves to the draft check (lifecycle/reconcile.ts) to name. It
 * only ever appends to Drafts: nothing here, or anywhere in the worker, can send mail.
 */
import type { Config } from '../config/schema.ts';
import { composeDraft, replyAddress } from '../draft/composeDraft.ts';
import { BlockedError } from '../errors.ts';
import type { Events } from '../events.ts';
import type { DraftsFolder } from '../imap/accountFolders.ts';
import type { Logger } from '../log.ts';
import type { DraftClaim, DraftStore, InvitationRecord } from '../store/records.ts';

export interface DraftSettings {
  me: Config['me'];
  templates: Config['templates'];
  dailyDraftLimit: number | null;
}

export interface DraftDeps {
  account: string;
  store: DraftStore;
  drafts: DraftsFolder;
  settings(): DraftSettings;
  events: Events;
  log: Logger;
  now(): Date;
}

/** Done (with a word on what happened), put off until `until`, or held by another worker now. */
export type DraftOutcome = { done: string } | { deferred: string; until: Date } | { busy: true };

export async function writeDraft(
  job: { invitationKey: string; arrivedAt: Date | null },
  deps: DraftDeps,
): Promise<DraftOutcome> {
  const { store } = deps;
  const key = job.invitationKey;
  const claim = await store.beginDraft(key, deps.now());
  if ('busy' in claim) return claim;
  if ('missing' in claim) return { done: 'no such invitation' };
  if ('done' in claim) return { done: `nothing to do (${claim.done})` };
  const { record } = claim;

  let appended: number | null | 'unknown' = null;
  try {
    const earlier = await earlierDraft(record, deps);
    if (earlier) return await adoptEarlier(record, earlier, claim, job, deps);
    const settings = deps.settings();
    const limit = settings.dailyDraftLimit;
    const at = deps.now();
    if (limit !== null && !(await store.reserveDailyDraft(localDay(at), limit))) {
      await store.releaseDraft(claim, claim.recovering);
      return {
        deferred: `daily limit of ${limit} drafts reached (rules.dailyDraftLimit)`,
        until: nextLocalMidnight(at),
      };
    }
    const draft = await compose(record, settings, at);
    // The last moment to learn that another worker took the invitation over.
    if (!(await store.stillClaimed(claim, deps.now())))
      return { done: 'taken over by another worker' };
    appended = 'unknown';
    appended = await deps.drafts.append(draft.raw, key);
    const written = {
      uid: appended,
      messageId: draft.messageId,
      to: draft.to,
      subject: draft.subject,
      at,
    };
    if (!(await store.confirmDraft(claim, written)))
      return await leaveToClaimant(key, appended, deps);
    if (claim.recovering && appended !== null)
      await removeExtras(await deps.drafts.find(key), appended, deps);
    await recordDrafted(
      record,
      { uid: appended, to: draft.to, subject: draft.subject, recovered: false },
      job,
      deps,
    );
    return { done: `drafted (uid ${appended})` };
  } catch (err) {
    // A refused APPEND wrote nothing; any other failure during it may have written a draft.
    const mayHaveAppended = appended === 'unknown' && !(err instanceof BlockedError);
    await releaseQuietly(store, claim, mayHaveAppended || claim.recovering);
    throw err;
  }
}

type EarlierDraft = { where: 'drafts'; uid: number } | { where: 'taken out' };

/**
 * Records an earlier attempt's draft as pending: at its uid in Drafts, or with none, so that the
 * draft check finds it gone and decides, from Sent, whether it was sent or discarded.
 */
async function adoptEarlier(
  record: InvitationRecord,
  earlier: EarlierDraft,
  claim: DraftClaim,
  job: { arrivedAt: Date | null },
  deps: DraftDeps,
): Promise<DraftOutcome> {
  const uid = earlier.where === 'drafts' ? earlier.uid : null;
  const to = replyAddress(record.notification);
  const pending = { uid, messageId: '', to, subject: null, at: deps.now() };
  if (await deps.store.confirmDraft(claim, pending))
    await recordDrafted(
      record,
      { uid, to: null, subject: null, recovered: earlier.where },
      job,
      deps,
    );
  return {
    done:
      uid === null
        ? 'draft already taken out of Drafts by the user'
        : `draft already in Drafts (uid ${uid})`,
  };
}

/**
 * Taken over while appending: the new claimant writes (or wrote) the one draft. If our APPEND
 * landed before it looked in Drafts, it adopted our copy: ours goes only once the invitation is
 * recorded with another one; otherwise the claimant or the draft check removes whichever copy is
 * second.
 */
async function leaveToClaimant(
  key: string,
  appended: number | null,
  deps: DraftDeps,
): Promise<DraftOutcome> {
  const recorded = (await deps.store.getInvitation(key))?.draftUid ?? null;
  const about = { account: deps.account, invitation: key, uid: appended };
  if (appended === null || recorded === null || recorded === appended) {
    deps.log.warn(
      about,
      'another worker took the invitation over while we appended; our copy is left to it and to the draft check',
    );
    return { done: 'taken over by another worker; our copy left to the draft check' };
  }
  await deps.drafts.remove(appended);
  deps.log.warn(
    about,
    'another worker took the invitation over while we appended: our copy is removed',
  );
  return { done: 'taken over by another worker; our copy removed' };
}

/**
 * This invitation's draft as the mailbox has it, from an earlier attempt whose record Redis may
 * not have: in Drafts (second copies removed), taken out by the user, or none.
 */
async function earlierDraft(
  record: InvitationRecord,
  deps: DraftDeps,
): Promise<EarlierDraft | null> {
  const found = await deps.drafts.find(record.key);
  const kept = found.at(-1);
  if (kept !== undefined) {
    await removeExtras(found, kept, deps);
    return { where: 'drafts', uid: kept };
  }
  if (await deps.drafts.takenOut(record.key, record.notification.messageId))
    return { where: 'taken out' };
  return null;
}

async function compose(record: InvitationRecord, settings: DraftSettings, at: Date) {
  const template = record.template ? settings.templates[record.template] : undefined;
  if (!template) {
    throw new BlockedError(
      'TEMPLATE_MISSING',
      `template "${record.template}" is not defined under templates`,
      `define templates.${record.template} in the config, or change rules.actions`,
    );
  }
  const address = settings.me.address ?? record.notification.recipient;
  if (!address)
    throw new BlockedError(
      'NO_FROM_ADDRESS',
      'no address to write the draft from',
      'set me.address in the config',
    );
  return composeDraft({
    notification: record.notification,
    invitationKey: record.key,
    template,
    me: { name: settings.me.name, address, signature: settings.me.signature },
    now: at,
  });
}

/** Copies written by a worker that stalled after its APPEND: all but `keep` go. */
async function removeExtras(found: number[], keep: number, deps: DraftDeps): Promise<void> {
  for (const uid of found) {
    if (uid === keep) continue;
    await deps.drafts.remove(uid);
    deps.log.warn({ account: deps.account, uid }, 'removed a second copy of a draft');
  }
}

/** An earlier attempt's draft, found in Drafts or taken out of them by the user; false: ours. */
type Recovered = false | 'drafts' | 'taken out';

async function recordDrafted(
  record: InvitationRecord,
  draft: { uid: number | null; to: string | null; subject: string | null; recovered: Recovered },
  job: { arrivedAt: Date | null },
  deps: DraftDeps,
): Promise<void> {
  const at = deps.now();
  await deps.store.addHistory(record.key, {
    at: at.toISOString(),
    event: 'drafted',
    uid: draft.uid,
    ...(draft.recovered === false
      ? { to: draft.to, subject: draft.subject }
      : { recovered: true, ...(draft.recovered === 'taken out' ? { takenOut: true } : {}) }),
  });
  // One the user took out was written, and told of, before Redis forgot it.
  if (draft.recovered === 'taken out') return;
  deps.events.emit('draft.written', {
    account: deps.account,
    key: record.key,
    inviterName: record.notification.inviter.name,
    arrivedAt: job.arrivedAt,
    at,
  });
}

async function releaseQuietly(
  store: DraftStore,
  claim: DraftClaim,
  keepMarker: boolean,
): Promise<void> {
  // If Redis is what failed, the claim simply expires.
  await store.releaseDraft(claim, keepMarker).catch(() => undefined);
}

/** "2026-11-22" in the machine's time zone: the day a person would count drafts by. */
function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

function nextLocalMidnight(at: Date): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1, 0, 0, 1);
}

/**
 * Unsure invitations read again. An invitation whose text could not yet be placed waits as
 * `unsure` (classify.ts); whenever the learned frame grows, or the parser was upgraded
 * (PARSER_VERSION), its message is fetched again, parsed with the frame as it is now and
 * classified again. Placed, it gets the category, reasons and action of that reading (history
 * `reclassified`), and a draft wanted is queued by the same path as ingest: the record turns
 * `queued` atomically, only from unsure without a draft, and the deterministic job id makes a
 * repeat harmless, so one invitation gets one draft whatever happens. It leaves the unsure list
 * only once its draft is queued: a crash in between is finished by the next pass.
 *
 * Never waiting forever: a message gone from the server, or unsure after rules.unsureDays, becomes
 * an invitation for the person to read (has-context, no draft), with the reason.
 *
 * A provisional note (Classification.provisional: has-context only because one run of text was
 * left, in a layout otherwise known) is read again the same way for rules.unsureDays: a line
 * LinkedIn added to its card reads like a note until the frame has learned it. Then it stays the
 * note it was, unless a reading placed it.
 */
import { classify } from '../classify/classify.ts';
import { describeError } from '../errors.ts';
import type { Events } from '../events.ts';
import type { Logger } from '../log.ts';
import type { LearnedFrame } from '../parse/learnedFrame.ts';
import {
  type Notification,
  PARSER_VERSION,
  type ParseOptions,
  parseMail,
} from '../parse/parseNotification.ts';
import { shapesOfUnplaced } from '../parse/shapesOfText.ts';
import type { FrameStore } from '../store/frameStore.ts';
import type { InvitationRecord, MessageRef, UnsureStore } from '../store/records.ts';
import { type IngestSettings, namesSomeoneToAnswer } from './ingestMessage.ts';

export interface RereadDeps {
  account: string;
  store: UnsureStore;
  frame: Pick<FrameStore, 'snapshot' | 'version' | 'teach'>;
  /** Fetches the messages again (src/imap/refetch.ts); says which are gone or unreachable. */
  refetch(
    refs: MessageRef[],
    each: (ref: MessageRef, source: Buffer) => Promise<void>,
  ): Promise<{ gone: MessageRef[]; unreachable: MessageRef[] }>;
  enqueueDraft(invitationKey: string): Promise<void>;
  settings(): IngestSettings;
  verifyDkim(raw: Buffer): Promise<boolean | null>;
  events: Events;
  log: Logger;
  now(): Date;
}

export interface RereadReport {
  read: number;
  placed: number;
  toRead: number;
}

/** Messages per FETCH: bounds memory as catch-up's batches do. */
const BATCH = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the unsure invitations were read with: the parser, the learned frame and how many times a
 * person had said a text is LinkedIn's (read before the pass, so that one said during it is read
 * by the next).
 */
export function readMark(frameVersion: number, taught: number): string {
  return `${PARSER_VERSION}:${frameVersion}:${taught}`;
}

/**
 * Whether a pass has anything to do. Cheap, for after every batch: nothing unsure is one ZCARD;
 * otherwise the frame's version, the last mark and the longest waiting invitation.
 */
export async function rereadDue(
  deps: Pick<RereadDeps, 'store' | 'frame' | 'settings' | 'now'>,
): Promise<boolean> {
  const { store } = deps;
  const oldest = [...(await store.unsureKeys(1)), ...(await store.provisionalKeys(1))];
  if (oldest.length === 0) return false;
  const mark = readMark(await deps.frame.version(), await store.unsureTaught());
  if ((await store.unsureReadWith()) !== mark) return true;
  for (const key of oldest) {
    const record = await store.getInvitation(key);
    if (record === null || expired(record, deps.settings().rules.unsureDays, deps.now()))
      return true;
  }
  return false;
}

export async function rereadUnsure(deps: RereadDeps): Promise<RereadReport> {
  const report: RereadReport = { read: 0, placed: 0, toRead: 0 };
  const { frame, version } = await deps.frame.snapshot();
  const taught = await deps.store.unsureTaught();
  const provisional = new Set(await deps.store.provisionalKeys());
  const keys = [...new Set([...(await deps.store.unsureKeys()), ...provisional])];
  for (let i = 0; i < keys.length; i += BATCH) {
    const records: InvitationRecord[] = [];
    for (const key of keys.slice(i, i + BATCH)) {
      const record = await deps.store.getInvitation(key);
      const held =
        record?.category === 'unsure' ||
        (record?.category === 'has-context' && provisional.has(key));
      if (record && held && record.draftStatus === 'none') records.push(record);
      else await finish(key, deps); // placed already (a crash before its draft was queued)
    }
    const byRef = new Map(records.flatMap((r) => (r.source ? [[refKey(r.source), r]] : [])));
    const { gone, unreachable } = await deps.refetch(
      [...byRef.values()].flatMap((r) => (r.source ? [r.source] : [])),
      async (ref, source) => {
        const record = byRef.get(refKey(ref));
        if (!record) return;
        report.read++;
        const outcome = await reread(record, source, frame, deps);
        if (outcome === 'placed') report.placed++;
        if (outcome === 'to-read') report.toRead++;
      },
    );
    const goneKeys = new Set(gone.map(refKey));
    for (const ref of [...gone, ...unreachable]) {
      const record = byRef.get(refKey(ref));
      const why = goneKeys.has(refKey(ref))
        ? `its message is gone from ${ref.mailbox}, so it cannot be read again`
        : `its message can no longer be found by its UID in ${ref.mailbox}`;
      if (record && (await letGo(record, why, deps))) report.toRead++;
    }
    // Read before this version kept no MessageRef: only the time limit applies to them.
    for (const record of records.filter((r) => !r.source))
      if (await expireIfDue(record, deps)) report.toRead++;
  }
  await deps.store.setUnsureReadWith(readMark(version, taught));
  if (report.read > 0 || report.toRead > 0)
    deps.log.info({ account: deps.account, version, ...report }, 'unsure invitations read again');
  return report;
}

async function reread(
  record: InvitationRecord,
  source: Buffer,
  frame: LearnedFrame,
  deps: RereadDeps,
): Promise<'placed' | 'to-read' | 'unsure'> {
  const settings = deps.settings();
  let notification: Notification;
  let cluster: string;
  let options: ParseOptions = {};
  try {
    const { trustedAuthservId, verifyDkim } = settings.authenticity;
    options = {
      maxBytes: settings.maxMessageBytes,
      trustedAuthservId,
      ...(verifyDkim ? { verifyDkim: deps.verifyDkim } : {}),
    };
    ({ notification, cluster } = await parseMail(source, { ...options, learnedFrame: frame }));
  } catch (err) {
    // It was read once; the time limit settles it if it never can be again.
    deps.log.warn({ account: deps.account, key: record.key, err: describeError(err) }, 'reread');
    return (await expireIfDue(record, deps)) ? 'to-read' : 'unsure';
  }
  let c = classify(notification, settings.rules);
  if (c.category === 'unsure' && record.unplacedIsFrame) {
    // The person said this text is LinkedIn's: taught as this mail's own names shape it.
    await deps.frame.teach(
      await shapesOfUnplaced(source, { notification, cluster }, settings.maxMessageBytes),
      deps.now(),
    );
    ({ notification } = await parseMail(source, {
      ...options,
      learnedFrame: (await deps.frame.snapshot()).frame,
    }));
    c = classify(notification, settings.rules);
  }
  // A provisional note read again as a note, or now doubted, stays the note it was.
  const asNote = record.category === 'has-context' && c.category === 'has-context';
  if (c.category === null || c.category === 'unsure' || asNote)
    return (await expireIfDue(record, deps)) ? 'to-read' : 'unsure';
  if (c.action === 'draft' && !namesSomeoneToAnswer(notification))
    return (await letGo(record, 'it names no one a reply could go to', deps))
      ? 'to-read'
      : 'unsure';
  const changed = await deps.store.reclassify(record.key, {
    category: c.category,
    action: c.action,
    template: c.template,
    reasons: c.reasons,
    notification,
    parserVersion: PARSER_VERSION,
  });
  if (changed) {
    await deps.store.addHistory(record.key, {
      at: deps.now().toISOString(),
      event: 'reclassified',
      from: record.category,
      category: c.category,
      reasons: c.reasons,
      action: c.action,
    });
    deps.events.emit('invitation.classified', {
      account: deps.account,
      key: record.key,
      inviterName: notification.inviter.name,
      category: c.category,
      action: c.action,
      created: false,
    });
  }
  await finish(record.key, deps);
  return changed ? 'placed' : 'unsure';
}

/** Queues the draft of a placed invitation (again: the job id makes it harmless), then lets go. */
async function finish(key: string, deps: Pick<RereadDeps, 'store' | 'enqueueDraft'>) {
  const record = await deps.store.getInvitation(key);
  if (record?.category === 'unsure' && record.draftStatus === 'none') return;
  if (record?.draftStatus === 'queued') await deps.enqueueDraft(key);
  await deps.store.releaseUnsure(key);
  await deps.store.releaseProvisional(key);
}

async function expireIfDue(record: InvitationRecord, deps: RereadDeps): Promise<boolean> {
  const days = deps.settings().rules.unsureDays;
  if (!expired(record, days, deps.now())) return false;
  return letGo(record, `still unsure after ${days} day${days === 1 ? '' : 's'}`, deps);
}

/** No longer read again: an unsure invitation is the person's to read; a provisional note stays. */
async function letGo(record: InvitationRecord, why: string, deps: RereadDeps): Promise<boolean> {
  if (record.category === 'unsure') return toRead(record, why, deps);
  await deps.store.releaseProvisional(record.key);
  return false;
}

function expired(record: InvitationRecord, days: number, now: Date): boolean {
  const since = Date.parse(record.firstSeenAt);
  return Number.isNaN(since) || now.getTime() - since >= days * DAY_MS;
}

/** No draft, and a reason the person sees: the invitation is theirs to read. */
export async function toRead(
  record: InvitationRecord,
  why: string,
  deps: Pick<RereadDeps, 'store' | 'enqueueDraft' | 'now'>,
): Promise<boolean> {
  const reasons = [`for you to read: ${why}`, ...record.reasons];
  const changed = await deps.store.reclassify(record.key, {
    category: 'has-context',
    action: 'none',
    template: null,
    reasons,
  });
  if (changed)
    await deps.store.addHistory(record.key, {
      at: deps.now().toISOString(),
      event: 'to-read',
      reason: why,
    });
  await finish(record.key, deps);
  return changed;
}

function refKey(ref: MessageRef): string {
  return `${ref.mailbox}\u0000${ref.uidValidity}\u0000${ref.uid}`;
}

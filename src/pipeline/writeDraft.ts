/**
 * Job handler: a recorded invitation → exactly one reply draft in Drafts. Before appending it
 * looks for a draft it may already have written (the append succeeded but the worker died
 * before recording it), so a retry never makes a second one. It only ever appends to Drafts:
 * nothing here, or anywhere in the worker, can send mail.
 */
import type { Config } from '../config/schema.ts';
import { composeDraft } from '../draft/composeDraft.ts';
import { BlockedError, WherewemetError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';

export interface DraftsFolder {
  find(invitationKey: string): Promise<number | null>;
  append(raw: Buffer): Promise<number | null>;
}

export interface DraftDeps {
  store: Store;
  drafts: DraftsFolder;
  config(): Config;
  log: Logger;
  now(): Date;
}

/** Done (with a word on what happened), or to be tried again at `until`. */
export type DraftOutcome = { done: string } | { deferred: string; until: Date };

export async function writeDraft(invitationKey: string, deps: DraftDeps): Promise<DraftOutcome> {
  const { store, log } = deps;
  const record = await store.getInvitation(invitationKey);
  if (!record) {
    throw new WherewemetError('MESSAGE_UNPARSEABLE', `no invitation ${invitationKey}`);
  }
  if (record.draftStatus !== 'queued') return { done: `nothing to do (${record.draftStatus})` };

  const config = deps.config();
  const notification = record.notification;
  const at = deps.now();
  const existing = await deps.drafts.find(invitationKey);
  if (existing !== null) {
    await store.markDrafted(invitationKey, {
      uid: existing,
      messageId: '',
      at,
      to: record.notification.inviter.email,
    });
    await store.addHistory(invitationKey, {
      at: at.toISOString(),
      event: 'drafted',
      uid: existing,
      recovered: true,
    });
    return { done: `draft already in Drafts (uid ${existing})` };
  }
  const limit = config.rules.dailyDraftLimit;
  if (limit !== null && !(await store.reserveDailyDraft(localDay(at), limit))) {
    return {
      deferred: `daily limit of ${limit} drafts reached (rules.dailyDraftLimit)`,
      until: nextLocalMidnight(at),
    };
  }
  const template = record.template ? config.templates[record.template] : undefined;
  if (!template) {
    throw new BlockedError(
      'TEMPLATE_MISSING',
      `template "${record.template}" is not defined under templates`,
      `define templates.${record.template} in the config, or change rules.actions`,
    );
  }
  const address = config.me.address ?? notification.recipient;
  if (!address) {
    throw new BlockedError(
      'NO_FROM_ADDRESS',
      'no address to write the draft from',
      'set me.address in the config',
    );
  }
  const draft = await composeDraft({
    notification,
    invitationKey,
    template,
    me: { name: config.me.name, address, signature: config.me.signature },
    now: at,
  });
  const uid = await deps.drafts.append(draft.raw);
  await store.markDrafted(invitationKey, {
    uid,
    messageId: draft.messageId,
    at,
    to: draft.to,
    subject: draft.subject,
  });
  await store.addHistory(invitationKey, {
    at: at.toISOString(),
    event: 'drafted',
    uid,
    to: draft.to,
    subject: draft.subject,
  });
  log.info({ invitation: invitationKey, uid, to: draft.to ? 'inviter' : 'none' }, 'draft written');
  return { done: `drafted (uid ${uid})` };
}

/** "2026-11-22" in the machine's time zone: the day a person would count drafts by. */
function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

function nextLocalMidnight(at: Date): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1, 0, 0, 1);
}

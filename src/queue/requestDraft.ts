/**
 * "Draft a reply anyway": an invitation that got no draft (a personal note, someone known, one
 * the user ignored) is marked queued with the chosen template, and its draft job is queued the
 * way the worker queues its own (`drafts` queue, deterministic job id), so the running worker
 * writes the draft with all its usual guarantees. Queueing is all this does: it never writes
 * to Drafts itself.
 */
import { DecisionRefused } from '../errors.ts';
import type { StatusChangeStore, Store } from '../store/store.ts';
import { type DraftQueuePlace, draftQueueAt } from './draftQueues.ts';
import { draftJobId, JOB_OPTIONS } from './jobs.ts';

export interface RequestDraftDeps {
  store: Store;
  changes: StatusChangeStore;
  /** The account's draft queue, where the worker finds the job. */
  queue: DraftQueuePlace;
  templates: string[];
  now(): Date;
  via: string;
}

export async function requestDraft(
  id: string,
  template: string,
  deps: RequestDraftDeps,
): Promise<void> {
  if (!deps.templates.includes(template))
    throw new DecisionRefused(`there is no template "${template}" under templates`);
  const record = await deps.store.getInvitation(id);
  if (!record) throw new DecisionRefused(`no invitation ${id}`);
  // A reply would confirm the address to whoever imitates LinkedIn.
  if (record.category === 'suspicious' || record.notification.authenticity === 'suspicious')
    throw new DecisionRefused(
      `invitation ${id} looks like an imitation of LinkedIn: never answered`,
    );
  const previous = record.draftStatus;
  const changed = await deps.changes.change(id, ['none', 'ignored'], 'queued', {
    action: 'draft',
    template,
  });
  if (!changed)
    throw new DecisionRefused(
      `invitation ${id} is ${previous}: only one without a draft can get one`,
    );
  const queue = draftQueueAt(deps.queue);
  try {
    await queue.add(
      'draft',
      { invitationKey: id },
      { ...JOB_OPTIONS, jobId: draftJobId({ invitationKey: id }) },
    );
  } catch (err) {
    // Not queued: as it was, so that asking again works.
    await deps.changes.change(id, ['queued'], previous, {
      action: record.action,
      template: record.template ?? '',
    });
    throw err;
  } finally {
    await queue.close();
  }
  await deps.store.addHistory(id, {
    at: deps.now().toISOString(),
    event: 'draft-requested',
    via: deps.via,
    template,
  });
}

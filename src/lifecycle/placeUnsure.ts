/**
 * A person's one-step answer to an unsure invitation (review page): its unplaced text is
 * "LinkedIn's text" — the worker, at its next check, reads the invitation again, teaches the frame
 * that text's shapes (learned at once) and drafts if the rules say so — or "their note": recorded
 * as has-context, no draft.
 * Both are idempotent: the same answer again changes nothing and is not an error.
 */

import { DecisionRefused } from '../errors.ts';
import type { UnsureStore } from '../store/records.ts';

export type UnsureAnswer = 'linkedin' | 'note';

export interface PlaceUnsureDeps {
  store: UnsureStore;
  now(): Date;
  via: string;
}

export async function placeUnsure(
  id: string,
  answer: UnsureAnswer,
  deps: PlaceUnsureDeps,
): Promise<void> {
  const record = await deps.store.getInvitation(id);
  if (!record) throw new DecisionRefused(`no invitation ${id}`);
  const at = deps.now();
  if (answer === 'note') {
    const changed = await deps.store.reclassify(id, {
      category: 'has-context',
      action: 'none',
      template: null,
      reasons: ['you said the text is their note', ...record.reasons],
    });
    if (changed) {
      await deps.store.addHistory(id, {
        at: at.toISOString(),
        event: 'placed',
        answer: 'their note',
        via: deps.via,
      });
      await deps.store.releaseUnsure(id);
    } else if (record.category !== 'has-context') refuseChanged(id, record.category);
    return;
  }
  if (record.category !== 'unsure' || record.draftStatus !== 'none') {
    // Read again meanwhile (the frame learned it): the answer is already given.
    if (record.category === 'has-context' || record.category === 'suspicious')
      refuseChanged(id, record.category);
    return;
  }
  // Taught by the worker as it reads the mail again (rereadUnsure.ts): only the mail's own names
  // (its To) make the shapes the parser asks for. Taught here with the names the page knows, a
  // shape could be half right and turn a footer line into "their note".
  await deps.store.markUnplacedIsFrame(id);
  await deps.store.addHistory(id, {
    at: at.toISOString(),
    event: 'taught',
    answer: "LinkedIn's text",
    via: deps.via,
  });
}

function refuseChanged(id: string, category: string | null): never {
  throw new DecisionRefused(
    `invitation ${id} is no longer unsure: it was placed meanwhile (${category ?? 'not sorted'})`,
  );
}

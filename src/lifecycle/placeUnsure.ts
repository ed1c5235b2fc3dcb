/**
 * A person's one-step answer to an unsure invitation (review page): its unplaced text is
 * "LinkedIn's text" — the frame is taught its shapes at once and the worker reads the invitation
 * again, drafting if the rules say so — or "their note": recorded as has-context, no draft.
 * Both are idempotent: the same answer again changes nothing and is not an error.
 */
import { shapesOfText } from '../parse/shapesOfText.ts';
import type { FrameStore } from '../store/frameStore.ts';
import type { UnsureStore } from '../store/records.ts';
import { DecisionRefused } from './decide.ts';

export type UnsureAnswer = 'linkedin' | 'note';

export interface PlaceUnsureDeps {
  store: UnsureStore;
  frames: Pick<FrameStore, 'teach'>;
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
  const { inviter } = record.notification;
  const shapes = record.notification.unrecognised.flatMap((text) =>
    shapesOfText(text, { inviter: inviter.name, recipient: null }),
  );
  await deps.frames.teach(shapes, at);
  await deps.store.addHistory(id, {
    at: at.toISOString(),
    event: 'taught',
    answer: "LinkedIn's text",
    via: deps.via,
  });
  // Read again by the worker at its next check, even if every shape was learned already.
  await deps.store.setUnsureReadWith('');
}

function refuseChanged(id: string, category: string | null): never {
  throw new DecisionRefused(
    `invitation ${id} is no longer unsure: it was placed meanwhile (${category ?? 'not sorted'})`,
  );
}

// Ignoring an invitation without a draft, over the in-memory store: once, with its history; one
// with a draft, one already ignored, or none at all is refused with a line for a person.
import { describe, expect, it } from 'vitest';
import { DecisionRefused } from '../../src/errors.ts';
import { ignoreInvitation } from '../../src/lifecycle/decide.ts';
import { MemoryStore } from '../support/memoryStore.ts';
import { invitation } from '../support/notifications.ts';

const AT = new Date('2026-12-07T10:00:00Z');

async function storeWith(key: string, action: 'draft' | 'none') {
  const store = new MemoryStore();
  await store.claimInvitation([key], {
    key,
    notification: invitation({}),
    classification: {
      category: action === 'draft' ? 'no-context' : 'has-context',
      action,
      template: action === 'draft' ? 'where-we-met' : null,
      reasons: [],
    },
    at: new Date('2026-12-01T09:00:00Z'),
  });
  return { store, deps: { store, changes: store, now: () => AT, via: 'cli' } };
}

describe('ignoring an invitation', () => {
  it('marks one without a draft ignored, once, and notes who did it and when', async () => {
    const { store, deps } = await storeWith('note', 'none');
    await ignoreInvitation('note', deps);
    const record = await store.getInvitation('note');
    expect(record).toMatchObject({ draftStatus: 'ignored', decidedAt: AT.toISOString() });
    expect(await store.history('note')).toContainEqual({
      at: AT.toISOString(),
      event: 'decided',
      decision: 'ignored',
      via: 'cli',
    });
    await expect(ignoreInvitation('note', deps)).rejects.toThrow(
      /is ignored: only one without a draft can be ignored/,
    );
  });

  it('refuses one whose draft is queued, and one that does not exist', async () => {
    const { store, deps } = await storeWith('drafted', 'draft');
    await expect(ignoreInvitation('drafted', deps)).rejects.toThrow(/is queued/);
    expect((await store.getInvitation('drafted'))?.draftStatus).toBe('queued');
    await expect(ignoreInvitation('missing', deps)).rejects.toBeInstanceOf(DecisionRefused);
  });
});

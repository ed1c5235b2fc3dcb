// A person's answer to an unsure invitation: "LinkedIn's text" teaches the frame the unplaced
// text's shapes and asks for a re-read; "their note" records has-context with no draft. Both
// idempotent; neither touches an invitation placed meanwhile.
import { describe, expect, it } from 'vitest';
import { DecisionRefused } from '../../src/errors.ts';
import { placeUnsure } from '../../src/lifecycle/placeUnsure.ts';
import { MemoryStore } from '../support/memoryStore.ts';
import { invitation, invitationRecord } from '../support/notifications.ts';

const UNPLACED = 'Jane Doe would love to be part of your circle';

function setUp() {
  const store = new MemoryStore();
  const record = invitationRecord({
    key: 'id-jane',
    category: 'unsure',
    action: 'none',
    template: null,
    reasons: ['text not yet placed'],
    notification: invitation({ note: UNPLACED, noteKind: 'personal', unrecognised: [UNPLACED] }),
  });
  store.records.set(record.key, record);
  store.unsure.set(record.key, 1);
  store.readWith = '2:0';
  const deps = {
    store,
    now: () => new Date('2026-12-02T10:00:00Z'),
    via: 'review page',
  };
  return { store, deps };
}

describe('answering an unsure invitation', () => {
  it("marks its text as LinkedIn's for the worker to teach, and has it read again", async () => {
    const { store, deps } = setUp();
    await placeUnsure('id-jane', 'linkedin', deps);
    // Taught by the worker, from the mail itself (rereadUnsure.test.ts), not from here; counted,
    // so that the unsure ones are read again (readMark).
    expect(await store.unsureTaught()).toBe(1);
    expect(store.records.get('id-jane')?.unplacedIsFrame).toBe(true);
    // Still unsure until the worker reads it again with the frame; no draft from here.
    expect(store.records.get('id-jane')).toMatchObject({ category: 'unsure', draftStatus: 'none' });
    await placeUnsure('id-jane', 'linkedin', deps);
    expect((await store.history('id-jane')).map((e) => e.event)).toEqual(['taught', 'taught']);
  });

  it('records their note as has-context, with no draft, once', async () => {
    const { store, deps } = setUp();
    await placeUnsure('id-jane', 'note', deps);
    await placeUnsure('id-jane', 'note', deps);
    expect(store.records.get('id-jane')).toMatchObject({
      category: 'has-context',
      action: 'none',
      draftStatus: 'none',
    });
    expect(store.records.get('id-jane')?.reasons[0]).toBe('you said the text is their note');
    expect((await store.history('id-jane')).map((e) => e.event)).toEqual(['placed']);
    expect(store.unsure.size).toBe(0);
  });

  it('refuses to call a note what was drafted meanwhile, and an unknown invitation', async () => {
    const { store, deps } = setUp();
    Object.assign(store.records.get('id-jane') ?? {}, {
      category: 'no-context',
      action: 'draft',
      draftStatus: 'queued',
    });
    await expect(placeUnsure('id-jane', 'note', deps)).rejects.toBeInstanceOf(DecisionRefused);
    await expect(placeUnsure('id-nobody', 'linkedin', deps)).rejects.toBeInstanceOf(
      DecisionRefused,
    );
    expect(store.records.get('id-jane')?.draftStatus).toBe('queued');
  });
});

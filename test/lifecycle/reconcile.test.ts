// Reconcile over an in-memory store and mailbox: what the user did in their mail client becomes
// the draft's status, and a second copy that a stalled worker left is removed, never the user's.
import { describe, expect, it } from 'vitest';
import type { DraftSummary, SentReply } from '../../src/decide/judge.ts';
import type { LifecycleMailbox } from '../../src/imap/accountFolders.ts';
import { reconcile } from '../../src/lifecycle/reconcile.ts';
import { createLogger } from '../../src/log.ts';
import { MemoryStore } from '../support/memoryStore.ts';
import { invitation } from '../support/notifications.ts';

const NOTIFICATION_ID = '<1.2.3.JavaMail.app@ltx1-app1.prod.linkedin.com>';

async function pendingDraft(store: MemoryStore, key: string, uid: number) {
  const notification = invitation({
    messageId: NOTIFICATION_ID,
    inviter: { email: 'jane@example.org' },
  });
  await store.claimInvitation([key], {
    key,
    notification,
    classification: {
      category: 'no-context',
      action: 'draft',
      template: 'where-we-met',
      reasons: [],
    },
    at: new Date('2026-12-01T09:00:00Z'),
  });
  const claim = await store.beginDraft(key, new Date());
  if (!('token' in claim)) throw new Error('not claimed');
  await store.confirmDraft(claim, {
    uid,
    messageId: `<wherewemet-${key}@example.net>`,
    to: 'jane@example.org',
    subject: 'Your invitation',
    at: new Date('2026-12-01T09:00:01Z'),
  });
}

function mailbox(drafts: DraftSummary[], replies: SentReply[] = []) {
  const removed: number[] = [];
  const box: LifecycleMailbox = {
    drafts: async () => drafts.filter((d) => !removed.includes(d.uid)),
    replies: async () => replies,
    draftSource: async () => null,
    removeDraft: async (uid) => {
      removed.push(uid);
    },
    appendDraft: async () => null,
    restoreDraft: async () => null,
    fileSent: async () => false,
  };
  return { box, removed };
}

const ours = (key: string, uid: number, changes: Partial<DraftSummary> = {}): DraftSummary => ({
  uid,
  size: 1200,
  messageId: `<wherewemet-${key}@example.net>`,
  inReplyTo: NOTIFICATION_ID,
  references: [NOTIFICATION_ID],
  invitation: key,
  ...changes,
});

const deps = (store: MemoryStore, box: LifecycleMailbox, now = '2026-12-01T10:00:00Z') => ({
  store,
  mailbox: box,
  expireAfterDays: null,
  missingGraceMs: 300_000,
  log: createLogger({ level: 'silent' }),
  now: () => new Date(now),
});

describe('reconcile', () => {
  it('follows a draft the user edited, and keeps it pending', async () => {
    const store = new MemoryStore();
    await pendingDraft(store, 'k', 5);
    const { box } = mailbox([ours('k', 9, { messageId: '<edited@client>', size: 1300 })]);
    expect(await reconcile(deps(store, box))).toMatchObject({ followed: 1 });
    expect(await store.getInvitation('k')).toMatchObject({ draftStatus: 'pending', draftUid: 9 });
  });

  it('records a draft that left Drafts as sent when the reply is in Sent, else discarded after the grace', async () => {
    const store = new MemoryStore();
    await pendingDraft(store, 'sent', 5);
    await pendingDraft(store, 'gone', 6);
    const first = mailbox([]);
    await reconcile(deps(store, first.box));
    expect((await store.getInvitation('gone'))?.draftStatus).toBe('pending'); // within the grace
    const later = mailbox([], [{ uid: 1, recipients: ['Jane@Example.org'] }]);
    await reconcile(deps(store, later.box, '2026-12-01T10:10:00Z'));
    expect((await store.getInvitation('sent'))?.draftStatus).toBe('sent');
    const none = mailbox([]);
    await pendingDraft(store, 'late', 7);
    await reconcile(deps(store, none.box, '2026-12-01T10:10:00Z'));
    await reconcile(deps(store, none.box, '2026-12-01T10:20:00Z'));
    expect((await store.getInvitation('late'))?.draftStatus).toBe('discarded');
  });

  it("removes a stalled worker's second copy of our draft, but never a version the user edited", async () => {
    const store = new MemoryStore();
    await pendingDraft(store, 'k', 5);
    const { box, removed } = mailbox([
      ours('k', 5),
      ours('k', 8), // the same bytes again, from a worker that lost the invitation mid-APPEND
      ours('k', 9, { size: 1500 }), // edited in the mail client, kept our headers
    ]);
    await reconcile(deps(store, box));
    expect(removed).toEqual([8]);
    expect((await store.getInvitation('k'))?.draftStatus).toBe('pending');
  });
  it('leaves an untouched draft alone while another process holds it, and waits on one it must change', async () => {
    const store = new MemoryStore();
    await pendingDraft(store, 'untouched', 5);
    await pendingDraft(store, 'edited', 6);
    store.holdDraft = async () => null; // an approval or a second reconcile holds every draft
    const { box } = mailbox([ours('untouched', 5), ours('edited', 9, { size: 1300 })]);
    expect(await reconcile(deps(store, box))).toMatchObject({ busy: 1, followed: 0 });
    expect((await store.getInvitation('edited'))?.draftUid).toBe(6);
  });
});

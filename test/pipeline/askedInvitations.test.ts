// The invitations an answer may be to, as the catch-up searches for them: a pending draft's
// record is read once while it stays pending, and read again once it is decided, so that what
// is searched for follows the decision (issue 23).
import { describe, expect, it } from 'vitest';
import { askedInvitations, type PendingRead } from '../../src/pipeline/ingestAnswer.ts';
import type { InvitationRecord } from '../../src/store/records.ts';
import { invitationRecord } from '../support/notifications.ts';

function setUp() {
  const records = new Map<string, InvitationRecord>();
  const asked = new Set<string>();
  const reads: string[] = [];
  const pendingRead: PendingRead = new Map();
  const deps = {
    answers: { askedKeys: async () => [...asked] },
    getInvitation: async (key: string) => {
      reads.push(key);
      return structuredClone(records.get(key) ?? null);
    },
    pendingKeys: async () =>
      [...records.values()].filter((r) => r.draftStatus === 'pending').map((r) => r.key),
    pendingRead,
    now: () => new Date('2026-12-07T10:00:00Z'),
  };
  const draft = (key: string) =>
    records.set(
      key,
      invitationRecord({
        key,
        draftStatus: 'pending',
        draftMessageId: `<draft-${key}@example.net>`,
        draftedAt: '2026-12-07T09:00:00.000Z',
        draftTo: `${key}@example.com`,
      }),
    );
  return { records, asked, reads, deps, draft };
}

describe('askedInvitations', () => {
  it('reads a pending draft once, however often it is asked for', async () => {
    const { reads, deps, draft } = setUp();
    draft('a');
    draft('b');
    const first = await askedInvitations(deps);
    const again = await askedInvitations(deps);
    expect(again).toEqual(first);
    expect(first.map((a) => a.threadIds[0]).sort()).toEqual([
      '<draft-a@example.net>',
      '<draft-b@example.net>',
    ]);
    expect(reads.sort()).toEqual(['a', 'b']);
  });

  it('reads it again once it is decided, and forgets what it kept', async () => {
    const { records, asked, reads, deps, draft } = setUp();
    draft('a');
    await askedInvitations(deps);
    Object.assign(records.get('a') as InvitationRecord, {
      draftStatus: 'sent',
      decidedAt: '2026-12-07T09:30:00.000Z',
    });
    asked.add('a');
    const [sent] = await askedInvitations(deps);
    expect(sent?.status).toBe('sent');
    expect(sent?.askedAt).toBe('2026-12-07T09:30:00.000Z');
    expect(reads).toEqual(['a', 'a']);
    expect(deps.pendingRead.size).toBe(0);
  });

  it('reads every time without a place to keep what it read', async () => {
    const { reads, deps, draft } = setUp();
    draft('a');
    const { pendingRead: _, ...uncached } = deps;
    await askedInvitations(uncached);
    await askedInvitations(uncached);
    expect(reads).toEqual(['a', 'a']);
  });
});

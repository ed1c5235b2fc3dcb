import { describe, expect, it } from 'vitest';
import {
  duplicateCopies,
  indexDrafts,
  isExpired,
  judgeMissing,
  locateDraft,
} from '../../src/decide/judge.ts';
import { rewriteHeaders } from '../../src/lifecycle/outgoing.ts';
import type { InvitationRecord } from '../../src/store/store.ts';

const NOTIFICATION_ID = '<notification-1@linkedin.com>';

const record = (changes: Partial<InvitationRecord> = {}): InvitationRecord =>
  ({
    key: 'msg-abc',
    draftStatus: 'pending',
    draftUid: 7,
    draftMessageId: '<wherewemet-1@example.net>',
    draftTo: 'anna@example.org',
    draftedAt: '2026-11-01T00:00:00.000Z',
    draftEditedAt: null,
    notification: { messageId: NOTIFICATION_ID },
    ...changes,
  }) as InvitationRecord;

const draft = (uid: number, changes = {}) => ({
  uid,
  size: 1000,
  messageId: null,
  inReplyTo: null,
  references: [],
  invitation: null,
  ...changes,
});

describe('locateDraft', () => {
  it('finds the draft at its UID', () => {
    expect(locateDraft(record(), indexDrafts([draft(7, { invitation: 'msg-abc' })]))).toEqual({
      where: 'in-place',
      uid: 7,
    });
  });

  it('follows an edited copy that kept only the threading headers, the newest one', () => {
    const drafts = [
      draft(9, { references: ['<other@x>', NOTIFICATION_ID] }),
      draft(12, { inReplyTo: NOTIFICATION_ID }),
      draft(13, { inReplyTo: '<someone-else@linkedin.com>' }),
    ];
    expect(locateDraft(record(), indexDrafts(drafts))).toEqual({ where: 'moved', uid: 12 });
  });

  it('reports a draft nothing points to as missing', () => {
    expect(locateDraft(record(), indexDrafts([draft(7, { invitation: 'msg-other' })]))).toEqual({
      where: 'missing',
    });
  });
});

describe('duplicateCopies', () => {
  const ours = { invitation: 'msg-abc', messageId: '<wherewemet-1@example.net>' };

  it('are the untouched copies of our draft under other UIDs, not edited versions or others', () => {
    const drafts = indexDrafts([
      draft(7, ours),
      draft(8, ours), // a stalled worker's copy
      draft(9, { ...ours, size: 1200 }), // edited in the client: another size
      draft(10, { ...ours, invitation: 'msg-other' }),
      draft(11, { inReplyTo: NOTIFICATION_ID, references: [NOTIFICATION_ID] }),
    ]);
    expect(duplicateCopies(record(), drafts)).toEqual([8]);
    expect(locateDraft(record(), drafts)).toEqual({ where: 'in-place', uid: 7 });
  });

  it('are none while our own draft is not where we recorded it', () => {
    expect(duplicateCopies(record(), indexDrafts([draft(8, ours), draft(9, ours)]))).toEqual([]);
  });
});

describe('judgeMissing', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const overdue = { since: '2026-11-22T09:00:00Z', graceMs: 300_000, now };
  const fresh = { since: '2026-11-22T09:59:00Z', graceMs: 300_000, now };

  it('is sent when a reply to the same recipient is in Sent, whatever its case', () => {
    const replies = [{ uid: 1, recipients: ['Anna@Example.org'] }];
    expect(judgeMissing(record(), replies, fresh)).toBe('sent');
  });

  it('is discarded when the reply went to someone else, or there is none, after the grace', () => {
    expect(judgeMissing(record(), [{ uid: 1, recipients: ['bob@example.org'] }], overdue)).toBe(
      'discarded',
    );
    expect(judgeMissing(record(), [], overdue)).toBe('discarded');
    expect(judgeMissing(record(), [], { ...fresh, graceMs: 0 })).toBe('discarded');
  });

  it('waits within the grace period: the sent copy may still be on its way to Sent', () => {
    expect(judgeMissing(record(), [], fresh)).toBe('wait');
  });

  it('matches a draft without recipient on the thread alone', () => {
    const replies = [{ uid: 1, recipients: ['x@y.z'] }];
    expect(judgeMissing(record({ draftTo: null }), replies, fresh)).toBe('sent');
  });
});

describe('isExpired', () => {
  const now = new Date('2026-11-22T00:00:00Z');
  it('is off by default, and spares edited drafts', () => {
    expect(isExpired(record(), null, now)).toBe(false);
    expect(isExpired(record(), 14, now)).toBe(true);
    expect(isExpired(record(), 30, now)).toBe(false);
    expect(isExpired(record({ draftEditedAt: '2026-11-02T00:00:00Z' }), 14, now)).toBe(false);
  });
});

describe('rewriteHeaders', () => {
  it('drops our header and Bcc, folded lines included, and dates the message now', () => {
    const raw = Buffer.from(
      [
        'From: me@example.net',
        'To: anna@example.org',
        'Bcc: hidden@example.net,',
        ' other@example.net',
        'Date: Sun, 01 Nov 2026 00:00:00 +0000',
        'X-Wherewemet-Invitation: msg-abc',
        'Subject: Hi',
        '',
        'X-Wherewemet-Invitation: stays in the body',
        '',
      ].join('\r\n'),
    );
    const out = rewriteHeaders(raw, new Date('2026-11-22T10:00:00Z')).toString();
    expect(out).toBe(
      [
        'Date: Sun, 22 Nov 2026 10:00:00 +0000',
        'From: me@example.net',
        'To: anna@example.org',
        'Subject: Hi',
        '',
        'X-Wherewemet-Invitation: stays in the body',
        '',
      ].join('\r\n'),
    );
  });
});

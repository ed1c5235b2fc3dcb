import { describe, expect, it } from 'vitest';
import {
  PAGE_SIZE,
  parseQuery,
  queryUrl,
  selectInvitations,
  tabsOf,
} from '../../src/review/select.ts';
import type { DraftStatus, InvitationRecord } from '../../src/store/store.ts';
import { invitation, invitationRecord } from '../support/notifications.ts';

function record(n: number, over: Partial<InvitationRecord> = {}): InvitationRecord {
  return invitationRecord({
    key: `id-${n}`,
    notification: invitation({ inviter: { name: `Person ${n}`, headline: `Role ${n}` } }),
    firstSeenAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
    draftStatus: 'pending',
    draftUid: n,
    ...over,
  });
}

describe('selecting invitations for a list page', () => {
  it('pages 50 at a time, clamped to the last page, with the counts of every filter', () => {
    const records = Array.from({ length: 120 }, (_, i) => record(i));
    const first = selectInvitations(records, { show: 'waiting', q: '', page: 1 });
    expect(first.records).toHaveLength(PAGE_SIZE);
    expect(first.pages).toBe(3);
    expect(first.total).toBe(120);
    const last = selectInvitations(records, { show: 'waiting', q: '', page: 9 });
    expect(last.page).toBe(3);
    expect(last.records.map((r) => r.key)).toEqual(records.slice(100).map((r) => r.key));
    expect(first.counts).toMatchObject({ waiting: 120, all: 120, decided: 0, 'has-context': 0 });
  });

  it('puts each invitation under its category and its status', () => {
    const status = (s: DraftStatus, category = 'no-context') =>
      record(0, { draftStatus: s, category, key: `${category}-${s}` });
    const records = [
      status('pending'),
      status('sending'),
      status('queued'),
      status('none', 'has-context'),
      status('none', 'suspicious'),
      status('replied', 'pitch'),
      status('ignored', 'known'),
      status('approved'),
    ];
    const keys = (show: Parameters<typeof selectInvitations>[1]['show']) =>
      selectInvitations(records, { show, q: '', page: 1 }).records.map((r) => r.key);
    expect(keys('waiting')).toEqual(['no-context-pending', 'no-context-sending']);
    expect(keys('has-context')).toEqual(['has-context-none']);
    expect(keys('suspicious')).toEqual(['suspicious-none']);
    expect(keys('no-draft')).toEqual(['has-context-none', 'suspicious-none']);
    expect(keys('decided')).toEqual(['pitch-replied', 'known-ignored', 'no-context-approved']);
    expect(keys('all')).toHaveLength(records.length);
  });

  it('searches every word in the name, headline, note and address, in any case', () => {
    const records = [
      record(1, {
        notification: invitation({
          inviter: { name: 'Zoë Müller', headline: 'Rust developer' },
          note: 'We met at RustConf',
        }),
      }),
      record(2, { draftTo: 'boris@example.org' }),
      record(3),
    ];
    const found = (q: string) =>
      selectInvitations(records, { show: 'all', q, page: 1 }).records.map((r) => r.key);
    expect(found('zoë rustconf')).toEqual(['id-1']);
    expect(found('RUST')).toEqual(['id-1']);
    expect(found('boris@')).toEqual(['id-2']);
    expect(found('nobody')).toEqual([]);
    expect(selectInvitations(records, { show: 'all', q: 'rust', page: 1 }).counts.all).toBe(1);
  });

  it('reads the query from the address, falling back on the defaults, and writes it back', () => {
    expect(parseQuery({ show: 'pitch', q: ' sales ', page: '2' })).toEqual({
      show: 'pitch',
      q: 'sales',
      page: 2,
    });
    expect(parseQuery({ show: 'x', page: '-1' })).toEqual({ show: 'waiting', q: '', page: 1 });
    expect(queryUrl({ show: 'waiting', q: '', page: 1 })).toBe('/');
    expect(queryUrl({ show: 'decided', q: 'a b', page: 3 })).toBe('/?show=decided&q=a+b&page=3');
  });

  it('searches every tab unless one is named', () => {
    expect(parseQuery({ q: 'anna' })).toEqual({ show: 'all', q: 'anna', page: 1 });
    expect(parseQuery({ q: ' ' })).toEqual({ show: 'waiting', q: '', page: 1 });
    expect(parseQuery({ show: 'waiting', q: 'anna' }).show).toBe('waiting');
    expect(queryUrl({ show: 'all', q: 'anna' })).toBe('/?q=anna');
    expect(queryUrl({ show: 'waiting', q: 'anna' })).toBe('/?show=waiting&q=anna');
    expect(queryUrl({ show: 'all', q: '' })).toBe('/?show=all');
  });

  it('names the tabs an invitation is listed under', () => {
    expect(tabsOf({ draftStatus: 'pending', category: 'pitch' })).toEqual(['waiting', 'pitch']);
    expect(tabsOf({ draftStatus: 'none', category: 'has-context' })).toEqual([
      'has-context',
      'no-draft',
    ]);
    expect(tabsOf({ draftStatus: 'discarded', category: 'no-context' })).toEqual(['decided']);
  });
});

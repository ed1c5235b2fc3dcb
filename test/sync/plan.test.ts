import { describe, expect, it } from 'vitest';
import { candidateQuery, uidSet } from '../../src/imap/fetch.ts';
import { batches, planCatchUp } from '../../src/sync/plan.ts';

const now = new Date('2026-12-01T12:00:00Z');

describe('planning a catch-up', () => {
  it('resumes after the cursor of the same UIDVALIDITY', () => {
    expect(planCatchUp({ uidValidity: '7', lastUid: 41 }, '7', 30, now)).toEqual({
      kind: 'resume',
      afterUid: 41,
    });
  });

  it('looks back by arrival date on the first run and after the mailbox was recreated', () => {
    const since = new Date('2026-11-01T12:00:00Z');
    expect(planCatchUp(null, '7', 30, now)).toEqual({
      kind: 'lookback',
      since,
      reason: 'first run',
    });
    expect(planCatchUp({ uidValidity: '6', lastUid: 900 }, '7', 30, now)).toEqual({
      kind: 'lookback',
      since,
      reason: 'UIDVALIDITY changed',
    });
  });

  it('cuts UIDs into ordered batches and writes compact UID sets', () => {
    expect(batches([9, 1, 5, 3, 7], 2)).toEqual([[1, 3], [5, 7], [9]]);
    expect(uidSet([10, 1, 2, 3, 7, 9, 3])).toBe('1:3,7,9:10');
    expect(uidSet([42])).toBe('42');
  });
});

describe('the candidate search', () => {
  const range = { afterUid: 10, highUid: 42, since: null };

  it("uses Gmail's own search syntax where the server offers it (X-GM-EXT-1)", () => {
    expect(candidateQuery(range, true)).toEqual({
      uid: '11:42',
      gmraw:
        'from:linkedin OR from:linkedln OR from:linkdin OR from:linnkedin OR "invitations@linkedin.com" OR "member@linkedin.com"',
    });
  });

  it("elsewhere searches LinkedIn's senders and headers, arrival date only when looking back", () => {
    const since = new Date('2026-11-01T00:00:00Z');
    const query = candidateQuery({ ...range, since }, false);
    expect(query).toMatchObject({ uid: '11:42', since });
    expect(query.or).toContainEqual({ header: { 'X-LinkedIn-Template': true } });
    expect(query.or).toContainEqual({ from: 'linkedln' });
    // A forward comes from a person: only its subject and text say what it is.
    expect(query.or).toContainEqual({
      text: 'invitations@linkedin.com',
      or: expect.arrayContaining([{ subject: 'fw' }, { subject: 'wg:' }]),
    });
  });

  it('adds the threads of our questions and the inviters’ addresses, when answers are awaited', () => {
    const answers = { threadIds: ['<draft-1@x>'], addresses: ['anna@example.org'] };
    const query = candidateQuery(range, false, answers);
    expect(query.or).toContainEqual({ header: { 'X-LinkedIn-Template': true } });
    expect(query.or).toContainEqual({ header: { 'in-reply-to': '<draft-1@x>' } });
    expect(query.or).toContainEqual({ header: { references: '<draft-1@x>' } });
    expect(query.or).toContainEqual({ from: 'anna@example.org' });
    // On Gmail, its own search for LinkedIn beside the same terms.
    expect(candidateQuery(range, true, answers).or).toContainEqual({
      gmraw:
        'from:linkedin OR from:linkedln OR from:linkdin OR from:linnkedin OR "invitations@linkedin.com" OR "member@linkedin.com"',
    });
    expect(candidateQuery(range, false, { threadIds: [], addresses: [] })).toEqual(
      candidateQuery(range, false),
    );
  });
});

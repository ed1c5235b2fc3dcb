// Where an invitation stands after our question, and where the decision is taken on LinkedIn.
import { describe, expect, it } from 'vitest';
import { acceptTarget, answerState, INVITATION_MANAGER } from '../../src/answer/state.ts';

const now = new Date('2026-12-20T12:00:00.000Z');
const facts = (over: Partial<Parameters<typeof answerState>[0]> = {}) => ({
  askedAt: '2026-12-10T12:00:00.000Z',
  match: null,
  decision: null,
  ...over,
});

describe('answerState', () => {
  it('waits rules.answerWaitDays for an answer, then says there was none', () => {
    expect(answerState(facts(), now, 14)).toBe('awaiting answer');
    expect(answerState(facts(), now, 10)).toBe('no answer');
    expect(answerState(facts({ askedAt: '2026-12-06T12:00:00.000Z' }), now, 14)).toBe('no answer');
    expect(answerState(facts({ askedAt: null }), now, 14)).toBeNull();
  });

  it('shows an answer, a possible one, and the decision after either', () => {
    expect(answerState(facts({ match: 'sure' }), now, 14)).toBe('answered');
    expect(answerState(facts({ match: 'possible' }), now, 14)).toBe('possible answer');
    expect(answerState(facts({ match: 'sure', decision: 'accepted' }), now, 14)).toBe('accepted');
    expect(
      answerState(facts({ askedAt: '2026-01-01T00:00:00Z', decision: 'ignored' }), now, 14),
    ).toBe('ignored');
  });
});

describe('acceptTarget', () => {
  it("opens the invitation's own accept link, only when it is LinkedIn's over https", () => {
    const own = 'https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/7/sharedKey/k/';
    expect(acceptTarget(own)).toBe(own);
    expect(acceptTarget('https://linkedin.com.evil.test/accept')).toBe(INVITATION_MANAGER);
    expect(acceptTarget('javascript:alert(1)')).toBe(INVITATION_MANAGER);
    expect(acceptTarget(null)).toBe(INVITATION_MANAGER);
  });
});

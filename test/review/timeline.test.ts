import { describe, expect, it } from 'vitest';
import { localTime } from '../../src/lifecycle/listing.ts';
import { withoutLinkedInHint } from '../../src/review/pages.ts';
import { asSentence, eventSentence, statusSentence } from '../../src/review/timeline.ts';
import type { InvitationRecord } from '../../src/store/store.ts';
import { invitationRecord } from '../support/notifications.ts';

const at = '2026-03-01T09:00:00.000Z';

describe('the history as sentences', () => {
  it('tells each event as a person would, with reasons as sentences and no field dumps', () => {
    expect(
      eventSentence({
        at,
        event: 'classified',
        category: 'pitch',
        reasons: ['note reads as a pitch: "demo"'],
        action: 'draft',
      }),
    ).toBe(
      'Sorted as a pitch (selling, recruiting or asking for work). Note reads as a pitch: "demo". A reply was to be drafted.',
    );
    expect(
      eventSentence({ at, event: 'drafted', uid: 4, to: 'anna@example.org', subject: 'Hi' }),
    ).toBe('Reply “Hi” drafted to anna@example.org.');
    // Found in the mailbox after Redis lost its record (writeDraft.ts): in Drafts, or taken out.
    expect(eventSentence({ at, event: 'drafted', uid: 4, recovered: true })).toBe(
      'The reply draft was found already in Drafts.',
    );
    expect(
      eventSentence({ at, event: 'drafted', uid: null, recovered: true, takenOut: true }),
    ).toBe('The reply draft was found already taken out of Drafts.');
    expect(
      eventSentence({
        at,
        event: 'decided',
        decision: 'approved',
        via: 'review page',
        to: ['anna@example.org'],
        subject: 'Hi',
      }),
    ).toBe('Sent “Hi” to anna@example.org on the review page.');
    expect(eventSentence({ at, event: 'decided', decision: 'sent', via: 'mail client' })).toBe(
      'You sent it from your mail client.',
    );
    expect(eventSentence({ at, event: 'decided', decision: 'replied', via: 'cli' })).toBe(
      'You replied on LinkedIn (recorded with the command line).',
    );
    expect(
      eventSentence({
        at,
        event: 'send-uncertain',
        via: 'cli',
        to: ['a@example.org'],
        reason: 'timeout',
      }),
    ).toBe(
      'Sending to a@example.org may have succeeded: the connection failed after the message was handed over (timeout).',
    );
    expect(
      eventSentence({ at, event: 'something-new', count: 2, list: ['a', 'b'], none: null }),
    ).toBe('Something new. count: 2; list: a, b');
  });

  it('says where an invitation stands, and when it was decided', () => {
    const record = (over: Partial<InvitationRecord>): InvitationRecord =>
      invitationRecord({
        key: 'k',
        category: 'has-context',
        action: 'none',
        template: null,
        reasons: [],
        firstSeenAt: at,
        ...over,
      });
    expect(statusSentence(record({}))).toBe(
      'No draft: a personal note. Read it and answer it yourself.',
    );
    const zone = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      expect(statusSentence(record({ draftStatus: 'replied', decidedAt: at }))).toBe(
        'You replied on LinkedIn (1 Mar 2026, 09:00).',
      );
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('ends a reason with a full stop, once', () => {
    expect(asSentence('no note')).toBe('No note.');
    expect(asSentence('Already a sentence.')).toBe('Already a sentence.');
    expect(asSentence('dkim=fail for linkedin.com (Authentication-Results)')).toBe(
      'DKIM=fail for linkedin.com (Authentication-Results).',
    );
    expect(asSentence('spf=softfail')).toBe('SPF=softfail.');
    expect(asSentence('sender domain linkedln.com imitates linkedin.com')).toBe(
      'Sender domain linkedln.com imitates linkedin.com.',
    );
    expect(asSentence('linkedin.com-lookalike')).toBe('linkedin.com-lookalike.');
  });

  it('shows times in the zone asked for', () => {
    expect(localTime(at, 'Asia/Tokyo')).toBe('1 Mar 2026, 18:00');
    expect(localTime('not a time')).toBe('not a time');
  });
});

describe('answering on LinkedIn', () => {
  it('drops the draft’s "reply on LinkedIn" line, which the page replaces with buttons', () => {
    const text =
      '[No email address for Steven: reply on LinkedIn at https://www.linkedin.com/in/s and delete this line.]\n\nHi Steven,\n';
    expect(withoutLinkedInHint(text)).toBe('Hi Steven,\n');
    expect(withoutLinkedInHint('Hi Anna,\n')).toBe('Hi Anna,\n');
  });
});

// Which mail is a stranger's answer to our question, and to which invitation: every rule of
// src/answer/recognize.ts, without a server.
import { describe, expect, it } from 'vitest';
import {
  type AskedInvitation,
  type MailHeads,
  messageIds,
  recognizeEmailAnswer,
  recognizeLinkedInAnswer,
} from '../../src/answer/recognize.ts';

function asked(over: Partial<AskedInvitation> = {}): AskedInvitation {
  return {
    key: 'inv-anna',
    status: 'approved',
    askedAt: '2026-12-01T10:00:00.000Z',
    threadIds: ['<draft-anna@wherewemet.local>', '<notif-anna@ltx1.prod.linkedin.com>'],
    addresses: ['anna@example.org'],
    name: 'Anna Tester',
    profileUrl: 'https://www.linkedin.com/comm/in/anna-tester-1?midToken=x',
    ...over,
  };
}

function mail(over: Partial<MailHeads> = {}): MailHeads {
  return {
    fromAddress: 'anna@example.org',
    fromName: 'Anna Tester',
    inReplyTo: null,
    references: [],
    date: '2026-12-02T09:00:00.000Z',
    ...over,
  };
}

const OWN = ['paul@example.net'];

describe('recognizeEmailAnswer', () => {
  it('takes mail in the thread of our reply, by In-Reply-To or by References', () => {
    const all = [
      asked(),
      asked({ key: 'inv-boris', threadIds: ['<draft-boris@x>'], addresses: [] }),
    ];
    expect(
      recognizeEmailAnswer(mail({ inReplyTo: '<draft-anna@wherewemet.local>' }), all, OWN),
    ).toEqual({ kind: 'answer', key: 'inv-anna', via: 'email', by: 'thread' });
    // Sent from a mail client under a new Message-ID: References still name the notification.
    expect(
      recognizeEmailAnswer(
        mail({
          fromAddress: 'boris.private@example.com',
          inReplyTo: '<sent-by-client@client.example>',
          references: ['<notif-anna@ltx1.prod.linkedin.com>', '<sent-by-client@client.example>'],
        }),
        all,
        OWN,
      ),
    ).toMatchObject({ kind: 'answer', key: 'inv-anna', by: 'thread' });
  });

  it('takes mail from the inviter’s address with a new subject, once the question went out', () => {
    expect(recognizeEmailAnswer(mail(), [asked()], OWN)).toMatchObject({
      kind: 'answer',
      key: 'inv-anna',
      by: 'address',
    });
    // Dated well before the question: something else they wrote.
    expect(
      recognizeEmailAnswer(mail({ date: '2026-11-20T10:00:00.000Z' }), [asked()], OWN).kind,
    ).toBe('none');
    // A draft still pending may have been sent, but only thread mail proves it was.
    expect(recognizeEmailAnswer(mail(), [asked({ status: 'pending' })], OWN).kind).toBe('none');
    expect(
      recognizeEmailAnswer(
        mail({ references: ['<draft-anna@wherewemet.local>'] }),
        [asked({ status: 'pending' })],
        OWN,
      ).kind,
    ).toBe('answer');
  });

  it('never takes mail from anyone else, whatever its subject', () => {
    const decoy = mail({ fromAddress: 'anna@example.org.evil.test', fromName: 'Anna Tester' });
    expect(recognizeEmailAnswer(decoy, [asked()], OWN).kind).toBe('none');
    // The user's own copy in the thread, and LinkedIn's own mail, are no answers.
    const own = mail({
      fromAddress: 'Paul@Example.net',
      inReplyTo: '<draft-anna@wherewemet.local>',
    });
    expect(recognizeEmailAnswer(own, [asked()], OWN).kind).toBe('none');
    const linkedIn = mail({
      fromAddress: 'messages-noreply@linkedin.com',
      references: ['<notif-anna@ltx1.prod.linkedin.com>'],
    });
    expect(recognizeEmailAnswer(linkedIn, [asked()], OWN).kind).toBe('none');
    expect(recognizeEmailAnswer(mail({ fromAddress: null }), [asked()], OWN).kind).toBe('none');
  });

  it('gives an answer from someone invited twice to the invitation asked last', () => {
    const older = asked({ key: 'old', askedAt: '2026-10-01T00:00:00.000Z', threadIds: [] });
    const newer = asked({ key: 'new', askedAt: '2026-11-30T00:00:00.000Z', threadIds: [] });
    expect(recognizeEmailAnswer(mail(), [older, newer], OWN)).toMatchObject({ key: 'new' });
  });
});

describe('recognizeLinkedInAnswer', () => {
  const date = '2026-12-02T09:00:00.000Z';

  it('matches the person by profile link where the notification carries one', () => {
    const other = asked({
      key: 'other',
      name: 'Anna Tester',
      profileUrl: 'https://www.linkedin.com/in/anna-tester-2',
    });
    expect(
      recognizeLinkedInAnswer(
        { name: 'Anna Tester', profileUrl: 'https://www.linkedin.com/comm/in/anna-tester-1?trk=x' },
        date,
        [asked(), other],
      ),
    ).toEqual({ kind: 'answer', key: 'inv-anna', via: 'linkedin', by: 'profile' });
  });

  it('matches by name otherwise, and shows an ambiguous name as a possible match', () => {
    expect(
      recognizeLinkedInAnswer({ name: 'anna tester', profileUrl: null }, date, [asked()]),
    ).toEqual({
      kind: 'answer',
      key: 'inv-anna',
      via: 'linkedin',
      by: 'name',
    });
    const twin = asked({ key: 'twin', profileUrl: null });
    expect(
      recognizeLinkedInAnswer({ name: 'Anna Tester', profileUrl: null }, date, [asked(), twin]),
    ).toEqual({ kind: 'possible', keys: ['inv-anna', 'twin'], via: 'linkedin', by: 'name' });
  });

  it('takes no message from someone not asked, nor one before the question, nor for a pending draft', () => {
    expect(
      recognizeLinkedInAnswer({ name: 'Boris Other', profileUrl: null }, date, [asked()]).kind,
    ).toBe('none');
    expect(
      recognizeLinkedInAnswer({ name: 'Anna Tester', profileUrl: null }, '2026-11-01T00:00:00Z', [
        asked(),
      ]).kind,
    ).toBe('none');
    expect(
      recognizeLinkedInAnswer({ name: 'Anna Tester', profileUrl: null }, date, [
        asked({ status: 'pending' }),
      ]).kind,
    ).toBe('none');
    // Same name, another profile: another person.
    expect(
      recognizeLinkedInAnswer(
        { name: 'Anna Tester', profileUrl: 'https://www.linkedin.com/in/someone-else' },
        date,
        [asked()],
      ).kind,
    ).toBe('none');
  });
});

describe('messageIds', () => {
  it('reads the Message-IDs of a References value, folded or not', () => {
    expect(messageIds('<a@b>  <c@d>\t<e@f>')).toEqual(['<a@b>', '<c@d>', '<e@f>']);
    expect(messageIds(null)).toEqual([]);
    expect(messageIds('no ids here')).toEqual([]);
  });
});

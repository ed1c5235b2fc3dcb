// Builds Notification values, and the invitation records that hold them, for unit tests of pure
// code.
import type { Notification } from '../../src/parse/parseNotification.ts';
import type { InvitationRecord } from '../../src/store/store.ts';

type Overrides = Omit<Partial<Notification>, 'inviter'> & {
  inviter?: Partial<Notification['inviter']>;
};

export function invitation(overrides: Overrides = {}): Notification {
  const { inviter, ...rest } = overrides;
  return {
    kind: 'invitation',
    inviter: {
      name: 'Jane Doe',
      firstName: 'Jane',
      greetingName: 'Jane',
      headline: 'Engineer at Example',
      location: 'Berlin, Germany',
      profileUrl:
        'https://www.linkedin.com/comm/in/jane-doe-42?midToken=abc&trk=eml-email_m2m_invite_single_01',
      email: null,
      ...inviter,
    },
    invitationId: '7000000000000000001',
    invitationUrl:
      'https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/7000000000000000001/sharedKey/x/',
    note: null,
    noteKind: 'none',
    unrecognised: [],
    layoutKnown: true,
    language: 'en',
    authenticity: 'unverified',
    authenticityReasons: ['from linkedin.com, but no server check proves it'],
    messageId: '<1.2.3.JavaMail.app@ltx1-app1.prod.linkedin.com>',
    subject: 'Paul, please add me to your LinkedIn network',
    date: '2026-11-20T10:00:00.000Z',
    recipient: 'paul@example.net',
    template: 'email_m2m_invite_single_01',
    ...rest,
  };
}

/** An invitation record as the store keeps it, with nothing drafted or decided yet. */
export function invitationRecord(over: Partial<InvitationRecord> = {}): InvitationRecord {
  return {
    key: 'id-1',
    category: 'no-context',
    action: 'draft',
    template: 'where-we-met',
    reasons: ['no note'],
    notification: invitation(),
    firstSeenAt: '2026-12-01T10:00:00.000Z',
    draftStatus: 'none',
    draftUid: null,
    draftMessageId: null,
    draftedAt: null,
    draftTo: null,
    draftSubject: null,
    draftEditedAt: null,
    draftMissingSince: null,
    decidedAt: null,
    ...over,
  };
}

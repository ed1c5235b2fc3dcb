// Which LinkedIn link is which: "open" never accepts, "accept" only for known people.
import { describe, expect, it } from 'vitest';
import { INVITATION_MANAGER, linkedInLinks } from '../../src/draft/linkedInLinks.ts';
import { invitation } from '../support/notifications.ts';

const ACCEPT = /invite-accept|accept-invitation|\/blk\/I\d+_|invitationId=/i;

describe('LinkedIn links', () => {
  it('opens the profile, cleaned of tracking, else the invitation manager; never the accept link', () => {
    expect(linkedInLinks(invitation(), 'no-context')).toEqual({
      open: { url: 'https://www.linkedin.com/in/jane-doe-42', what: 'profile' },
      accept: null,
    });
    expect(linkedInLinks(invitation({ inviter: { profileUrl: null } }), 'pitch')).toEqual({
      open: { url: INVITATION_MANAGER, what: 'invitations' },
      accept: null,
    });
  });

  it('offers the accept link for a known person only, and nothing for an imitation', () => {
    const n = invitation();
    expect(linkedInLinks(n, 'known')?.accept).toBe(n.invitationUrl);
    for (const category of ['no-context', 'has-context', 'pitch', null])
      expect(linkedInLinks(n, category)?.accept).toBeNull();
    expect(linkedInLinks(n, 'suspicious')).toBeNull();
  });

  it('never opens an accept-shaped or foreign link, whatever the mail calls a profile', () => {
    const hostile = [
      'https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/1/sharedKey/x/',
      'https://www.linkedin.com/profile/view?id=1&invitationId=7',
      'https://www.linkedin.com/comm/mynetwork/accept-invitation?x=1',
      'https://linkedin.com.evil.example/in/jane',
      'http://www.linkedin.com/feed/',
      'javascript:alert(1)',
    ];
    for (const profileUrl of hostile)
      for (const category of ['no-context', 'has-context', 'pitch', 'known']) {
        const links = linkedInLinks(
          invitation({ inviter: { profileUrl }, invitationUrl: 'javascript:alert(1)' }),
          category,
        );
        expect(links?.open.url).not.toMatch(ACCEPT);
        expect(new URL(links?.open.url ?? '').hostname).toBe('www.linkedin.com');
        expect(links?.accept).toBeNull();
      }
  });
});

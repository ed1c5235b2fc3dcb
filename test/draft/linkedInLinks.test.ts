// Which LinkedIn link is which: "open" never accepts, "accept" only for known people.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileVanity } from '../../src/classify/classify.ts';
import {
  cleanProfileUrl,
  INVITATION_MANAGER,
  linkedInLinks,
  withKeptLinks,
} from '../../src/draft/linkedInLinks.ts';
import { type Notification, parseNotification } from '../../src/parse/parseNotification.ts';
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

describe('links as the store keeps them', () => {
  const dir = new URL('../fixtures/invitations/', import.meta.url);
  const fixtures = readdirSync(dir).filter((f) => f.endsWith('.eml'));

  /** The accept link's parameters, in order, as the server reads them. */
  const params = (url: string | null) => (url ? [...new URL(url).searchParams] : null);
  const TRACKING = ['trk', 'trkEmail', 'lipi'];

  const withoutLinks = (n: Notification) => ({
    ...n,
    inviter: { ...n.inviter, profileUrl: null },
    invitationUrl: null,
  });

  function expectSameToEveryReader(n: Notification): void {
    const kept = withKeptLinks(n);
    for (const category of ['no-context', 'known', 'suspicious', null]) {
      const [before, after] = [linkedInLinks(n, category), linkedInLinks(kept, category)];
      expect(after?.open).toEqual(before?.open);
      expect(params(after?.accept ?? null)).toEqual(
        params(before?.accept ?? null)?.filter(([name]) => !TRACKING.includes(name)) ?? null,
      );
    }
    expect(cleanProfileUrl(kept.inviter.profileUrl)).toBe(cleanProfileUrl(n.inviter.profileUrl));
    expect(profileVanity(kept.inviter.profileUrl)).toBe(profileVanity(n.inviter.profileUrl));
    expect(withoutLinks(kept)).toEqual(withoutLinks(n));
  }

  it('read the same to every reader in each invitation fixture, and are shorter', async () => {
    let before = 0;
    let after = 0;
    for (const file of fixtures) {
      const n = await parseNotification(readFileSync(new URL(file, dir)));
      expectSameToEveryReader(n);
      before += JSON.stringify(n).length;
      after += JSON.stringify(withKeptLinks(n)).length;
    }
    expect(fixtures.length).toBeGreaterThan(40);
    expect(after).toBeLessThan(before * 0.85);
  });

  it('keep the accept link byte for byte but for the tracking, and any odd profile link whole', () => {
    const accept =
      'https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/7/sharedKey/x/?midToken=A%7E&trk=eml-a%7Ecta&trkEmail=b~c&lipi=urn%3Ali%3Apage#top';
    expect(withKeptLinks(invitation({ invitationUrl: accept })).invitationUrl).toBe(
      'https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/7/sharedKey/x/?midToken=A%7E#top',
    );
    const odd = [
      'https://www.linkedin.com/comm/profile/view?id=AB&next=www.linkedin.com/in/someone-else',
      'https://linkedin.com.evil.example/in/jane',
      'javascript:alert(1)',
    ];
    for (const profileUrl of odd) {
      const n = invitation({ inviter: { profileUrl } });
      expect(withKeptLinks(n).inviter.profileUrl).toBe(profileUrl);
      expectSameToEveryReader(n);
    }
    expect(withKeptLinks(invitation({ invitationUrl: null })).invitationUrl).toBeNull();
  });
});

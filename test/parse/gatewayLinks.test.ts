// Links a corporate gateway rewrote (Safe Links, Proofpoint URL Defense) are read as the links
// they lead to, so an invitation that went through one is LinkedIn's, and an imitation that went
// through one is still an imitation. The wrappers are the blind generator's (test/parse/blind/).
import { describe, expect, it } from 'vitest';
import { assessAuthenticity } from '../../src/parse/authenticity.ts';
import { unwrapGatewayLink } from '../../src/parse/links.ts';
import { safeLinks, urlDefenseV2, urlDefenseV3 } from './blind/generator.ts';

const ACCEPT =
  'https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/7301234567890123456/sharedKey/Ab-C_d/?midToken=AQx&trk=eml-email_m2m_invite_single_01-hero-3-accept%7Ecta&lipi=urn%3Ali%3Apage%3Aemail_email_m2m_invite_single_01%3Bx%3D%3D';

describe('unwrapGatewayLink', () => {
  it.each([
    ['Safe Links', safeLinks],
    ['URL Defense v2', urlDefenseV2],
    ['URL Defense v3', urlDefenseV3],
  ])('reads a %s wrapper as the link inside it', (_, wrap) => {
    expect(unwrapGatewayLink(wrap(ACCEPT))).toBe(ACCEPT);
  });

  it('reads a wrapper of a wrapper', () => {
    expect(unwrapGatewayLink(safeLinks(urlDefenseV3(ACCEPT)))).toBe(ACCEPT);
  });

  it('decodes URL Defense v3 runs of replaced characters (**x)', () => {
    // "%%%" replaced by "**B" (a run of 3), listed as base64url "JSUl".
    const wrapped = 'https://urldefense.com/v3/__https://www.linkedin.com/a?b=1**Bc__;JSUl!!X!Y$';
    expect(unwrapGatewayLink(wrapped)).toBe('https://www.linkedin.com/a?b=1%%%c');
  });

  it.each([
    'https://www.linkedin.com/comm/in/jane',
    'https://eur03.safelinks.protection.outlook.com.evil.example/?url=https%3A%2F%2Fwww.linkedin.com%2F',
    'https://urldefense.com.evil.example/v3/__https://www.linkedin.com/__;!!X$',
    'https://eur03.safelinks.protection.outlook.com/?url=javascript%3Aalert(1)',
    'https://urldefense.com/v3/__https://www.linkedin.com/a*b__;!!X$',
  ])(
    'leaves %s as it is (no gateway, a look-alike host, no web link inside, or undecodable)',
    (href) => {
      expect(unwrapGatewayLink(href)).toBe(href);
    },
  );
});

describe('authenticity behind a gateway', () => {
  const verdict = (hrefs: string[]) =>
    assessAuthenticity({
      fromAddress: 'invitations@linkedin.com',
      fromName: 'Jane Doe',
      authenticationResults: [
        'mx.example.net; dkim=pass header.d=linkedin.com; dmarc=pass header.from=linkedin.com',
      ],
      trustedAuthservId: 'mx.example.net',
      linkHrefs: hrefs.map(unwrapGatewayLink),
      dkimVerified: null,
    });

  it('an invitation whose every link was wrapped is verified', () => {
    expect(verdict([safeLinks(ACCEPT), urlDefenseV3(ACCEPT)]).authenticity).toBe('verified');
  });

  it('a wrapped link that leads away from LinkedIn is still suspicious', () => {
    const v = verdict([safeLinks('https://linkedin-verify.example/login'), safeLinks(ACCEPT)]);
    expect(v.authenticity).toBe('suspicious');
    expect(v.reasons.join(' ')).toContain('linkedin-verify.example');
  });
});

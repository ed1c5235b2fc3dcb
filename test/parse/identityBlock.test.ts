// The inviter's identity block (invitationBody.ts readView) when the learned frame holds lines
// several inviters share: recruiters of one company share a headline, people of one city a
// location. Learned as LinkedIn's, the headline ended the block and left the location over as
// the note: an invitation with no note was filed as a personal note, and never drafted.
import { describe, expect, it } from 'vitest';
import { ParseBudget } from '../../src/parse/budget.ts';
import { FrameReader } from '../../src/parse/frame.ts';
import type { Line } from '../../src/parse/htmlLines.ts';
import { readView } from '../../src/parse/invitationBody.ts';
import { clusterOf, learnedFrameOf, shapeKey } from '../../src/parse/learnedFrame.ts';

const CLUSTER = clusterOf('email_m2m_invite_single_02', 'de');
const NAMES = { inviter: 'Lukas Becker', recipient: 'Jana Krause' };
const HEADLINE = 'Recruiterin | Celonis';
const LOCATION = 'Göteborg, Västra Götalands län, Sverige';

const card = (headline: string): Line[] => [
  { text: 'Anfrage von Lukas Becker', href: null },
  { text: 'Lukas Becker', href: 'https://www.linkedin.com/comm/in/lukas-becker-m9q6yr' },
  { text: headline, href: null },
  { text: LOCATION, href: null },
  { text: '6 gemeinsame Bekannte', href: null },
  {
    text: 'Zum Netzwerk hinzufügen',
    href: 'https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/3585500458211087901/sharedKey/epge1wpR/',
  },
];

const shapeOf = (text: string) => shapeKey(new FrameReader(NAMES).tokenise(text).tokens, CLUSTER);

function read(lines: Line[], learned: string[], echoes: string[] = []) {
  const reader = new FrameReader(NAMES, {
    cluster: CLUSTER,
    learned: learnedFrameOf(learned),
    echoes,
  });
  return readView(lines, reader, new ParseBudget(), {
    inviterProfile: 'lukas-becker-m9q6yr',
    invitationId: '3585500458211087901',
  });
}

describe('the identity block, with the learned frame', () => {
  it('keeps a headline several inviters share as the headline, and the location under it', () => {
    const learned = [HEADLINE, '6 gemeinsame Bekannte', 'Anfrage von Lukas Becker'].map(shapeOf);
    const view = read(card(HEADLINE), learned);
    expect(view).toMatchObject({ headline: HEADLINE, location: LOCATION, runs: [] });
  });

  it('reads the same block alike with nothing learned', () => {
    const view = read(card(HEADLINE), []);
    expect(view).toMatchObject({ headline: HEADLINE, location: LOCATION });
  });
});

describe('the mutual connections in a wording no pack knows', () => {
  // The redesign's heading, learned: what is left is what the card holds.
  const HEADING = [shapeOf('Anfrage von Lukas Becker')];
  const withLine = (line: string): Line[] => {
    const lines = card(HEADLINE);
    lines.splice(4, 1, { text: line, href: null });
    return lines;
  };

  it('is a count and up to three plain words under the headline', () => {
    expect(read(withLine('28 people in common'), HEADING).runs).toEqual([]);
  });

  it('is never a note the preheader repeats, nor one of more words', () => {
    expect(read(withLine('5 years together'), HEADING, ['5 years together']).runs).toEqual([
      '5 years together',
    ]);
    expect(read(withLine('12 Jahre Nachbarn in Köln'), HEADING).runs).toEqual([
      '12 Jahre Nachbarn in Köln',
    ]);
  });
});

describe('what a line teaches', () => {
  it('a line is taught whole, never in the pieces it splits into before its capitals', () => {
    const shapes = new Set<string>();
    const reader = new FrameReader(NAMES, { cluster: CLUSTER, shapes });
    reader.role({ text: 'Leiter Produktmanagement @ Celonis', href: null });
    expect(shapes).toContain(shapeOf('Leiter Produktmanagement @ Celonis'));
    expect(shapes).not.toContain(shapeOf('Celonis'));
    expect(shapes).not.toContain(shapeOf('Leiter'));
  });
});

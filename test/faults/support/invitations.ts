// Distinct invitations made from one real-shaped fixture: each gets its own invitation id,
// inviter name, profile id and Message-ID, so each is a separate invitation that must get
// exactly one draft. Quoted-printable soft line breaks are joined first so that the ids, which
// the fixture splits across lines, can be rewritten; the parts stay valid MIME.
import { readFileSync } from 'node:fs';

const FIXTURE = 'invitations/2016-nonote-en.eml';
const FIXTURE_ID = '6176223240198851377';

export interface GeneratedInvitation {
  raw: Buffer;
  invitationId: string;
  /** The invitation key wherewemet derives from the invitation id. */
  key: string;
  name: string;
}

export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
}

/** `count` (≤ 100) invitations; `series` (0-99) keeps the ids of separate calls apart. */
export function makeInvitations(count: number, series = 0): GeneratedInvitation[] {
  const template = fixture(FIXTURE).toString('latin1').replace(/=\r\n/g, '');
  if (count > 100 || series > 99) throw new Error('at most 100 invitations in series 0-99');
  return Array.from({ length: count }, (_, i) => {
    const n = series * 100 + i;
    // Only the low digits change: the high bits of an invitation id are its creation time.
    const invitationId = `${FIXTURE_ID.slice(0, 15)}${String(n).padStart(4, '0')}`;
    const name = `Bo Li${n}`;
    const raw = template
      .replaceAll(FIXTURE_ID, invitationId)
      .replaceAll('Bo Li', name)
      .replace(/AAsAAbXpCFXvv/g, `AAsAAbXp${n}X`)
      .replace('<3337140467.', `<3337${String(n).padStart(6, '0')}.`);
    return { raw: Buffer.from(raw, 'latin1'), invitationId, key: `id-${invitationId}`, name };
  });
}

/**
 * An endless supply of distinct invitations, for mail that keeps arriving: the n-th (from 0) of
 * series `firstSeries`, `firstSeries + 1`, … in turn, each series made once.
 */
export function invitationSupply(firstSeries: number): (n: number) => GeneratedInvitation {
  const made = new Map<number, GeneratedInvitation[]>();
  return (n) => {
    const series = firstSeries + Math.floor(n / 100);
    let batch = made.get(series);
    if (!batch) {
      batch = makeInvitations(100, series);
      made.set(series, batch);
    }
    return batch[n % 100] as GeneratedInvitation;
  };
}

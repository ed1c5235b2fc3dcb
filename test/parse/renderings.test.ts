// Renderings that agree (note.ts): a rendering counts as a witness of what is layout only where
// it is whole. One cut short, ending on any line of LinkedIn's but its copyright, is not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNotification } from '../../src/parse/parseNotification.ts';

const MAILBOX = { trustedAuthservId: 'mx.example.net' };
const fixture = readFileSync(
  new URL('../fixtures/invitations/2026-text-note-after-identity-en.eml', import.meta.url),
  'latin1',
);

/** The fixture with its text part cut after `rows` (ASCII: valid quoted-printable as it stands). */
function withTextPart(rows: string): Buffer {
  const boundary = /boundary="?([^"\r\n;]+)/.exec(fixture)?.[1] ?? '';
  const start = fixture.indexOf('Content-Type: text/plain');
  const body = fixture.indexOf('\r\n\r\n', start) + 4;
  const end = fixture.indexOf(`\r\n--${boundary}`, body);
  return Buffer.from(`${fixture.slice(0, body)}${rows}${fixture.slice(end)}`, 'latin1');
}

describe('a text part cut short', () => {
  it("does not make the HTML's note layout, though it ends on LinkedIn's heading", async () => {
    const n = await parseNotification(withTextPart('Aisha Bello wants to connect\r\n'), MAILBOX);
    expect(n.note ?? '').toMatch(/^We talked at KubeCon London/);
  });
});

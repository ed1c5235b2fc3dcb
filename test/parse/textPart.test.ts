// A text part that something wrapped hard at a fixed width (a gateway that turned the HTML into
// text), read back as it was written: URLs whole, sentences on one line.
import { describe, expect, it } from 'vitest';
import { ParseBudget } from '../../src/parse/budget.ts';
import { readTextPart } from '../../src/parse/textPart.ts';

const URL =
  'https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/7751239424768301472/sharedKey/2eL111Dd/?midToken=AQD4BBazsXUuEO&trk=eml-email_m2m_invite_single_01-null-0-accept%7Ecta';

/** Wraps like `fold -w`: at a space where there is one, else (a URL) wherever the width falls. */
function hardWrap(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const rows: string[] = [];
      let rest = line;
      while (rest.length > width) {
        const space = rest.lastIndexOf(' ', width);
        const at = space > 0 ? space : width;
        rows.push(rest.slice(0, at));
        rest = rest.slice(space > 0 ? at + 1 : at);
      }
      rows.push(rest);
      return rows;
    })
    .join('\n');
}

const read = (text: string) => readTextPart(text, new ParseBudget()).lines.map((l) => l.text);

describe('a hard-wrapped text part', () => {
  const original = [
    'This email was intended for Ingrid Solberg (Platform Engineer at Fjordline Data Services)',
    '',
    'Accept',
    `<${URL}>`,
    '',
    'View profile:',
    URL,
  ].join('\n');

  it('has its URLs and sentences joined back, at any width from 60 to 80', () => {
    for (const width of [60, 72, 76, 80]) {
      const { lines, links } = readTextPart(hardWrap(original, width), new ParseBudget());
      expect(lines.map((l) => l.text).filter(Boolean), `${width}`).toEqual(
        original.split('\n').filter(Boolean),
      );
      expect(
        links.map((l) => l.href),
        `${width}`,
      ).toEqual([URL, URL]);
      // The label above a URL in angle brackets is that URL's button.
      expect(lines.find((l) => l.text === 'Accept')?.href, `${width}`).toBe(URL);
    }
  });

  it('keeps the writer’s own line ends: after a sentence, and in text nothing wrapped', () => {
    const note = 'We met at the Hamburg hackathon last weekend, thanks again for the help.';
    const text = `${note}\nJ. Robert Tanaka III\n\nAccept:\n${URL}`;
    expect(read(hardWrap(text, 76)).filter(Boolean)).toEqual(text.split('\n').filter(Boolean));
    // LinkedIn's own text part: URLs of hundreds of characters on one line, nothing joined.
    const unwrapped = `Short line one\nShort line two\nAccept: ${URL}`;
    expect(read(unwrapped)).toEqual(unwrapped.split('\n'));
  });

  it('never takes a word on the row after a URL for a piece of it, though the URL filled the width', () => {
    // The URL's last piece ends exactly at the width: "Cheers!" and "Help:" are rows of their own.
    const url = `https://speakerdeck.com/u/${'x1/'.repeat(42)}`.slice(0, 76 * 2);
    const rows = [
      ...(url.match(/.{1,76}/g) ?? []),
      'Cheers!',
      'Help:',
      ...(URL.match(/.{1,76}/g) ?? []),
    ];
    expect(read(rows.join('\n'))).toEqual([url, 'Cheers!', 'Help:', URL]);
  });
});

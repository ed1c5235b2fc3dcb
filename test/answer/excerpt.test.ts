// The excerpt of a stranger's answer: their words only, one plain paragraph, at most 500 characters.
import { describe, expect, it } from 'vitest';
import { excerptOf, MAX_EXCERPT_CHARS } from '../../src/answer/excerpt.ts';

describe('excerptOf', () => {
  it('keeps their words and drops the quoted question and the signature', () => {
    const text = [
      'Hi Paul,',
      'we met at the Berlin meetup in March.',
      '',
      'On Mon, 7 Dec 2026 at 10:00, Paul Tester <paul@example.net> wrote:',
      '> could you remind me where we met?',
    ].join('\r\n');
    expect(excerptOf(text)).toBe('Hi Paul, we met at the Berlin meetup in March.');
    expect(excerptOf('At KubeCon.\n-- \nAnna\nCEO')).toBe('At KubeCon.');
    expect(excerptOf('> only quoted')).toBeNull();
    expect(excerptOf(null)).toBeNull();
  });

  it('removes control and bidi characters, and cuts at 500 characters', () => {
    expect(excerptOf('evil\u001b[31m red\u202e txt\u0007')).toBe('evil [31m red txt');
    const long = excerptOf('word '.repeat(400)) ?? '';
    expect(long.length).toBe(MAX_EXCERPT_CHARS);
    expect(long.endsWith('…')).toBe(true);
    expect(excerptOf('x'.repeat(MAX_EXCERPT_CHARS))).toBe('x'.repeat(MAX_EXCERPT_CHARS));
  });
});

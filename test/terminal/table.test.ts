import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { table } from '../../src/terminal/table.ts';

describe('table', () => {
  it('lines up the column after names in CJK scripts, with emoji and combining marks', () => {
    const names = [
      'Ana Lima',
      '佐藤 美咲',
      '陈静怡',
      'Priya 🚀 R.',
      'Jose\u0301',
      'Dmitrij Volkov',
    ];
    const lines = table([['INVITER', 'STATUS'], ...names.map((name) => [name, 'pending'])])
      .trimEnd()
      .split('\n');
    // The display column at which the second cell starts, on each line.
    const starts = lines.map((line) =>
      stringWidth(line.slice(0, line.search(/(STATUS|pending)$/))),
    );
    const widest = Math.max(...['INVITER', ...names].map((n) => stringWidth(n)));
    expect(starts).toEqual(lines.map(() => widest + 2));
  });

  it('pads by display width, not by UTF-16 length', () => {
    const [first, second] = table([
      ['陈静怡', 'x'],
      ['abcdef', 'y'],
    ]).split('\n');
    expect(first).toBe('陈静怡  x');
    expect(second).toBe('abcdef  y');
  });
});

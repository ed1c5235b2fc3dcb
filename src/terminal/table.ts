/**
 * Plain-text tables for the terminal: columns padded to the widest cell, by display width
 * (string-width: CJK characters and most emoji take two columns, combining marks none), so that
 * names in any script line up.
 */
import stringWidth from 'string-width';

export function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, i) => Math.max(...rows.map((r) => stringWidth(r[i] ?? '')))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - stringWidth(cell))))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

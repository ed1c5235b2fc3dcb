/** Small text helpers shared by the parser and the composer. */

/**
 * NFC, one line: control characters (C0 and C1: a Latin-1 misreading turns bytes 0x80-0x9f into
 * C1) and line breaks become spaces. Safe for a header value.
 */
export function singleLine(text: string): string {
  return (
    text
      .normalize('NFC')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must go
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

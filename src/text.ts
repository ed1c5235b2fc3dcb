/** Small text helpers shared by the parser and the composer. */

/** NFC, one line: control characters and line breaks become spaces. Safe for a header value. */
export function singleLine(text: string): string {
  return (
    text
      .normalize('NFC')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must go
      .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

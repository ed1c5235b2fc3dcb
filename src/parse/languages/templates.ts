/**
 * Line templates (see pack.ts) → regular expressions. Two forms: one that matches a tokenised,
 * lower-case line (names already replaced by NAME), and one that captures the name from a raw
 * line, for mail whose sender does not give the inviter's name.
 */

/** Text a template's … stands for: bounded, so that matching stays linear in the line. */
const ANY = '.{0,500}?';
const TOKENS = ['NAME', 'NUM', 'URL', 'EMAIL'] as const;
type Token = (typeof TOKENS)[number];

const RAW: Record<Token, string> = {
  NAME: '.{1,80}?',
  NUM: '\\d+',
  URL: 'https?://\\S+',
  EMAIL: '\\S+@\\S+',
};

function source(template: string, token: (name: Token, first: boolean) => string): string {
  let out = '';
  let depth = 0;
  const seen = new Set<Token>();
  for (let i = 0; i < template.length; ) {
    const name = TOKENS.find((t) => template.startsWith(t, i));
    if (name) {
      out += token(name, !seen.has(name));
      seen.add(name);
      i += name.length;
      continue;
    }
    const c = template[i] as string;
    if (c === '…') out += ANY;
    else if (c === '{') {
      out += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      out += ')';
      depth--;
    } else if (c === '|' && depth > 0) out += '|';
    else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    i++;
  }
  if (depth !== 0) throw new Error(`unbalanced braces in template "${template}"`);
  return out;
}

/** Whether a tokenised line is one of the templates, as a whole. */
export type LineTest = (line: string) => boolean;

/**
 * A test for a list of templates. Those that open with … are matched as a line's ending, which
 * V8 scans for quickly, instead of trying every length of the … before them.
 */
export function compileLines(templates: readonly string[]): LineTest {
  const whole = templates.filter((t) => !t.startsWith('…'));
  const endings = templates.filter((t) => t.startsWith('…')).map((t) => t.slice(1));
  const start =
    whole.length > 0 ? new RegExp(`^(?:${whole.map(lineSource).join('|')})[.:!?]?$`, 'u') : null;
  const end =
    endings.length > 0 ? new RegExp(`(?:${endings.map(lineSource).join('|')})[.:!?]?$`, 'u') : null;
  return (line) => (start?.test(line) ?? false) || (end?.test(line) ?? false);
}

function lineSource(template: string): string {
  return source(template, (name) => name);
}

/**
 * An expression that captures the first NAME of a template from a raw line (any case), or null
 * for a template without a name.
 */
export function compileCapture(template: string): RegExp | null {
  if (!template.includes('NAME')) return null;
  const body = source(template, (name, first) =>
    name === 'NAME' && first ? `(${RAW.NAME})` : RAW[name],
  );
  return new RegExp(`^${body}[.:!?]?$`, 'iu');
}

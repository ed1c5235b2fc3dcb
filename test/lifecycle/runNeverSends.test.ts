// `run` must never be able to send: no module it can reach may import nodemailer's transport.
// Only the MIME composer (nodemailer/lib/mail-composer), which builds bytes, is allowed.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const source = readFileSync(file, 'utf8');
    // Static and dynamic imports alike; type-only imports are erased and cannot send.
    const specifiers = [
      ...source.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gm),
      ...source.matchAll(/^export\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gm),
      ...source.matchAll(/import\(\s*'([^']+)'\s*\)/g),
    ].map((m) => m[1] as string);
    seen.set(file, specifiers);
    for (const s of specifiers) if (s.startsWith('.')) visit(resolve(dirname(file), s));
  };
  visit(entry);
  return seen;
}

describe('run never sends', () => {
  it('reaches no SMTP code from workers/run.ts', () => {
    const modules = reachable(resolve(ROOT, 'workers/run.ts'));
    expect(modules.size).toBeGreaterThan(10);
    const offending = [...modules].flatMap(([file, specifiers]) =>
      specifiers
        .filter(
          (s) =>
            (s.startsWith('nodemailer') && s !== 'nodemailer/lib/mail-composer') ||
            s.includes('smtp') ||
            s.includes('/decide.ts'),
        )
        .map((s) => `${file.slice(ROOT.length + 1)} imports ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it('would notice the SMTP module if it were reachable', () => {
    const modules = reachable(resolve(ROOT, 'src/cli/decide.ts'));
    expect([...modules.values()].flat()).toContain('nodemailer');
  });
});

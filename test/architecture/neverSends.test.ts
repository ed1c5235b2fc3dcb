// "Never send automatically", as a property of the code: nothing the worker loads can open an
// SMTP connection. Walks the import graph (static and dynamic imports) of `run` and lists every
// module and package it reaches.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Local files (relative to the repo) and packages reachable from the given entry files. */
function reachableFrom(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    const name = relative(root, file);
    if (files.has(name)) return;
    files.add(name);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = m[1] ?? m[2] ?? '';
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  for (const entry of entries) visit(resolve(root, entry));
  return { files, packages };
}

const isMailTransport = (p: string) =>
  /nodemailer|smtp|sendmail|mailgun|client-ses/i.test(p) && p !== 'nodemailer/lib/mail-composer';

describe('the worker', () => {
  const { files, packages } = reachableFrom(['workers/run.ts']);

  it('loads the modules it is known to need (the walk works)', () => {
    expect(packages).toContain('imapflow');
    expect(packages).toContain('bullmq');
    expect(packages).toContain('nodemailer/lib/mail-composer');
  });

  it('loads no mail transport, nor the approval code that sends', () => {
    expect([...packages].filter(isMailTransport)).toEqual([]);
    expect(
      [...files].filter(
        (f) =>
          f.startsWith('src/smtp/') ||
          ['src/lifecycle/approve.ts', 'src/lifecycle/decide.ts', 'src/cli/decide.ts'].includes(f),
      ),
    ).toEqual([]);
  });

  it('would notice: `approve` does reach the transport', () => {
    expect([...reachableFrom(['src/cli/decide.ts']).packages].filter(isMailTransport)).not.toEqual(
      [],
    );
  });
});

// "Never send automatically", as a property of the code: nothing the worker loads can open an
// SMTP connection. Walks the import graph of `run` and of the job handlers, and lists every
// package they load.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every package imported, directly or through local modules, from the given entry files. */
function packagesReachableFrom(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = m[1] ?? m[2] ?? '';
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  for (const entry of entries) visit(resolve(root, entry));
  return packages;
}

describe('the worker', () => {
  const packages = packagesReachableFrom(['src/cli/run.ts', 'workers/run.ts']);

  it('loads the modules it is known to need (the walk works)', () => {
    expect(packages).toContain('imapflow');
    expect(packages).toContain('bullmq');
    expect(packages).toContain('nodemailer/lib/mail-composer');
  });

  it('loads no mail transport: only the composer that builds drafts as bytes', () => {
    const mailPackages = [...packages].filter((p) =>
      /nodemailer|smtp|sendmail|mailgun|client-ses/i.test(p),
    );
    expect(mailPackages).toEqual(['nodemailer/lib/mail-composer']);
  });
});

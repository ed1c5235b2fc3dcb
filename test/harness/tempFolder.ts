// The suite leaves the temp folder as it found it. The run gets a temp folder of its own (TMPDIR,
// which every test process and the servers and CLIs they start inherit); at the end whatever a
// test left there under wherewemet's prefixes fails the run, and the folder is removed.
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** What tests, the harness and the CLI name their temporary files and folders. */
const OURS = /^(wherewemet|wwm)-/;

/** How long the check waits for test processes, which reap their servers as they exit. */
const REAPED_WITHIN_MS = 10_000;

/** Sets TMPDIR for the run; returns the check that it is left empty of our entries. */
export function privateTempFolder(): () => Promise<void> {
  const outer = process.env.TMPDIR;
  // Beside, not inside, another project's folder of the same run: Dovecot's socket paths must
  // stay under the 108 bytes a Unix socket's name may have.
  const base = basename(tmpdir()).startsWith('wherewemet-tests-') ? dirname(tmpdir()) : tmpdir();
  const dir = mkdtempSync(join(base, 'wherewemet-tests-'));
  // Dovecot, started as root, reads its mail as nobody: the folder must be open to it.
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  const ours = () => readdirSync(dir).filter((name) => OURS.test(name));
  return async () => {
    // Test processes remove their servers' folders as they exit (freePort.ts), which may be
    // just after the run's teardown begins: wait for that, not for a fixed time.
    const until = Date.now() + REAPED_WITHIN_MS;
    while (ours().length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const left = ours();
    if (!process.env.HARNESS_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    if (left.length === 0) return;
    // A throw here is only logged by vitest ("error during close"); the exit code says it too.
    process.stderr.write(
      `\nFAIL tests left ${left.length} entries in the temp folder (${dir}): ${left.sort().join(', ')}\n`,
    );
    process.exitCode = 1;
  };
}

export default function setup(): () => Promise<void> {
  return privateTempFolder();
}

// Temporary directories that tests make (state dirs, browser profiles, configs). A test file
// calls `afterAll(removeTempDirs)`; HARNESS_KEEP_TMP=1 keeps them for a look after a failure.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  if (process.env.HARNESS_KEEP_TMP) return;
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

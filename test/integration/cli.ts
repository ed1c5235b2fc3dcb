// Runs the real CLI as a child process, as a user would.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const BIN = new URL('../../bin/wherewemet', import.meta.url).pathname;

export function runCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`wherewemet ${args.join(' ')} timed out\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const SHIPPED_CONFIG = new URL('../../config/wherewemet.yaml', import.meta.url);

/** The shipped config with some keys changed (`{ 'redis.prefix': 'x' }`), in a temporary directory. */
export function writeConfig(changes: Record<string, unknown>): string {
  const doc = parseDocument(readFileSync(SHIPPED_CONFIG, 'utf8'));
  for (const [path, value] of Object.entries(changes)) doc.setIn(path.split('.'), value);
  const dir = mkdtempSync(join(tmpdir(), 'wherewemet-config-'));
  const file = join(dir, 'wherewemet.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

// Runs the real CLI: short commands in this process (as the binary runs them, without the cost
// of starting one), and as a child process where a process of its own matters (spawnCli, startWorker).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { parseDocument } from 'yaml';
import { imapUrlFor, redisUrl, uniqueRedisPrefix, uniqueUser } from '../harness/context.ts';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const BIN = new URL('../../bin/wherewemet', import.meta.url).pathname;

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs a short command (`wherewemet ARGS`) in this process, as the binary would run it, with
 * `env` added to the environment: its stdout, stderr (logs included) and exit code. Calls take
 * turns, since they share the process's streams and environment; `spawnCli` runs one beside
 * another, in a process of its own.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CliResult> {
  const run = queue.then(() => inProcess(args, env, timeoutMs));
  queue = run.catch(() => undefined);
  return run;
}

async function inProcess(args: string[], env: Record<string, string>, timeoutMs: number) {
  const { main } = await import('../../workers/wherewemet.ts');
  const savedEnv = process.env;
  const out = { stdout: '', stderr: '' };
  const streams = [
    [process.stdout, 'stdout'],
    [process.stderr, 'stderr'],
  ] as const;
  const writes = streams.map(([stream]) => stream.write);
  for (const [stream, name] of streams)
    stream.write = ((chunk: string | Uint8Array) => {
      out[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return true;
    }) as typeof stream.write;
  process.env = { ...savedEnv, LOG_LEVEL: 'info', ...env };
  process.exitCode = undefined;
  let code: number | null = 0;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      main(['node', 'wherewemet', ...args], { exitOverride: true }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`wherewemet ${args.join(' ')} timed out\n${out.stderr}`)),
          timeoutMs,
        );
      }),
    ]);
    code = Number(process.exitCode ?? 0);
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    code = err.exitCode;
  } finally {
    clearTimeout(timer);
    streams.forEach(([stream], i) => {
      stream.write = writes[i] as typeof stream.write;
    });
    process.env = savedEnv;
    process.exitCode = undefined;
  }
  return { code, ...out };
}

/** `wherewemet ARGS` as a child process of its own, as a user would run it. */
export function spawnCli(
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

/**
 * The mail server of the test mailboxes, as the fixtures have it (mail to example.net/.org/.com
 * is received by mx.example.net): only its Authentication-Results verify mail. A test of
 * learning it from the mailbox sets `authenticity.trustedAuthservId` back to null.
 */
export const MAILBOX_SERVER: Record<string, string | null> = {
  'authenticity.trustedAuthservId': 'mx.example.net',
};

const SHIPPED_CONFIG = new URL('../../config/wherewemet.yaml', import.meta.url);

/**
 * The shipped config with some keys changed (`{ 'redis.prefix': 'x' }`), in a temporary directory.
 * The test Dovecot offers no STARTTLS, so plain IMAP is allowed unless a test says otherwise; the
 * mailbox's server is MAILBOX_SERVER's.
 */
export function writeConfig(changes: Record<string, unknown>): string {
  const doc = parseDocument(readFileSync(SHIPPED_CONFIG, 'utf8'));
  const all = { 'imap.allowPlaintext': true, ...MAILBOX_SERVER, ...changes };
  for (const [path, value] of Object.entries(all)) doc.setIn(path.split('.'), value);
  const dir = mkdtempSync(join(tmpdir(), 'wherewemet-config-'));
  const file = join(dir, 'wherewemet.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

/** A fixture email's bytes, by its path under test/fixtures. */
export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
}

/**
 * Timings for tests: retries, takeovers and draft checks in fractions of a second, so that a test
 * waits on conditions for seconds, not on the production defaults (see config/wherewemet.yaml).
 */
export const FAST: Record<string, number> = {
  'backoff.initialSeconds': 0.2,
  'backoff.maxSeconds': 2,
  'backoff.blockedSeconds': 1,
  'lease.seconds': 2,
  'lease.heartbeatSeconds': 0.5,
  'drafts.checkEverySeconds': 0.5,
};

/** A fresh mailbox user, Redis prefix and config of its own, and the environment `run` needs. */
export function testAccount(tag: string, configChanges: Record<string, unknown> = {}) {
  const user = uniqueUser(tag);
  const prefix = uniqueRedisPrefix(tag).replace(/:$/, '').replace(/:/g, '-');
  const config = writeConfig({ 'redis.prefix': prefix, ...FAST, ...configChanges });
  const env: Record<string, string> = { IMAP_URL: imapUrlFor(user), REDIS_URL: redisUrl() };
  return { user, config, env };
}

/** Polls `check` until it holds; on time-out the error carries `context()` (e.g. the worker log). */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  ms: number,
  context: () => string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out; worker log:\n${context()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface RunningWorker {
  child: ChildProcess;
  log(): string;
  /** Waits until the worker's log contains `text`. */
  logged(text: string, ms?: number): Promise<void>;
}

/** `wherewemet run` as a long-running child process, its stderr collected. */
export function startWorker(config: string, env: Record<string, string>): RunningWorker {
  const child = spawn(BIN, ['run', '--config', config], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  return {
    child,
    log: () => log,
    logged: (text, ms = 15_000) =>
      waitUntil(
        () => log.includes(text),
        ms,
        () => log,
      ),
  };
}

// Low-level plumbing shared by the throwaway test servers: loopback ports, polling, spawning a
// foreground daemon with its output in a log file, stopping it, and last-resort cleanup on exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';

export const LOOPBACK = '127.0.0.1';

/**
 * A loopback TCP port that was free a moment ago. Another process can still grab it before the
 * caller binds it, so servers retry with a new port when their first bind fails.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/**
 * Connects, writes `send` if given, and resolves with the first chunk the server sends; null when
 * the connection is refused or reset, or nothing arrives within `timeoutMs`.
 */
export function talk(port: number, send?: string, timeoutMs = 1000): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect(port, LOOPBACK);
    const done = (reply: string | null): void => {
      socket.destroy();
      resolve(reply);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.once('error', () => done(null));
    socket.once('data', (chunk) => done(chunk.toString('latin1')));
    socket.once('connect', () => {
      if (send !== undefined) socket.write(send);
    });
  });
}

/** True while something accepts TCP connections on the port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, LOOPBACK);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls `check` until it returns true; throws with `fail()`'s message after `timeoutMs`. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  fail: () => string | Promise<string>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(await fail());
    await sleep(15);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Last lines of a log file, for error messages; empty when it does not exist yet. */
export async function logTail(file: string, lines = 30): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** A spawned server process; `exited` settles once it is gone (or failed to spawn). */
export interface Daemon {
  child: ChildProcess;
  exited: Promise<void>;
  readonly alive: boolean;
}

export interface LaunchOptions {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  /** Resolves true once the server is usable. */
  ready: () => Promise<boolean>;
  timeoutMs?: number;
}

/** Startup failure; `log` is the server log tail so callers can tell a port clash from a bug. */
export class LaunchError extends Error {
  constructor(
    message: string,
    readonly log: string,
  ) {
    super(log ? `${message}\n--- log tail ---\n${log}` : message);
  }
}

/**
 * Spawns a foreground server as our child (so it cannot outlive the run unnoticed), appends its
 * stdout/stderr to `logFile`, and waits until `ready()`; on failure kills it and throws a
 * LaunchError carrying the log tail.
 */
export async function launch(opts: LaunchOptions): Promise<Daemon> {
  const fd = openSync(opts.logFile, 'a');
  let child: ChildProcess;
  try {
    // Debian keeps daemons in sbin, which is not on a normal user's PATH.
    const env = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` };
    child = spawn(opts.command, opts.args, { stdio: ['ignore', fd, fd], env });
  } finally {
    closeSync(fd);
  }
  let spawnError: Error | undefined;
  let alive = true;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (err) => {
      spawnError = err;
      alive = false;
      resolve();
    });
    child.once('exit', () => {
      alive = false;
      resolve();
    });
  });
  const daemon: Daemon = {
    child,
    exited,
    get alive() {
      return alive;
    },
  };
  try {
    await waitFor(
      async () => {
        if (spawnError) throw spawnError;
        if (!alive) throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
        return opts.ready();
      },
      opts.timeoutMs ?? 10_000,
      () => 'not ready in time',
    );
    return daemon;
  } catch (err) {
    if (alive) {
      child.kill('SIGKILL');
      await exited;
    }
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed' : String(err);
    throw new LaunchError(
      `${opts.name} failed to start (${opts.command} ${opts.args.join(' ')}): ${reason}`,
      await logTail(opts.logFile),
    );
  }
}

/** SIGTERM, wait for the process to exit (SIGKILL after `graceMs`), then for the port to close. */
export async function terminate(daemon: Daemon, port: number, graceMs = 15_000): Promise<void> {
  if (daemon.alive) {
    daemon.child.kill('SIGTERM');
    const timer = setTimeout(() => daemon.child.kill('SIGKILL'), graceMs);
    await daemon.exited;
    clearTimeout(timer);
  }
  await waitFor(
    async () => !(await isListening(port)),
    5000,
    () => `port ${port} still open`,
  );
}

/** A server's temp dir and its current process; servers update `daemon` on start/stop. */
export interface Tracked {
  dir: string;
  daemon: Daemon | undefined;
}

const tracked = new Set<Tracked>();

/**
 * On process exit, SIGTERM servers that were never stopped so they shut down cleanly even though
 * we are gone, and delete the temp dirs of stopped ones. A still-running server keeps its dir (and
 * log). HARNESS_KEEP_TMP=1 keeps all.
 */
export function trackForExit(entry: Tracked): void {
  if (tracked.size === 0) {
    process.once('exit', reapAll);
    // Vitest's main process turns these signals into process.exit() itself, but its fork workers
    // are ended with a bare SIGTERM, which would skip 'exit' handlers.
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
      if (process.listenerCount(signal) === 0) {
        process.once(signal, () => process.exit(128 + os.constants.signals[signal]));
      }
    }
  }
  tracked.add(entry);
}

function reapAll(): void {
  for (const { dir, daemon } of tracked) {
    if (daemon?.alive) {
      daemon.child.kill('SIGTERM');
    } else if (!process.env.HARNESS_KEEP_TMP) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // Best effort: a leftover temp dir is harmless.
      }
    }
  }
}

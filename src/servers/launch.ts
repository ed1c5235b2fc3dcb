/**
 * Plumbing for the servers wherewemet starts on this machine (the demo's Redis and Dovecot, the
 * Redis `run` starts when none is configured, the tests' throwaway servers): loopback ports,
 * polling, spawning a foreground daemon with its output in a log file, and stopping it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, closeSync, constants, fstatSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import net from 'node:net';
import { delimiter, join } from 'node:path';
import { LaunchError } from '../errors.ts';

export const LOOPBACK = '127.0.0.1';

/** Debian keeps daemons (dovecot) in sbin, which is not on a normal user's PATH. */
const SBIN = ['/usr/sbin', '/sbin'];

function searchPath(): string {
  return [process.env.PATH ?? '', ...SBIN].join(delimiter);
}

/** The full path of an installed program, or null; looks in sbin too. */
export function findProgram(name: string): string | null {
  for (const dir of searchPath().split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return null;
}

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
 * the connection is refused, reset or closed, or nothing arrives within `timeoutMs`.
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
    socket.once('close', () => done(null));
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
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Last lines of a log file from byte `from` on, for error messages; empty when there are none. */
export async function logTail(file: string, lines = 30, from = 0): Promise<string> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return '';
  try {
    const { size } = await handle.stat();
    const length = Math.max(0, size - from);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, from);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } finally {
    await handle.close();
  }
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
  /**
   * In a process group of its own, and not holding this process open: a Ctrl-C in the terminal
   * does not reach it (its owner stops it in order), and it may outlive this process.
   */
  detached?: boolean;
  /** The environment it gets; by default only PATH (no secret of ours reaches it). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Spawns a foreground server, appends its stdout/stderr to `logFile`, and waits until `ready()`;
 * on failure kills it and throws a LaunchError carrying what it logged meanwhile.
 */
export async function launch(opts: LaunchOptions): Promise<Daemon> {
  const fd = openSync(opts.logFile, 'a');
  const logFrom = fstatSync(fd).size;
  let child: ChildProcess;
  try {
    child = spawn(opts.command, opts.args, {
      stdio: ['ignore', fd, fd],
      env: opts.env ?? { PATH: searchPath() },
      detached: opts.detached === true,
    });
  } finally {
    closeSync(fd);
  }
  if (opts.detached) child.unref();
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
      await logTail(opts.logFile, 30, logFrom),
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

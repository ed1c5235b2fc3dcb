/**
 * Ties servers to the life of the process that started them. The demo starts its Redis and
 * Dovecot detached (in process groups of their own, so that a Ctrl-C reaches the demo alone and
 * it stops them in order); that also lets them outlive it when it dies without its clean-up
 * (SIGKILL, a crash). Node has no prctl(PR_SET_PDEATHSIG), so a small watchdog process, in a
 * session of its own, holds the read end of a pipe from its owner: the pipe closes when the owner
 * ends, however it ends, and the watchdog then kills the process groups and removes the
 * directories it was told of. After a clean stop the owner says "release" first, so the watchdog
 * touches nothing (a pid may have been reused by then).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Writable } from 'node:stream';

// Plain CommonJS for `node -e`: it must run from the sources (tests) and from dist/ alike.
const SCRIPT = String.raw`
const { rmSync } = require('node:fs');
const pids = new Set();
const dirs = new Set();
let buffer = '';
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
    const line = buffer.slice(0, i);
    buffer = buffer.slice(i + 1);
    if (line.startsWith('pid ')) pids.add(Number(line.slice(4)));
    else if (line.startsWith('dir ')) dirs.add(line.slice(4));
    else if (line === 'release') { pids.clear(); dirs.clear(); }
  }
});
const signal = (pid, name) => { try { process.kill(-pid, name); } catch {} };
const alive = (pid) => { try { process.kill(-pid, 0); return true; } catch { return false; } };
const cleanUp = () => {
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = Date.now() + 10000;
  const check = () => {
    const left = [...pids].filter(alive);
    if (left.length > 0 && Date.now() < deadline) return setTimeout(check, 50);
    for (const pid of left) signal(pid, 'SIGKILL');
    for (const dir of dirs) { try { rmSync(dir, { recursive: true, force: true }); } catch {} }
    process.exit(0);
  };
  check();
};
process.stdin.once('end', cleanUp);
process.stdin.once('error', cleanUp);
`;

export interface Watchdog {
  /** Kill this process group (a detached server's pid) when the owner ends without release(). */
  guard(pid: number | undefined): void;
  /** Remove this directory when the owner ends without release(). */
  remove(dir: string): void;
  /** The owner cleaned up by itself: the watchdog exits without touching anything. */
  release(): void;
}

export function startWatchdog(): Watchdog {
  const child: ChildProcess = spawn(process.execPath, ['-e', SCRIPT], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
    env: { PATH: process.env.PATH ?? '' },
  });
  child.unref();
  const pipe = child.stdin as Writable & { unref?: () => void };
  // Neither the child nor the pipe holds the owner's event loop open.
  (pipe as unknown as { _handle?: { unref?: () => void } })._handle?.unref?.();
  pipe.on('error', () => {
    // The watchdog is gone: nothing more can be asked of it.
  });
  const send = (line: string) => {
    if (!pipe.destroyed) pipe.write(`${line}\n`);
  };
  return {
    guard(pid) {
      if (pid) send(`pid ${pid}`);
    },
    remove(dir) {
      send(`dir ${dir}`);
    },
    release() {
      send('release');
      pipe.end();
    },
  };
}

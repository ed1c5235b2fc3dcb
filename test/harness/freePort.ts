// The servers' plumbing lives in src/servers/launch.ts (the demo and `run` start servers too);
// what is here is the tests' own: last-resort cleanup of servers a test run leaves behind.
import { rmSync } from 'node:fs';
import os from 'node:os';
import type { Daemon } from '../../src/servers/launch.ts';

export {
  type Daemon,
  freePort,
  isListening,
  LOOPBACK,
  launch,
  logTail,
  talk,
  terminate,
  waitFor,
} from '../../src/servers/launch.ts';

/** A server's temp dir and its current process (while it runs). */
export interface Tracked {
  readonly dir: string;
  readonly daemon: Daemon | undefined;
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
    // A server a test left running is ended, and its folder goes with it: the suite checks that
    // the temp folder is left as it was found (tempFolder.ts).
    if (daemon?.alive) daemon.child.kill('SIGTERM');
    if (process.env.HARNESS_KEEP_TMP) continue;
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // The server may still be writing as it stops; the suite's check then names the folder.
    }
  }
}

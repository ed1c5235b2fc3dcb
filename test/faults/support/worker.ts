// `wherewemet run` as a child process, as a user (or systemd) runs it: its stderr is kept for
// assertions, and the test can wait for log lines, signal it, and wait for its exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { waitFor } from '../../harness/freePort.ts';

const BIN = new URL('../../../bin/wherewemet', import.meta.url).pathname;

export interface WorkerProcess {
  child: ChildProcess;
  readonly stderr: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly alive: boolean;
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
  waitFor(check: () => boolean, timeoutMs?: number): Promise<void>;
  /** Number of stderr lines matching. */
  count(pattern: RegExp): number;
}

export function startWorker(args: string[], env: Record<string, string>): WorkerProcess {
  const child = spawn(BIN, args, {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let alive = true;
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    });
  });
  return {
    child,
    exited,
    get stderr() {
      return stderr;
    },
    get alive() {
      return alive;
    },
    waitForLog: (pattern, timeoutMs = 30_000) =>
      waitFor(
        () => {
          if (pattern.test(stderr)) return true;
          if (!alive) throw new Error(`worker exited before logging ${pattern}\n${stderr}`);
          return false;
        },
        timeoutMs,
        () => `worker did not log ${pattern} in ${timeoutMs} ms\n${stderr.slice(-4000)}`,
      ),
    waitFor: (check, timeoutMs = 30_000) =>
      waitFor(
        () => check() || !alive,
        timeoutMs,
        () => `worker: condition not met in ${timeoutMs} ms`,
      ),
    count: (pattern) => stderr.split('\n').filter((l) => pattern.test(l)).length,
  };
}

/** SIGKILL (or another signal) and wait until it is gone. */
export async function stopWorker(worker: WorkerProcess, signal: NodeJS.Signals = 'SIGKILL') {
  if (worker.alive) worker.child.kill(signal);
  return worker.exited;
}

/** Ends every worker of a test, a frozen (SIGSTOPped) one included, and waits until all are gone. */
export async function stopAllWorkers(workers: WorkerProcess[]): Promise<void> {
  for (const w of workers) {
    w.child.kill('SIGCONT');
    await stopWorker(w, 'SIGKILL');
  }
}

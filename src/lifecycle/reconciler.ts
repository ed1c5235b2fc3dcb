/**
 * Runs reconcile inside `run`, cheaply: every `checkEveryMs` it asks the server only for the
 * signature of Drafts and Sent (one STATUS each, on the watcher's connection) and reconciles in
 * full only when that changed, or when a draft gone from Drafts is waiting out its grace period,
 * or hourly when drafts expire. Nothing pending: nothing asked. While the account catches up or
 * writes drafts, checks wait (its own APPENDs change Drafts). A failed round is logged and tried
 * again at the next check.
 */
import { describeError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { repeat } from '../repeat.ts';
import type { ReconcileReport } from './reconcile.ts';

export interface ReconcilerDeps {
  reconcile(): Promise<ReconcileReport>;
  /** While true, checks are skipped: the account's own work is changing Drafts. */
  busy(): boolean;
  hasPending(): Promise<boolean>;
  /** Changes whenever Drafts or Sent changes; null when it cannot be read now. */
  signature(): Promise<string | null>;
  checkEveryMs: number;
  /** Look again this often while something waits (missingGraceSeconds) or drafts expire. */
  recheckEveryMs: number;
  expires: boolean;
  log: Logger;
}

export interface Reconciler {
  /** One full round now; rounds never overlap. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

const HOUR_MS = 60 * 60 * 1000;

export function startReconciler(deps: ReconcilerDeps): Reconciler {
  let running: Promise<void> | null = null;
  let lastSignature: string | null = null;
  let lastFullAt = 0;
  let waiting = false;

  const full = (signature: string | null): Promise<void> => {
    running ??= deps
      .reconcile()
      .then((report) => {
        lastSignature = signature;
        lastFullAt = Date.now();
        waiting = report.waiting > 0 || report.busy > 0;
      })
      .catch((err: unknown) => deps.log.warn({ err: describeError(err) }, 'reconcile failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };

  const check = async (): Promise<void> => {
    if (running || deps.busy() || !(await deps.hasPending())) return;
    const signature = await deps.signature();
    const since = Date.now() - lastFullAt;
    const due =
      (signature !== null && signature !== lastSignature) ||
      (waiting && since >= deps.recheckEveryMs) ||
      (deps.expires && since >= HOUR_MS);
    if (due) await full(signature);
  };

  const timer = repeat(deps.checkEveryMs, check, (err: unknown) =>
    deps.log.debug({ err: describeError(err) }, 'draft check failed'),
  );
  return {
    runOnce: async () => full(await deps.signature().catch(() => null)),
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

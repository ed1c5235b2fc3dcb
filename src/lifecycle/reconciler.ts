/** Runs reconcile now and then inside `run`; a failed round is logged and retried next time. */
import { describeError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { type ReconcileDeps, reconcile } from './reconcile.ts';

export interface Reconciler {
  /** One round now; rounds never overlap. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startReconciler(
  deps: ReconcileDeps & { everyMs: number; log: Logger },
): Reconciler {
  let running: Promise<void> | null = null;
  const runOnce = (): Promise<void> => {
    running ??= reconcile(deps)
      .then(() => undefined)
      .catch((err: unknown) => deps.log.warn({ err: describeError(err) }, 'reconcile failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void runOnce(), deps.everyMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

// The reconciler's timer: a full round only when Drafts or Sent changed, and never while the
// account's own catch-up or drafts are changing Drafts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReconciler } from '../../src/lifecycle/reconciler.ts';
import { createLogger } from '../../src/log.ts';

const CHECK_MS = 1000;

function reconcilerOver(state: { busy: boolean; signature: string }) {
  const rounds: string[] = [];
  const reconciler = startReconciler({
    reconcile: async () => {
      rounds.push(state.signature);
      return { followed: 0, sent: 0, discarded: 0, expired: 0, busy: 0, waiting: 0 };
    },
    busy: () => state.busy,
    hasPending: async () => true,
    signature: async () => state.signature,
    checkEveryMs: CHECK_MS,
    recheckEveryMs: 60_000,
    expires: false,
    log: createLogger({ level: 'silent' }),
  });
  return { rounds, reconciler };
}

describe('the reconciler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reconciles once per change of Drafts or Sent, and not when nothing changed', async () => {
    const state = { busy: false, signature: 'a' };
    const { rounds, reconciler } = reconcilerOver(state);
    await vi.advanceTimersByTimeAsync(3 * CHECK_MS);
    state.signature = 'b';
    await vi.advanceTimersByTimeAsync(3 * CHECK_MS);
    expect(rounds).toEqual(['a', 'b']);
    await reconciler.stop();
  });

  it('waits while the account writes drafts, then reconciles once', async () => {
    const state = { busy: true, signature: 'a' };
    const { rounds, reconciler } = reconcilerOver(state);
    for (const signature of ['b', 'c', 'd']) {
      state.signature = signature; // each of our own APPENDs changes Drafts
      await vi.advanceTimersByTimeAsync(CHECK_MS);
    }
    expect(rounds).toEqual([]);
    state.busy = false;
    await vi.advanceTimersByTimeAsync(2 * CHECK_MS);
    expect(rounds).toEqual(['d']);
    await reconciler.stop();
  });
});

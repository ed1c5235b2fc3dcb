/**
 * Runs an account's state machine (accountMachine.ts): feeds it the events the adapters report,
 * keeps its state, and performs the effects it returns through the adapters handed in. Every
 * decision is the machine's; this only carries them out.
 */
import type { Logger } from '../log.ts';
import {
  type AccountEffect,
  type AccountEvent,
  type AccountMachineState,
  initialAccountState,
  type ShownStatus,
  transition,
} from './accountMachine.ts';

export interface AccountAdapters {
  log: Logger;
  /** Shows the account in `status` and tells the event subscribers. */
  publish(status: ShownStatus): void;
  /** The account's last word in `status` as this process lets it go. */
  removeStatus(): Promise<void>;
  announceStopped(): void;
  drafts: { setPaused(paused: boolean): Promise<void>; close(): Promise<void> };
  folders: { get(): Promise<unknown>; forget(): void };
  watcher: { retryNow(): void; stop(): Promise<void> };
  reconciler: { stop(): Promise<void> };
  session: { close(): Promise<void> };
  /** The lease is someone else's: the supervisor lets the account go. */
  leaseLost(): void;
  /** Opens what writing a draft needs (its code, the second connection, the queue worker). */
  prepareToWrite(): void;
  /** backoff.blockedSeconds, or the first step of the backoff. */
  probeDelay(after: 'blocked' | 'backoff'): number;
  /** The account's periodic timers stop. */
  cancelTimers(): void;
}

export class AccountRunner {
  private current: AccountMachineState;
  private probeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly adapters: AccountAdapters,
    paused: boolean,
  ) {
    this.current = initialAccountState(paused);
  }

  get state(): AccountMachineState {
    return this.current;
  }

  /**
   * The machine's next state, then its effects in order. Effects up to the first asynchronous
   * one run at once (a status is published before the caller goes on); the rest wait for it.
   */
  dispatch(event: AccountEvent): Promise<void> {
    const { state, effects } = transition(this.current, event);
    this.current = state;
    let pending: Promise<void> | undefined;
    for (const effect of effects)
      pending = pending ? pending.then(() => this.perform(effect)) : this.perform(effect);
    return pending ?? Promise.resolve();
  }

  private perform(effect: AccountEffect): Promise<void> | undefined {
    const { adapters } = this;
    switch (effect.type) {
      case 'publish':
        adapters.publish(effect.status);
        return;
      case 'log':
        if (effect.fields) adapters.log[effect.level](effect.fields, effect.message);
        else adapters.log[effect.level](effect.message);
        return;
      case 'pause-drafts':
        void adapters.drafts.setPaused(effect.paused);
        return;
      case 'forget-folders':
        adapters.folders.forget();
        return;
      case 'schedule-probe':
        this.probeTimer = setTimeout(() => {
          this.probeTimer = null;
          void this.dispatch({ type: 'probe-due' });
        }, adapters.probeDelay(effect.after));
        return;
      case 'probe':
        adapters.folders.get().then(
          () => this.dispatch({ type: 'probe-passed' }),
          (error: unknown) => this.dispatch({ type: 'probe-failed', error }),
        );
        return;
      case 'retry-watcher':
        adapters.watcher.retryNow();
        return;
      case 'lease-lost':
        adapters.leaseLost();
        return;
      case 'prepare-to-write':
        adapters.prepareToWrite();
        return;
      case 'cancel-timers':
        adapters.cancelTimers();
        if (this.probeTimer) clearTimeout(this.probeTimer);
        return;
      case 'stop-watcher':
        return adapters.watcher.stop();
      case 'stop-reconciler':
        return adapters.reconciler.stop();
      case 'close-drafts':
        return adapters.drafts.close();
      case 'close-session':
        return adapters.session.close();
      case 'remove-status':
        return adapters.removeStatus();
      case 'announce-stopped':
        adapters.announceStopped();
        return;
    }
  }
}

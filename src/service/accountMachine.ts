/**
 * The life of one account as a pure state machine: an event and the current state give the next
 * state and the effects to perform, in order. No I/O, no clock, no timers: the runner
 * (accountRunner.ts) performs the effects through the adapters that account.ts hands it, and
 * feeds back what they report.
 *
 *   connecting ──connected──▶ watching ◀──catch-up ended── catching-up
 *       ▲                        │ └──────catch-up started──────▲
 *       └──────disconnected──────┘
 *   any of them ──blocked (a person must act)──▶ blocked ──cause gone──▶ back where it was
 *   any ──stop──▶ draining (work in flight finishes) ──closed──▶ stopped
 *
 * Blocked by the watcher (login, TLS, INBOX): the watcher itself tries again every
 * backoff.blockedSeconds. Blocked by a draft (folders, templates): a probe looks whether the
 * folders resolve again, every blockedSeconds. Blocked or not, the watcher's connection goes on
 * being tracked, so that the account returns to the right phase once unblocked.
 */
import { BlockedError, describeError, LeaseLostError } from '../errors.ts';
import type { AccountState } from '../events.ts';

export type Phase = 'connecting' | 'catching-up' | 'watching' | 'blocked' | 'draining' | 'stopped';

/** Who found the account blocked: the watcher retries by itself; drafts need a probe. */
export type BlockedBy = 'watcher' | 'drafts';

export interface AccountMachineState {
  readonly phase: Phase;
  /** running, then draining from `stop` until the adapters are closed, then stopped. */
  readonly life: 'running' | 'draining' | 'stopped';
  /** The watcher's connection: not reported yet, open (mailbox selected), or lost. */
  readonly connection: 'first' | 'open' | 'lost';
  /** Why the connection was lost, in words. */
  readonly lastError: string | null;
  readonly lastSyncAt: string | null;
  readonly blocked: { readonly error: BlockedError; readonly by: BlockedBy } | null;
  /** rules.paused: drafts wait in the queue. */
  readonly paused: boolean;
  /** Catch-up passes and draft jobs under way (the reconciler waits for them to finish). */
  readonly syncing: number;
  readonly writing: number;
  /** A probe waits on its timer (at most one does). */
  readonly probeScheduled: boolean;
}

export type AccountEvent =
  | { type: 'start' }
  | { type: 'connected' }
  | { type: 'disconnected'; error: unknown }
  | { type: 'catch-up-started' }
  /** `syncedAt` when the pass went through, null when it failed. */
  | { type: 'catch-up-ended'; syncedAt: string | null }
  | { type: 'draft-started' }
  | { type: 'draft-ended' }
  /** A write (catch-up, draft, reread) failed: perhaps the lease is someone else's now. */
  | { type: 'write-failed'; error: unknown }
  | { type: 'drafts-blocked'; error: BlockedError }
  | { type: 'probe-due' }
  | { type: 'probe-passed' }
  | { type: 'probe-failed'; error: unknown }
  /** A new config for the account that needs no reconnect. */
  | { type: 'config-changed'; paused: boolean }
  /** A catch-up is about to read bodies: what writing a draft needs may open now. */
  | { type: 'about-to-read' }
  | { type: 'stop' }
  /** Everything `stop` closed is closed. */
  | { type: 'closed' };

/** What `status` shows of the account (the runner adds the lease's owner). */
export interface ShownStatus {
  state: AccountState;
  watching: boolean;
  lastSyncAt: string | null;
  lastError: string | null;
  fix: string | null;
}

export type AccountEffect =
  | { type: 'publish'; status: ShownStatus }
  | { type: 'log'; level: 'info' | 'error'; fields?: Record<string, unknown>; message: string }
  | { type: 'pause-drafts'; paused: boolean }
  /** The folders are resolved afresh at the next use. */
  | { type: 'forget-folders' }
  /** A probe after backoff.blockedSeconds, or after the first backoff step. */
  | { type: 'schedule-probe'; after: 'blocked' | 'backoff' }
  /** Resolve the folders; report probe-passed or probe-failed. */
  | { type: 'probe' }
  /** A reconnect waiting out its delay goes now. */
  | { type: 'retry-watcher' }
  /** The lease is someone else's: the account must be let go. */
  | { type: 'lease-lost' }
  | { type: 'prepare-to-write' }
  /** In this order, each awaited: timers, watcher, reconciler, draft queue, second connection. */
  | { type: 'cancel-timers' }
  | { type: 'stop-watcher' }
  | { type: 'stop-reconciler' }
  | { type: 'close-drafts' }
  | { type: 'close-session' }
  | { type: 'remove-status' }
  | { type: 'announce-stopped' };

export interface Transition {
  state: AccountMachineState;
  effects: AccountEffect[];
}

export function initialAccountState(paused: boolean): AccountMachineState {
  return withPhase({
    life: 'running',
    connection: 'first',
    lastError: null,
    lastSyncAt: null,
    blocked: null,
    paused,
    syncing: 0,
    writing: 0,
    probeScheduled: false,
  });
}

/** The state without its phase, which follows from the rest. */
type Fields = Omit<AccountMachineState, 'phase'>;
interface Step {
  state: Fields;
  effects: AccountEffect[];
}

export function transition(state: AccountMachineState, event: AccountEvent): Transition {
  const { state: next, effects } = step(state, event);
  return { state: withPhase(next), effects };
}

function step(s: Fields, event: AccountEvent): Step {
  switch (event.type) {
    case 'start':
      return published(s);
    case 'connected': {
      if (s.life !== 'running') return unchanged(s);
      const next: Fields = { ...s, connection: 'open', lastError: null };
      return next.blocked?.by === 'watcher' ? unblock(next) : published(next);
    }
    case 'disconnected': {
      if (s.life !== 'running') return unchanged(s);
      const next: Fields = { ...s, connection: 'lost', lastError: describeError(event.error) };
      return event.error instanceof BlockedError
        ? block(next, event.error, 'watcher')
        : published(next);
    }
    case 'catch-up-started':
      return unchanged({ ...s, syncing: s.syncing + 1 });
    case 'catch-up-ended': {
      const next: Fields = { ...s, syncing: s.syncing - 1 };
      if (event.syncedAt === null) return unchanged(next);
      return published({ ...next, lastSyncAt: event.syncedAt });
    }
    case 'draft-started':
      return unchanged({ ...s, writing: s.writing + 1 });
    case 'draft-ended':
      return unchanged({ ...s, writing: s.writing - 1 });
    case 'write-failed':
      return {
        state: s,
        effects: event.error instanceof LeaseLostError ? [{ type: 'lease-lost' }] : [],
      };
    case 'drafts-blocked':
      return block(s, event.error, 'drafts');
    case 'probe-due': {
      const next: Fields = { ...s, probeScheduled: false };
      return { state: next, effects: s.life === 'running' ? [{ type: 'probe' }] : [] };
    }
    case 'probe-passed':
      return unblock(s);
    case 'probe-failed':
      if (event.error instanceof BlockedError) return block(s, event.error, 'drafts');
      return s.life === 'running' ? scheduleProbe(s, [], 'backoff') : unchanged(s);
    case 'config-changed':
      return reconfigure({ ...s, paused: event.paused });
    case 'about-to-read':
      return { state: s, effects: s.blocked || s.paused ? [] : [{ type: 'prepare-to-write' }] };
    case 'stop':
      return stop(s);
    case 'closed':
      return {
        state: { ...s, life: 'stopped' },
        effects: [{ type: 'remove-status' }, { type: 'announce-stopped' }],
      };
  }
}

/** The phase follows from the rest: stopping wins, then blocked, then the connection. */
function withPhase(s: Fields): AccountMachineState {
  return { ...s, phase: phaseOf(s) };
}

function phaseOf(s: Fields): Phase {
  if (s.life === 'stopped') return 'stopped';
  if (s.life === 'draining') return 'draining';
  if (s.blocked) return 'blocked';
  if (s.connection !== 'open') return 'connecting';
  return s.syncing > 0 ? 'catching-up' : 'watching';
}

/** What `status` says: blocked above all, else how the connection stands. */
export function shownStatus(s: Fields): ShownStatus {
  return {
    state: shownState(s),
    watching: s.connection === 'open',
    lastSyncAt: s.lastSyncAt,
    lastError: s.blocked ? s.blocked.error.message : s.lastError,
    fix: s.blocked?.error.fix ?? null,
  };
}

function shownState(s: Fields): AccountState {
  if (s.life !== 'running') return 'stopping';
  if (s.blocked) return 'blocked';
  return s.connection === 'open' ? 'running' : s.connection === 'lost' ? 'retrying' : 'starting';
}

function unchanged(s: Fields): Step {
  return { state: s, effects: [] };
}

function published(s: Fields, before: AccountEffect[] = []): Step {
  return { state: s, effects: [...before, { type: 'publish', status: shownStatus(s) }] };
}

/** A person must act: every job is kept (the queue pauses) and `status` says what to do. */
function block(s: Fields, error: BlockedError, by: BlockedBy): Step {
  if (s.life !== 'running') return unchanged(s);
  const effects: AccountEffect[] = s.blocked
    ? []
    : [
        {
          type: 'log',
          level: 'error',
          fields: { err: error.message, fix: error.fix },
          message: 'account blocked: a person must act',
        },
      ];
  effects.push({ type: 'forget-folders' }, { type: 'pause-drafts', paused: true });
  const next = published({ ...s, blocked: { error, by } }, effects);
  return by === 'drafts' ? scheduleProbe(next.state, next.effects, 'blocked') : next;
}

function unblock(s: Fields): Step {
  if (!s.blocked || s.life !== 'running') return unchanged(s);
  return published({ ...s, blocked: null }, [
    { type: 'log', level: 'info', message: 'account unblocked' },
    { type: 'pause-drafts', paused: s.paused },
  ]);
}

function scheduleProbe(s: Fields, effects: AccountEffect[], after: 'blocked' | 'backoff'): Step {
  if (s.probeScheduled) return { state: s, effects };
  return {
    state: { ...s, probeScheduled: true },
    effects: [...effects, { type: 'schedule-probe', after }],
  };
}

/** A config edit may be the fix (a template, me.address; after `login`, a touch): try again. */
function reconfigure(s: Fields): Step {
  const paused: AccountEffect = { type: 'pause-drafts', paused: s.paused };
  if (s.blocked?.by === 'watcher')
    return { state: s, effects: [paused, { type: 'retry-watcher' }] };
  if (s.blocked) {
    const next = unblock(s);
    return { state: next.state, effects: [paused, ...next.effects] };
  }
  return { state: s, effects: [paused] };
}

/** Stopping shows `stopping` (blocked no more), then closes everything in order. */
function stop(s: Fields): Step {
  const next = published({ ...s, life: 'draining', blocked: null });
  return {
    state: next.state,
    effects: [
      ...next.effects,
      { type: 'cancel-timers' },
      { type: 'stop-watcher' },
      { type: 'stop-reconciler' },
      { type: 'close-drafts' },
      { type: 'close-session' },
    ],
  };
}

// The account's state machine, driven without servers: each event gives the next state and the
// effects the runner (src/service/accountRunner.ts) performs, in order.
import { describe, expect, it } from 'vitest';
import { BlockedError, LeaseLostError, MailboxUnavailableError } from '../../src/errors.ts';
import {
  type AccountEffect,
  type AccountEvent,
  type AccountMachineState,
  initialAccountState,
  transition,
} from '../../src/service/accountMachine.ts';

/** The state after `events`, and the effects of the last one. */
function drive(events: AccountEvent[], from = initialAccountState(false)) {
  let state: AccountMachineState = from;
  let effects: AccountEffect[] = [];
  for (const event of events) ({ state, effects } = transition(state, event));
  return { state, effects };
}

const types = (effects: AccountEffect[]) => effects.map((e) => e.type);
const published = (effects: AccountEffect[]) =>
  effects.flatMap((e) => (e.type === 'publish' ? [e.status] : []));

const loginRefused = new BlockedError(
  'LOGIN_REFUSED',
  'IMAP login refused',
  'check the user name and password',
);
const draftsMissing = new BlockedError(
  'FOLDER_MISSING',
  'no Drafts folder',
  'check mailboxes.drafts',
);
const inboxMissing = new BlockedError(
  'FOLDER_MISSING',
  'cannot open mailbox "INBOX"',
  'check mailboxes.inbox',
);
const connected: AccountEvent = { type: 'connected' };
const cut: AccountEvent = { type: 'disconnected', error: new Error('IMAP connection closed') };

describe('the account state machine', () => {
  it('starts connecting and shows starting, then watching once the mailbox is selected', () => {
    const start = drive([{ type: 'start' }]);
    expect(start.state.phase).toBe('connecting');
    expect(published(start.effects)).toEqual([
      { state: 'starting', watching: false, lastSyncAt: null, lastError: null, fix: null },
    ]);
    const up = drive([{ type: 'start' }, connected]);
    expect(up.state.phase).toBe('watching');
    expect(published(up.effects)[0]).toMatchObject({ state: 'running', watching: true });
  });

  it('catches up, then watches and shows when it last synced', () => {
    const during = drive([connected, { type: 'catch-up-started' }]);
    expect(during.state.phase).toBe('catching-up');
    expect(during.effects).toEqual([]);
    const after = transition(during.state, {
      type: 'catch-up-ended',
      syncedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(after.state.phase).toBe('watching');
    expect(published(after.effects)[0]).toMatchObject({
      state: 'running',
      lastSyncAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('a login refused blocks the account with its fix, and a later login unblocks it', () => {
    const refused = drive([{ type: 'disconnected', error: loginRefused }]);
    expect(refused.state.phase).toBe('blocked');
    expect(refused.effects).toEqual([
      {
        type: 'log',
        level: 'error',
        fields: { err: 'IMAP login refused', fix: 'check the user name and password' },
        message: 'account blocked: a person must act',
      },
      { type: 'forget-folders' },
      { type: 'pause-drafts', paused: true },
      {
        type: 'publish',
        status: {
          state: 'blocked',
          watching: false,
          lastSyncAt: null,
          lastError: 'IMAP login refused',
          fix: 'check the user name and password',
        },
      },
    ]);
    // The watcher tries again by itself (every blockedSeconds): no probe, and no second log line.
    const again = transition(refused.state, { type: 'disconnected', error: loginRefused });
    expect(types(again.effects)).toEqual(['forget-folders', 'pause-drafts', 'publish']);
    const fixed = transition(again.state, connected);
    expect(fixed.state.phase).toBe('watching');
    expect(fixed.effects).toEqual([
      { type: 'log', level: 'info', message: 'account unblocked' },
      { type: 'pause-drafts', paused: false },
      {
        type: 'publish',
        status: { state: 'running', watching: true, lastSyncAt: null, lastError: null, fix: null },
      },
    ]);
  });

  it('a mailbox missing at SELECT blocks the account until the watcher gets in', () => {
    const { state, effects } = drive([{ type: 'disconnected', error: inboxMissing }]);
    expect(state.phase).toBe('blocked');
    expect(state.blocked?.by).toBe('watcher');
    expect(published(effects)[0]).toMatchObject({ state: 'blocked', fix: 'check mailboxes.inbox' });
    expect(types(effects)).not.toContain('schedule-probe');
  });

  it('a Drafts folder missing blocks drafting and probes every blockedSeconds until it is back', () => {
    const blocked = drive([connected, { type: 'drafts-blocked', error: draftsMissing }]);
    expect(blocked.state.phase).toBe('blocked');
    expect(types(blocked.effects)).toEqual([
      'log',
      'forget-folders',
      'pause-drafts',
      'publish',
      'schedule-probe',
    ]);
    expect(blocked.effects.at(-1)).toEqual({ type: 'schedule-probe', after: 'blocked' });
    // A second job blocked meanwhile: one probe waits already.
    const twice = transition(blocked.state, { type: 'drafts-blocked', error: draftsMissing });
    expect(types(twice.effects)).toEqual(['forget-folders', 'pause-drafts', 'publish']);

    const due = transition(twice.state, { type: 'probe-due' });
    expect(due.effects).toEqual([{ type: 'probe' }]);
    const still = transition(due.state, { type: 'probe-failed', error: draftsMissing });
    expect(still.state.phase).toBe('blocked');
    expect(still.effects.at(-1)).toEqual({ type: 'schedule-probe', after: 'blocked' });
    // The server did not answer: not a person's problem, looked at again after a backoff.
    const flaky = drive(
      [{ type: 'probe-due' }, { type: 'probe-failed', error: new MailboxUnavailableError('gone') }],
      still.state,
    );
    expect(flaky.effects).toEqual([{ type: 'schedule-probe', after: 'backoff' }]);

    const back = drive([{ type: 'probe-due' }, { type: 'probe-passed' }], flaky.state);
    expect(back.state.phase).toBe('watching');
    expect(types(back.effects)).toEqual(['log', 'pause-drafts', 'publish']);
    // The watcher reconnecting does not unblock what drafts found.
    const reconnect = drive([cut, { type: 'drafts-blocked', error: draftsMissing }, connected]);
    expect(reconnect.state.phase).toBe('blocked');
    expect(published(reconnect.effects)[0]).toMatchObject({ state: 'blocked', watching: true });
  });

  it('a lease lost lets the account go; other failed writes do not', () => {
    const lost = drive([connected, { type: 'write-failed', error: new LeaseLostError('a') }]);
    expect(lost.effects).toEqual([{ type: 'lease-lost' }]);
    const other = drive([connected, { type: 'write-failed', error: new Error('timeout') }]);
    expect(other.effects).toEqual([]);
  });

  it('a connection cut mid-catch-up shows retrying and stays busy until the pass ends', () => {
    const cutOff = drive([connected, { type: 'catch-up-started' }, cut]);
    expect(cutOff.state.phase).toBe('connecting');
    expect(published(cutOff.effects)).toEqual([
      {
        state: 'retrying',
        watching: false,
        lastSyncAt: null,
        lastError: 'IMAP connection closed',
        fix: null,
      },
    ]);
    // The reconciler waits while the failed pass unwinds.
    expect(cutOff.state.syncing).toBe(1);
    const ended = transition(cutOff.state, { type: 'catch-up-ended', syncedAt: null });
    expect(ended.state.syncing).toBe(0);
    expect(ended.effects).toEqual([]);
    const back = transition(ended.state, connected);
    expect(published(back.effects)[0]).toMatchObject({ state: 'running', lastError: null });
  });

  it('a config change applies rules.paused, and may be the fix', () => {
    const pause = drive([connected, { type: 'config-changed', paused: true }]);
    expect(pause.effects).toEqual([{ type: 'pause-drafts', paused: true }]);
    expect(drive([{ type: 'about-to-read' }], pause.state).effects).toEqual([]);

    const login = drive([
      { type: 'disconnected', error: loginRefused },
      { type: 'config-changed', paused: false },
    ]);
    expect(login.effects).toEqual([
      { type: 'pause-drafts', paused: false },
      { type: 'retry-watcher' },
    ]);
    expect(login.state.phase).toBe('blocked');

    const template = drive([
      connected,
      { type: 'drafts-blocked', error: draftsMissing },
      { type: 'config-changed', paused: false },
    ]);
    expect(template.state.phase).toBe('watching');
    expect(types(template.effects)).toEqual(['pause-drafts', 'log', 'pause-drafts', 'publish']);
  });

  it('prepares to write only when drafting may go on', () => {
    expect(drive([connected, { type: 'about-to-read' }]).effects).toEqual([
      { type: 'prepare-to-write' },
    ]);
    const blocked = drive([
      { type: 'disconnected', error: loginRefused },
      { type: 'about-to-read' },
    ]);
    expect(blocked.effects).toEqual([]);
  });

  it('a stop during a draft drains: the draft finishes, nothing blocks or reconnects, then stopped', () => {
    const writing = drive([
      connected,
      { type: 'drafts-blocked', error: draftsMissing },
      { type: 'draft-started' },
    ]);
    const stopping = transition(writing.state, { type: 'stop' });
    expect(stopping.state.phase).toBe('draining');
    expect(stopping.effects).toEqual([
      {
        type: 'publish',
        status: { state: 'stopping', watching: true, lastSyncAt: null, lastError: null, fix: null },
      },
      { type: 'cancel-timers' },
      { type: 'stop-watcher' },
      { type: 'stop-reconciler' },
      { type: 'close-drafts' },
      { type: 'close-session' },
    ]);
    // The draft in flight is waited for by close-drafts; what it reports changes nothing shown.
    const late = drive(
      [
        { type: 'drafts-blocked', error: draftsMissing },
        { type: 'probe-due' },
        { type: 'probe-passed' },
        cut,
        { type: 'draft-ended' },
      ],
      stopping.state,
    );
    expect(late.state.phase).toBe('draining');
    expect(late.state.writing).toBe(0);
    expect(late.effects).toEqual([]);
    const stopped = transition(late.state, { type: 'closed' });
    expect(stopped.state.phase).toBe('stopped');
    expect(stopped.effects).toEqual([{ type: 'remove-status' }, { type: 'announce-stopped' }]);
  });
});

// The runner performs the machine's effects through the adapters it is given, in order: the
// quick ones at once, the closing ones one after the other.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BlockedError } from '../../src/errors.ts';
import { createLogger } from '../../src/log.ts';
import type { ShownStatus } from '../../src/service/accountMachine.ts';
import { type AccountAdapters, AccountRunner } from '../../src/service/accountRunner.ts';

const BLOCKED_MS = 300_000;

function fakeAdapters(overrides: Partial<AccountAdapters> = {}) {
  const calls: string[] = [];
  const shown: ShownStatus[] = [];
  const note = (name: string) => () => {
    calls.push(name);
  };
  const later = (name: string) => async () => {
    calls.push(name);
  };
  const adapters: AccountAdapters = {
    log: createLogger({ level: 'silent' }),
    publish: (status) => {
      calls.push(`publish ${status.state}`);
      shown.push(status);
    },
    removeStatus: later('remove status'),
    announceStopped: note('announce stopped'),
    drafts: {
      setPaused: async (paused) => {
        calls.push(`drafts paused ${paused}`);
      },
      close: later('close drafts'),
    },
    folders: { get: async () => ({}), forget: note('forget folders') },
    watcher: { retryNow: note('retry watcher'), stop: later('stop watcher') },
    reconciler: { stop: later('stop reconciler') },
    session: { close: later('close session') },
    leaseLost: note('lease lost'),
    prepareToWrite: note('prepare to write'),
    probeDelay: (after) => (after === 'blocked' ? BLOCKED_MS : 1000),
    cancelTimers: note('cancel timers'),
    ...overrides,
  };
  return { adapters, calls, shown };
}

describe('the account runner', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('publishes before dispatch returns', () => {
    const { adapters, calls } = fakeAdapters();
    const runner = new AccountRunner(adapters, false);
    void runner.dispatch({ type: 'connected' });
    expect(calls).toEqual(['publish running']);
    expect(runner.state.phase).toBe('watching');
  });

  it('a stop during a draft closes everything in order, the queue once the draft is written', async () => {
    let draftWritten = () => {};
    const draft = new Promise<void>((resolve) => {
      draftWritten = resolve;
    });
    const { adapters, calls } = fakeAdapters();
    adapters.drafts.close = async () => {
      calls.push('close drafts');
      await draft;
      calls.push('drafts closed');
    };
    const runner = new AccountRunner(adapters, false);
    void runner.dispatch({ type: 'connected' });
    void runner.dispatch({ type: 'draft-started' });
    const stopping = runner
      .dispatch({ type: 'stop' })
      .then(() => runner.dispatch({ type: 'closed' }));
    await new Promise((r) => setTimeout(r, 10));
    expect(runner.state.phase).toBe('draining');
    expect(calls.at(-1)).toBe('close drafts');
    void runner.dispatch({ type: 'draft-ended' });
    draftWritten();
    await stopping;
    expect(runner.state.phase).toBe('stopped');
    expect(calls).toEqual([
      'publish running',
      'publish stopping',
      'cancel timers',
      'stop watcher',
      'stop reconciler',
      'close drafts',
      'drafts closed',
      'close session',
      'remove status',
      'announce stopped',
    ]);
  });

  it('blocked by a draft, it looks again every blockedSeconds and resumes by itself', async () => {
    vi.useFakeTimers();
    const missing = new BlockedError(
      'FOLDER_MISSING',
      'no Drafts folder',
      'check mailboxes.drafts',
    );
    const resolve = vi.fn<() => Promise<unknown>>().mockRejectedValueOnce(missing);
    resolve.mockResolvedValue({});
    const { adapters, shown } = fakeAdapters({ folders: { get: resolve, forget: () => {} } });
    const runner = new AccountRunner(adapters, false);
    void runner.dispatch({ type: 'connected' });
    void runner.dispatch({ type: 'drafts-blocked', error: missing });
    expect(shown.at(-1)).toMatchObject({ state: 'blocked', fix: 'check mailboxes.drafts' });

    await vi.advanceTimersByTimeAsync(BLOCKED_MS - 1);
    expect(resolve).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(runner.state.phase).toBe('blocked');

    await vi.advanceTimersByTimeAsync(BLOCKED_MS);
    expect(resolve).toHaveBeenCalledTimes(2);
    expect(runner.state.phase).toBe('watching');
    expect(shown.at(-1)).toMatchObject({ state: 'running', fix: null });
    expect(vi.getTimerCount()).toBe(0);
  });
});

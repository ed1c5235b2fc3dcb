import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Category } from '../../src/config/schema.ts';
import { Events } from '../../src/events.ts';
import type { Logger } from '../../src/log.ts';
import { startProgress } from '../../src/terminal/progress.ts';

/** The info lines a subscriber logged, as `{ msg, fields }`. */
function recordingLog() {
  const lines: Array<{ msg: string; fields: Record<string, unknown> }> = [];
  const log = {
    info: (fields: Record<string, unknown>, msg: string) => lines.push({ msg, fields }),
  } as unknown as Logger;
  return { log, lines, messages: () => lines.map((l) => l.msg) };
}

const EVERY_MS = 5000;

describe('progress of a long catch-up, off a terminal', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());

  function setUp() {
    const events = new Events((err) => {
      throw err;
    });
    const { log, lines, messages } = recordingLog();
    const progress = startProgress({ log, intervalMs: EVERY_MS, now: () => clock });
    progress.subscribe(events);
    const pass = (account: string, candidates: number) =>
      events.emit('sync.pass', {
        account,
        candidates,
        toRead: candidates,
        skipped: 0,
        large: candidates > 50,
      });
    let uid = 0;
    const seen = (account: string, n: number) => {
      for (let i = 0; i < n; i++)
        events.emit('message.seen', { account, uid: ++uid, outcome: 'read' });
    };
    const invitation = (account: string, key: string, category: Category, draft: boolean) =>
      events.emit('invitation.classified', {
        account,
        key,
        inviterName: `Name ${key}`,
        category,
        action: draft ? 'draft' : 'none',
        created: true,
      });
    const written = (account: string, key: string) =>
      events.emit('draft.written', {
        account,
        key,
        inviterName: null,
        arrivedAt: null,
        at: new Date(clock),
      });
    const done = (account: string, candidates: number) =>
      events.emit('sync.done', {
        account,
        candidates,
        read: candidates,
        skipped: 0,
        tooLarge: 0,
        gone: 0,
      });
    const advance = (ms: number) => {
      clock += ms;
      vi.advanceTimersByTime(ms);
    };
    return { events, progress, lines, messages, pass, seen, invitation, written, done, advance };
  }

  it('says how many messages, then a line every few seconds with count, rate and time left, then one summary', () => {
    const t = setUp();
    t.pass('default', 60);
    expect(t.messages()).toEqual(['catching up: 60 messages to look at']);
    t.seen('default', 30);
    t.advance(EVERY_MS);
    // 30 messages in 5 s: 6 a second, 30 left at that rate: 5 s.
    expect(t.messages().at(-1)).toBe(
      'catching up: 30 of 60 messages, 6.0 a second, about 5 s left',
    );
    t.seen('default', 30);
    const drafted = ['a', 'b', 'c', 'd'];
    for (const key of drafted) t.invitation('default', key, 'no-context', true);
    t.invitation('default', 'p', 'pitch', true);
    t.invitation('default', 'h1', 'has-context', false);
    t.invitation('default', 'h2', 'has-context', false);
    t.invitation('default', 's', 'suspicious', false);
    t.events.emit('message.unparseable', { account: 'default', uid: 99, reason: 'broken' });
    t.done('default', 60);
    t.advance(EVERY_MS);
    expect(t.messages().at(-1)).toBe(
      'catching up: writing drafts: 0 of 5, starting, time left unknown',
    );
    // Not over until the drafts it queued are written.
    for (const key of [...drafted, 'p']) {
      expect(t.messages().some((m) => m.startsWith('caught up'))).toBe(false);
      t.written('default', key);
    }
    expect(t.messages().at(-1)).toBe(
      'caught up on 60 messages in 10 s: 8 invitations: 5 drafts (1 to pitches), 2 with a personal note, 1 imitation; 1 unreadable',
    );
    expect(t.lines.at(-1)?.fields).toMatchObject({
      account: 'default',
      messages: 60,
      invitations: 8,
      drafts: 5,
      draftsWritten: 5,
      unreadable: 1,
    });
    expect(t.progress.busy('default')).toBe(false);
    // No more progress lines once it is over.
    const count = t.lines.length;
    t.advance(EVERY_MS * 3);
    expect(t.lines).toHaveLength(count);
  });

  it('shows nothing for a short pass, and keeps its lines at info level', () => {
    const t = setUp();
    t.pass('default', 50);
    t.seen('default', 50);
    t.done('default', 50);
    t.advance(EVERY_MS * 2);
    expect(t.messages()).toEqual([]);
    expect(t.progress.busy('default')).toBe(false);
  });

  it('carries a pass cut short into the next one, and names the account when there are several', () => {
    const t = setUp();
    t.pass('work', 100);
    t.seen('work', 40);
    expect(t.progress.busy('work')).toBe(true);
    // The connection dropped; the next pass finds the 60 not yet handled (and 5 new ones).
    t.pass('work', 65);
    t.seen('work', 65);
    t.done('work', 65);
    expect(t.messages()).toEqual([
      'catching up work: 100 messages to look at',
      'work: caught up on 105 messages in 0 s: no invitations; 0 unreadable',
    ]);
  });

  it('ends with the drafts not yet written when the process stops first', () => {
    const t = setUp();
    t.pass('default', 51);
    t.seen('default', 51);
    for (const key of ['x', 'y', 'z']) t.invitation('default', key, 'no-context', true);
    t.done('default', 51);
    t.written('default', 'x');
    t.advance(EVERY_MS);
    expect(t.messages().at(-1)).toBe(
      'catching up: writing drafts: 1 of 3, 0.2 a second, about 10 s left',
    );
    t.progress.stop();
    expect(t.messages().at(-1)).toBe(
      'caught up on 51 messages in 5 s: 3 invitations: 3 drafts (2 not yet written); 0 unreadable',
    );
  });
});

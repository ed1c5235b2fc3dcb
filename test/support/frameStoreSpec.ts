// What every FrameStore must do (src/store/frameStore.ts), run against the Redis store
// (test/integration/frameStore.test.ts) and the memory one (test/store/memoryFrameStore.test.ts).
import { expect, it } from 'vitest';
import { SOURCES_TO_LEARN, shapeKey, sourceKey } from '../../src/parse/learnedFrame.ts';
import type { FrameStore } from '../../src/store/frameStore.ts';

export type MakeFrameStore = (bounds?: { candidates: number; learned: number }) => Promise<{
  store: FrameStore;
  /** A second handle on the same keys (another process). */
  other(): FrameStore;
}>;

const at = new Date('2026-12-01T10:00:00Z');
const shape = (text: string) => shapeKey(text);
const source = (who: string) => sourceKey(who);
const footer = shape('you are receiving invitation emails.');
const button = shape('say hello');
const note = shape('great meeting you at the harbour conference');

export function frameStoreSpec(make: MakeFrameStore): void {
  it('learns a shape only once SOURCES_TO_LEARN different sources showed it', async () => {
    const { store } = await make();
    for (let i = 1; i < SOURCES_TO_LEARN; i++) {
      expect(await store.learn({ source: source(`p${i}`), shapes: [footer] }, at)).toBe(false);
      expect((await store.snapshot()).frame.has(footer)).toBe(false);
    }
    expect(
      await store.learn({ source: source(`p${SOURCES_TO_LEARN}`), shapes: [footer, note] }, at),
    ).toBe(true);
    const { frame, version } = await store.snapshot();
    expect(frame.has(footer)).toBe(true);
    expect(frame.has(note)).toBe(false);
    expect(version).toBe(1);
    expect(await store.counts()).toEqual({ version: 1, candidates: 1, learned: 1 });
  });

  it('counts one source once, however often it writes: no inviter can teach their note', async () => {
    const { store } = await make();
    for (let i = 0; i < 10; i++)
      expect(await store.learn({ source: source('one inviter'), shapes: [note] }, at)).toBe(false);
    expect(await store.learn({ source: source('another'), shapes: [note] }, at)).toBe(false);
    expect((await store.snapshot()).frame.has(note)).toBe(false);
    expect(await store.version()).toBe(0);
  });

  it('refuses anything that is not a hash: no text reaches the store', async () => {
    const { store } = await make();
    const hostile = { source: 'not a hash', shapes: ['great meeting you at the harbour'] };
    expect(await store.learn(hostile, at)).toBe(false);
    expect(await store.teach(['great meeting you at the harbour'], at)).toBe(false);
    expect(await store.counts()).toEqual({ version: 0, candidates: 0, learned: 0 });
  });

  it('learns at once what a person teaches, and the version grows only for new shapes', async () => {
    const { store } = await make();
    await store.learn({ source: source('p1'), shapes: [button] }, at);
    expect(await store.teach([button, footer], at)).toBe(true);
    expect(await store.teach([button], at)).toBe(false);
    expect(await store.counts()).toEqual({ version: 1, candidates: 0, learned: 2 });
    // Learned already: another source's vote changes nothing.
    expect(await store.learn({ source: source('p2'), shapes: [button] }, at)).toBe(false);
    expect(await store.version()).toBe(1);
  });

  it('hands another process the new frame once the version changed', async () => {
    const { store, other } = await make();
    const reader = other();
    expect((await reader.snapshot()).frame.has(button)).toBe(false);
    await store.teach([button], at);
    const after = await reader.snapshot();
    expect(after.version).toBe(1);
    expect(after.frame.has(button)).toBe(true);
  });

  it('stays within its bounds, evicting the least recently seen', async () => {
    const { store } = await make({ candidates: 5, learned: 2 });
    let tick = 0;
    const now = () => new Date(at.getTime() + ++tick);
    const shapes = Array.from({ length: 8 }, (_, i) => shape(`segment ${'x'.repeat(i)}`));
    for (const s of shapes) await store.learn({ source: source('p1'), shapes: [s] }, now());
    expect((await store.counts()).candidates).toBe(5);
    // The three seen first were dropped with their votes: two more sources do not learn them.
    for (const who of ['p2', 'p3'])
      for (const s of shapes.slice(0, 3))
        await store.learn({ source: source(who), shapes: [s] }, now());
    expect((await store.counts()).learned).toBe(0);
    for (const s of shapes.slice(5, 8)) await store.teach([s], now());
    expect((await store.counts()).learned).toBe(2);
    const { frame } = await store.snapshot();
    expect(frame.has(shapes[5] as string)).toBe(false);
    expect(frame.has(shapes[6] as string)).toBe(true);
    expect(frame.has(shapes[7] as string)).toBe(true);
  });

  it('forgets everything on reset, with a version that still grows', async () => {
    const { store, other } = await make();
    const reader = other();
    await store.teach([button], at);
    expect((await reader.snapshot()).frame.has(button)).toBe(true);
    await store.learn({ source: source('p1'), shapes: [footer] }, at);
    await store.reset();
    expect(await store.counts()).toEqual({ version: 2, candidates: 0, learned: 0 });
    expect((await reader.snapshot()).frame.has(button)).toBe(false);
  });
}

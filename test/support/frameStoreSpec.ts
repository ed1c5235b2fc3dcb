// What every FrameStore must do (src/store/frameStore.ts), run against the Redis store
// (test/integration/frameStore.test.ts) and the memory one (test/store/memoryFrameStore.test.ts).
// The rule is learnedFrame.ts's isLearnedCount, as FrameTally keeps it in memory.
import { expect, it } from 'vitest';
import {
  clusterOf,
  type FrameLesson,
  FrameTally,
  SHARE_TO_LEARN,
  SOURCES_TO_LEARN,
  shapeKey,
  sourceKey,
} from '../../src/parse/learnedFrame.ts';
import type { FrameBounds, FrameStore } from '../../src/store/frameStore.ts';

export type MakeFrameStore = (bounds?: FrameBounds) => Promise<{
  store: FrameStore;
  /** A second handle on the same keys (another process). */
  other(): FrameStore;
}>;

const at = new Date('2026-12-01T10:00:00Z');
const invitations = clusterOf('invite-notification', 'en');
const digest = clusterOf('digest', 'en');
const shape = (text: string, cluster = invitations) => shapeKey(text, cluster);
const source = (who: string) => sourceKey(who);
const footer = shape('you are receiving invitation emails.');
const button = shape('say hello');
const note = shape('great meeting you at the harbour conference');
const lesson = (who: string, shapes: string[], cluster = invitations): FrameLesson => ({
  cluster,
  source: source(who),
  shapes,
});
/** Mails of a cluster that carry only its footer: they grow the cluster's count. */
const footerOnly = (n: number, cluster = invitations) =>
  Array.from({ length: n }, (_, i) => lesson(`reader ${i}`, [shape('footer', cluster)], cluster));

export function frameStoreSpec(make: MakeFrameStore): void {
  it('learns a shape only once SOURCES_TO_LEARN different sources showed it', async () => {
    const { store } = await make();
    for (let i = 1; i < SOURCES_TO_LEARN; i++) {
      expect(await store.learn(lesson(`p${i}`, [footer]), at)).toBe(false);
      expect((await store.snapshot()).frame.has(footer)).toBe(false);
    }
    expect(await store.learn(lesson(`p${SOURCES_TO_LEARN}`, [footer, note]), at)).toBe(true);
    const { frame, version } = await store.snapshot();
    expect(frame.has(footer)).toBe(true);
    expect(frame.has(note)).toBe(false);
    expect(version).toBe(1);
    expect(await store.counts()).toEqual({ version: 1, candidates: 1, learned: 1 });
  });

  it('counts one source once, however often it writes: no inviter can teach their note', async () => {
    const { store } = await make();
    for (let i = 0; i < 10; i++)
      expect(await store.learn(lesson('one inviter', [note]), at)).toBe(false);
    expect(await store.learn(lesson('another', [note]), at)).toBe(false);
    expect((await store.snapshot()).frame.has(note)).toBe(false);
    expect(await store.version()).toBe(0);
  });

  it('does not learn what too small a share of its cluster carried, though enough sources did', async () => {
    const { store } = await make();
    // A recruiter's script in 3 of 20 mails: 3 sources, a share of 0.15.
    const mails = 20;
    const script = Math.ceil(SHARE_TO_LEARN * mails) - 1;
    expect(script).toBeGreaterThanOrEqual(SOURCES_TO_LEARN);
    for (const l of footerOnly(mails - script)) await store.learn(l, at);
    for (let i = 0; i < script; i++) await store.learn(lesson(`recruiter ${i}`, [note]), at);
    expect((await store.snapshot()).frame.has(note)).toBe(false);
    expect((await store.snapshot()).frame.has(shape('footer'))).toBe(true);
  });

  it('lets a learned shape go once its share fell: the next mail that carries it re-counts it', async () => {
    const { store } = await make();
    for (let i = 0; i < SOURCES_TO_LEARN; i++) await store.learn(lesson(`early ${i}`, [note]), at);
    expect((await store.snapshot()).frame.has(note)).toBe(true);
    const before = await store.version();
    // The cluster grows to 5 / SHARE_TO_LEARN mails without it: 4 of them is less than the share.
    for (const l of footerOnly(Math.ceil(SOURCES_TO_LEARN / SHARE_TO_LEARN) + 5))
      await store.learn(l, at);
    expect(await store.learn(lesson('late', [note]), at)).toBe(true);
    expect((await store.snapshot()).frame.has(note)).toBe(false);
    expect(await store.version()).toBeGreaterThan(before);
  });

  it('counts each cluster apart: another template mail does not dilute this one', async () => {
    const { store } = await make();
    const inDigest = shape('see all', digest);
    for (let i = 0; i < SOURCES_TO_LEARN - 1; i++) await store.learn(lesson(`p${i}`, [footer]), at);
    for (const l of footerOnly(30, digest)) await store.learn(l, at);
    await store.learn(lesson('last', [footer]), at);
    expect((await store.snapshot()).frame.has(footer)).toBe(true);
    expect((await store.snapshot()).frame.has(inDigest)).toBe(false);
  });

  it('agrees with FrameTally, the rule in memory, on a mixed mailbox', async () => {
    const { store } = await make();
    const tally = new FrameTally();
    const shapesOf = (cluster: string) =>
      Array.from({ length: 12 }, (_, j) => shape(`segment ${j}`, cluster));
    const teachBoth = async (l: FrameLesson) => {
      tally.add(l);
      await store.learn(l, at);
    };
    // Deterministic mix: shape j in every (j + 2)th mail, seven inviters, two clusters.
    for (let i = 0; i < 60; i++) {
      const cluster = i % 5 === 0 ? digest : invitations;
      const shapes = shapesOf(cluster).filter((_, j) => (i + j) % (j + 2) === 0);
      if (shapes.length > 0) await teachBoth({ cluster, source: source(`p${i % 7}`), shapes });
    }
    // The store applies the rule when a mail carries the shape: a last mail carrying them all.
    for (const cluster of [invitations, digest])
      await teachBoth({ cluster, source: source('last'), shapes: shapesOf(cluster) });
    const expected = tally.frame();
    const { frame } = await store.snapshot();
    const all = [...shapesOf(invitations), ...shapesOf(digest)];
    expect(all.filter((s) => frame.has(s) !== expected.has(s))).toEqual([]);
    expect(all.some((s) => expected.has(s))).toBe(true);
    expect(all.some((s) => !expected.has(s))).toBe(true);
  });

  it('refuses anything that is not a hash or a cluster name: no text reaches the store', async () => {
    const { store } = await make();
    const hostile = { cluster: invitations, source: 'not a hash', shapes: ['great meeting you'] };
    expect(await store.learn(hostile, at)).toBe(false);
    const textCluster = { ...lesson('p1', [footer]), cluster: 'We met at the harbour|en' };
    expect(await store.learn(textCluster, at)).toBe(false);
    expect(await store.learn({ ...lesson('p1', [footer]), cluster: 'x'.repeat(500) }, at)).toBe(
      false,
    );
    expect(await store.teach(['great meeting you at the harbour'], at)).toBe(false);
    expect(await store.counts()).toEqual({ version: 0, candidates: 0, learned: 0 });
  });

  it('learns at once what a person teaches, and keeps it whatever the shares', async () => {
    const { store } = await make();
    await store.learn(lesson('p1', [button]), at);
    expect(await store.teach([button, footer], at)).toBe(true);
    expect(await store.teach([button], at)).toBe(false);
    expect(await store.counts()).toEqual({ version: 1, candidates: 0, learned: 2 });
    // Taught: however much more mail the cluster gets without it, another vote changes nothing.
    for (const l of footerOnly(20)) await store.learn(l, at);
    const version = await store.version();
    expect(await store.learn(lesson('p2', [button]), at)).toBe(false);
    expect((await store.snapshot()).frame.has(button)).toBe(true);
    expect(await store.version()).toBe(version);
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
    for (const s of shapes) await store.learn(lesson('p1', [s]), now());
    expect((await store.counts()).candidates).toBe(5);
    // The three seen first were dropped with their votes: two more sources do not learn them.
    for (const who of ['p2', 'p3'])
      for (const s of shapes.slice(0, 3)) await store.learn(lesson(who, [s]), now());
    expect((await store.counts()).learned).toBe(0);
    for (const s of shapes.slice(5, 8)) await store.teach([s], now());
    expect((await store.counts()).learned).toBe(2);
    const { frame } = await store.snapshot();
    expect(frame.has(shapes[5] as string)).toBe(false);
    expect(frame.has(shapes[6] as string)).toBe(true);
    expect(frame.has(shapes[7] as string)).toBe(true);
  });

  it('forgets the least recently seen cluster past its bound, with its count', async () => {
    const { store } = await make({ candidates: 100, learned: 100, clusters: 1 });
    let tick = 0;
    const now = () => new Date(at.getTime() + ++tick);
    for (const l of footerOnly(20)) await store.learn(l, now());
    for (const who of ['p1', 'p2']) await store.learn(lesson(who, [note]), now());
    // 3 of 23 mails would be too small a share; the digest pushes the count out.
    await store.learn(footerOnly(1, digest)[0] as FrameLesson, now());
    await store.learn(lesson('p3', [note]), now());
    expect((await store.snapshot()).frame.has(note)).toBe(true);
  });

  it('forgets everything on reset, with a version that still grows', async () => {
    const { store, other } = await make();
    const reader = other();
    await store.teach([button], at);
    expect((await reader.snapshot()).frame.has(button)).toBe(true);
    await store.learn(lesson('p1', [footer]), at);
    await store.reset();
    expect(await store.counts()).toEqual({ version: 2, candidates: 0, learned: 0 });
    expect((await reader.snapshot()).frame.has(button)).toBe(false);
  });
}

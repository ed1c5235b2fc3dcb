// The learned frame's store in memory, for unit tests: the same rules as RedisFrameStore
// (src/store/frameStore.ts) — one vote per source, learned from SOURCES_TO_LEARN sources, the
// least recently seen evicted past the bounds, a version that grows when anything is learned.

import {
  type FrameLesson,
  learnedFrameOf,
  SOURCES_TO_LEARN,
} from '../../src/parse/learnedFrame.ts';
import {
  type FrameCounts,
  type FrameSnapshot,
  type FrameStore,
  MAX_CANDIDATES,
  MAX_LEARNED,
  validLesson,
  validShapes,
} from '../../src/store/frameStore.ts';

export class MemoryFrameStore implements FrameStore {
  /** shape → sources so far; Map order is recency (re-inserted when seen). */
  readonly candidates = new Map<string, string[]>();
  readonly learned = new Map<string, number>();
  currentVersion = 0;

  constructor(private readonly bounds = { candidates: MAX_CANDIDATES, learned: MAX_LEARNED }) {}

  async learn(lesson: FrameLesson, at: Date): Promise<boolean> {
    const valid = validLesson(lesson);
    if (!valid) return false;
    let grew = false;
    for (const shape of valid.shapes) {
      if (this.learned.has(shape)) {
        this.touchLearned(shape, at);
        continue;
      }
      const sources = this.candidates.get(shape) ?? [];
      this.candidates.delete(shape);
      if (sources.includes(valid.source)) {
        this.candidates.set(shape, sources);
      } else if (sources.length + 1 >= SOURCES_TO_LEARN) {
        this.touchLearned(shape, at);
        grew = true;
      } else {
        this.candidates.set(shape, [...sources, valid.source]);
      }
    }
    this.evict();
    if (grew) this.currentVersion++;
    return grew;
  }

  async teach(shapes: string[], at: Date): Promise<boolean> {
    let grew = false;
    for (const shape of validShapes(shapes)) {
      if (!this.learned.has(shape)) grew = true;
      this.candidates.delete(shape);
      this.touchLearned(shape, at);
    }
    this.evict();
    if (grew) this.currentVersion++;
    return grew;
  }

  async snapshot(): Promise<FrameSnapshot> {
    return { version: this.currentVersion, frame: learnedFrameOf(this.learned.keys()) };
  }

  async version(): Promise<number> {
    return this.currentVersion;
  }

  async counts(): Promise<FrameCounts> {
    return {
      version: this.currentVersion,
      candidates: this.candidates.size,
      learned: this.learned.size,
    };
  }

  async reset(): Promise<void> {
    this.candidates.clear();
    this.learned.clear();
    this.currentVersion++;
  }

  private touchLearned(shape: string, at: Date) {
    this.learned.delete(shape);
    this.learned.set(shape, at.getTime());
  }

  private evict() {
    for (const [map, max] of [
      [this.candidates, this.bounds.candidates],
      [this.learned, this.bounds.learned],
    ] as const) {
      const excess = map.size - max;
      if (excess > 0) for (const key of [...map.keys()].slice(0, excess)) map.delete(key);
    }
  }
}

// The learned frame's store in memory, for unit tests: the same rules as RedisFrameStore
// (src/store/frameStore.ts) — per cluster its mails, per shape its mails and up to
// SOURCES_TO_LEARN sources, learned while isLearnedCount holds (checked whenever a lesson carries
// the shape), taught shapes learned for good, the least recently seen evicted past the bounds, a
// version that grows when the learned set changes.

import {
  type FrameLesson,
  isLearnedCount,
  learnedFrameOf,
  SOURCES_TO_LEARN,
} from '../../src/parse/learnedFrame.ts';
import {
  type FrameBounds,
  type FrameCounts,
  type FrameSnapshot,
  type FrameStore,
  MAX_CANDIDATES,
  MAX_CLUSTERS,
  MAX_LEARNED,
  validLesson,
  validShapes,
} from '../../src/store/frameStore.ts';

interface Tally {
  mails: number;
  sources: string[];
}

export class MemoryFrameStore implements FrameStore {
  /** Every Map's order is recency (re-inserted when seen). cluster hash → mails. */
  readonly clusters = new Map<string, number>();
  readonly candidates = new Map<string, Tally>();
  /** learned shape → its tally, or null when a person taught it. */
  readonly learned = new Map<string, Tally | null>();
  currentVersion = 0;

  constructor(
    private readonly bounds: FrameBounds = { candidates: MAX_CANDIDATES, learned: MAX_LEARNED },
  ) {}

  async learn(lesson: FrameLesson, _at: Date): Promise<boolean> {
    const valid = validLesson(lesson);
    if (!valid) return false;
    const clusterMails = (this.clusters.get(valid.cluster) ?? 0) + 1;
    this.clusters.delete(valid.cluster);
    this.clusters.set(valid.cluster, clusterMails);
    let changed = false;
    const counted = (tally: Tally | undefined): Tally => {
      const sources = tally?.sources ?? [];
      return {
        mails: (tally?.mails ?? 0) + 1,
        sources:
          sources.includes(valid.source) || sources.length >= SOURCES_TO_LEARN
            ? sources
            : [...sources, valid.source],
      };
    };
    const holds = (t: Tally) =>
      isLearnedCount({ mails: t.mails, sources: t.sources.length }, clusterMails);
    for (const shape of valid.shapes) {
      if (this.learned.has(shape)) {
        const tally = this.learned.get(shape);
        this.learned.delete(shape);
        if (tally === null || tally === undefined) {
          this.learned.set(shape, null);
          continue;
        }
        const next = counted(tally);
        if (holds(next)) this.learned.set(shape, next);
        else {
          this.candidates.set(shape, next);
          changed = true;
        }
        continue;
      }
      const next = counted(this.candidates.get(shape));
      this.candidates.delete(shape);
      if (holds(next)) {
        this.learned.set(shape, next);
        changed = true;
      } else this.candidates.set(shape, next);
    }
    if (this.evict()) changed = true;
    if (changed) this.currentVersion++;
    return changed;
  }

  async teach(shapes: string[], _at: Date): Promise<boolean> {
    let grew = false;
    for (const shape of validShapes(shapes)) {
      if (!this.learned.has(shape)) grew = true;
      this.candidates.delete(shape);
      this.learned.delete(shape);
      this.learned.set(shape, null);
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
    this.clusters.clear();
    this.candidates.clear();
    this.learned.clear();
    this.currentVersion++;
  }

  /** Whether a learned shape was evicted. */
  private evict(): boolean {
    let learnedEvicted = false;
    for (const [map, max] of [
      [this.candidates, this.bounds.candidates],
      [this.learned, this.bounds.learned],
      [this.clusters, this.bounds.clusters ?? MAX_CLUSTERS],
    ] as const) {
      const excess = map.size - max;
      if (excess <= 0) continue;
      for (const key of [...map.keys()].slice(0, excess)) map.delete(key);
      if (map === this.learned) learnedEvicted = true;
    }
    return learnedEvicted;
  }
}

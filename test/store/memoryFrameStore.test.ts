// The memory FrameStore that unit tests use keeps the rules of the Redis one (frameStoreSpec.ts).
import { describe } from 'vitest';
import { frameStoreSpec } from '../support/frameStoreSpec.ts';
import { MemoryFrameStore } from '../support/memoryFrameStore.ts';

describe('MemoryFrameStore', () => {
  frameStoreSpec(async (bounds) => {
    const store = new MemoryFrameStore(bounds);
    return { store, other: () => store };
  });
});

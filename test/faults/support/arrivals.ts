// Mail arriving throughout a scenario: `deliver` is called again and again, a gap apart, until
// the test stops it (and waits for the delivery under way). A delivery that fails ends the
// arrivals; `stop` says why. A test that fails before it stops them stops them in its afterAll,
// before the servers go.
export interface Arrivals {
  /** How many deliveries are done. */
  readonly count: number;
  /** Ends the arrivals; throws what made a delivery fail, if one did. */
  stop(): Promise<void>;
}

export function keepArriving(deliver: () => Promise<void>, gapMs: number): Arrivals {
  let stopped = false;
  let count = 0;
  let failure: unknown = null;
  const done = (async () => {
    try {
      while (!stopped) {
        await deliver();
        count++;
        await new Promise((r) => setTimeout(r, gapMs));
      }
    } catch (err) {
      failure = err;
    }
  })();
  return {
    get count() {
      return count;
    },
    stop: async () => {
      stopped = true;
      await done;
      if (failure) throw failure;
    },
  };
}

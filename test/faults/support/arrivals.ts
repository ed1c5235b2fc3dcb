// Mail arriving throughout a scenario: `deliver` is called again and again, a gap apart, until
// the test stops it (and waits for the delivery under way).
export interface Arrivals {
  /** How many deliveries are done. */
  readonly count: number;
  stop(): Promise<void>;
}

export function keepArriving(deliver: () => Promise<void>, gapMs: number): Arrivals {
  let stopped = false;
  let count = 0;
  const done = (async () => {
    while (!stopped) {
      await deliver();
      count++;
      await new Promise((r) => setTimeout(r, gapMs));
    }
  })();
  return {
    get count() {
      return count;
    },
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

// A seeded random source for tests that pick timings and orders at random: the seed is printed,
// and TEST_SEED=<seed> replays a failing run exactly.

/** A random source drawn from `label`'s seed, printed so that a failing run can be replayed. */
export function seededRandom(label: string): () => number {
  const seed = Number(process.env.TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`SEED ${label} ${seed} (replay with TEST_SEED=${seed})`);
  return mulberry32(seed);
}

/** mulberry32: small, fast, and good enough to shuffle test input or generate a mailbox. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `items` in an order drawn from `random`. */
export function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

type Random = () => number;

/** One of `items`, drawn from `r`. */
export const pick = <T>(r: Random, items: readonly T[]): T =>
  items[Math.floor(r() * items.length)] as T;

/** True with probability `p`. */
export const chance = (r: Random, p: number): boolean => r() < p;

/** `n` decimal digits, the first never 0 (an id). */
export const digits = (r: Random, n: number): string =>
  Array.from({ length: n }, (_, i) => String(Math.floor(r() * 10) || (i === 0 ? 1 : 0))).join('');

/** `n` characters of a URL-safe token. */
export const token = (r: Random, n: number): string =>
  Array.from({ length: n }, () =>
    pick(r, [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_']),
  ).join('');

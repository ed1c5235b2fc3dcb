// Set up before every unit test file: the seed fast-check draws from. `npm test` (and CI) use a
// fixed one, so the same code passes or fails the same way on every run; `npm run test:explore`
// draws a fresh seed to look for new counterexamples. fast-check prints the seed and path of any
// failure; each one found goes into the property's `examples`, so it is tried on every run after.
import fc from 'fast-check';

const FIXED_SEED = 20261207;
const chosen = process.env.PROPERTY_SEED;
const seed =
  chosen === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(chosen ?? FIXED_SEED);
if (!Number.isInteger(seed)) throw new Error(`PROPERTY_SEED must be an integer or "random"`);
fc.configureGlobal({ seed });

/**
 * Throughput of parse+classify over every fixture .eml, next to bare mailparser (simpleParser,
 * default options) on the same bytes in the same process. Rounds alternate between the two so
 * drift (thermal, GC, other load) hits both alike; the median round counts.
 *
 *   npm run bench                         # 15 rounds of each, 4 passes over the corpus per round
 *   BENCH_ROUNDS=30 BENCH_PASSES=8 npm run bench
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { classify } from '../src/classify/classify.ts';
import { loadRules } from '../src/config/load.ts';
import { UnparseableMessageError } from '../src/errors.ts';
import { parseNotification } from '../src/parse/parseNotification.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PASSES = Number(process.env.BENCH_PASSES ?? 4);
const WARMUP_PASSES = 3;

const root = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const rules = await loadRules(fileURLToPath(new URL('../config/wherewemet.yaml', import.meta.url)));

function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return emlFiles(path);
    return name.endsWith('.eml') ? [path] : [];
  });
}

const corpus = emlFiles(root)
  .sort()
  .map((path) => readFileSync(path));
const corpusBytes = corpus.reduce((sum, raw) => sum + raw.length, 0);

/** Ours: what the worker does with each message. Refusals are part of the work, not failures. */
async function ours(raw: Buffer): Promise<void> {
  try {
    classify(await parseNotification(raw), rules);
  } catch (err) {
    if (!(err instanceof UnparseableMessageError)) throw err;
  }
}

async function bare(raw: Buffer): Promise<void> {
  try {
    await simpleParser(raw);
  } catch {
    // mailparser rejects the same unreadable fixtures; that is work done too.
  }
}

/** Messages per second for `passes` passes over the corpus. */
async function round(work: (raw: Buffer) => Promise<void>, passes: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let pass = 0; pass < passes; pass++) {
    for (const raw of corpus) await work(raw);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return (passes * corpus.length) / seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

await round(ours, WARMUP_PASSES);
await round(bare, WARMUP_PASSES);
const oursRates: number[] = [];
const bareRates: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  oursRates.push(await round(ours, PASSES));
  bareRates.push(await round(bare, PASSES));
}

const oursRate = median(oursRates);
const bareRate = median(bareRates);
const spread = (rates: number[]) =>
  `${Math.round(Math.min(...rates))}-${Math.round(Math.max(...rates))}`;
console.log(
  `node ${process.version}, ${corpus.length} messages (${(corpusBytes / 1024).toFixed(0)} KiB),`,
);
console.log(
  `${ROUNDS} rounds x ${PASSES} passes each = ${ROUNDS * PASSES * corpus.length} messages per side`,
);
console.log(
  `parse+classify:      ${oursRate.toFixed(0)} messages/s (rounds: ${spread(oursRates)})`,
);
console.log(
  `simpleParser (bare): ${bareRate.toFixed(0)} messages/s (rounds: ${spread(bareRates)})`,
);
// Each round of ours ran next to one of bare, under the same load: their ratio is the fairer one.
const pairedRatio = median(oursRates.map((rate, i) => rate / (bareRates[i] ?? rate)));
console.log(`ratio ours/bare:     ${(oursRate / bareRate).toFixed(2)} (of medians)`);
console.log(`                     ${pairedRatio.toFixed(2)} (median of paired rounds)`);

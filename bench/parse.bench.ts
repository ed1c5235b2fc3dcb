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
import { loadConfig } from '../src/config/load.ts';
import { UnparseableMessageError } from '../src/errors.ts';
import { parseNotification } from '../src/parse/parseNotification.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PASSES = Number(process.env.BENCH_PASSES ?? 4);
const WARMUP_PASSES = 3;

const root = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const { rules } = await loadConfig(
  fileURLToPath(new URL('../config/wherewemet.yaml', import.meta.url)),
);

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

interface Rate {
  /** Messages per second of elapsed time. */
  wall: number;
  /** Messages per second of this process's CPU time: steadier when other work shares the cores. */
  cpu: number;
}

async function round(work: (raw: Buffer) => Promise<void>, passes: number): Promise<Rate> {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let pass = 0; pass < passes; pass++) {
    for (const raw of corpus) await work(raw);
  }
  const cpu = process.cpuUsage(cpuStart);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const messages = passes * corpus.length;
  return { wall: messages / seconds, cpu: messages / ((cpu.user + cpu.system) / 1e6) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

await round(ours, WARMUP_PASSES);
await round(bare, WARMUP_PASSES);
const oursRates: Rate[] = [];
const bareRates: Rate[] = [];
for (let i = 0; i < ROUNDS; i++) {
  oursRates.push(await round(ours, PASSES));
  bareRates.push(await round(bare, PASSES));
}

const kib = (corpusBytes / 1024).toFixed(0);
console.log(`node ${process.version}, ${corpus.length} messages (${kib} KiB)`);
console.log(
  `${ROUNDS} rounds x ${PASSES} passes = ${ROUNDS * PASSES * corpus.length} messages per side`,
);
for (const clock of ['wall', 'cpu'] as const) {
  const oursRate = median(oursRates.map((r) => r[clock]));
  const bareRate = median(bareRates.map((r) => r[clock]));
  // Each round of ours ran next to one of bare, under the same load: their ratio is the fairer one.
  const paired = median(oursRates.map((r, i) => r[clock] / (bareRates[i]?.[clock] ?? r[clock])));
  const spread = (rates: Rate[]) =>
    `${Math.round(Math.min(...rates.map((r) => r[clock])))}-${Math.round(Math.max(...rates.map((r) => r[clock])))}`;
  console.log(`\n${clock === 'wall' ? 'elapsed time' : 'CPU time'} (median of rounds, min-max):`);
  console.log(`  parse+classify:      ${oursRate.toFixed(0)} messages/s (${spread(oursRates)})`);
  console.log(`  simpleParser (bare): ${bareRate.toFixed(0)} messages/s (${spread(bareRates)})`);
  console.log(`  ratio ours/bare:     ${paired.toFixed(2)} (median of paired rounds)`);
}

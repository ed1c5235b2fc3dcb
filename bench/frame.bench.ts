/**
 * The learned frame's size in Redis after 10,000 LinkedIn mails (issue 18): a throwaway
 * redis-server on a free port, the RedisFrameStore as the worker uses it, and lessons made by the
 * real parser from the fixture corpus (test/fixtures/**.eml, verified or not: each verified mail
 * is what ingest would learn from). Every mail also carries shapes no other mail has — a note, a
 * headline, other people's blocks — the growth the bounds exist for, and stands for one of
 * 7,000 inviters (some write twice). Prints the counts, the memory of each key and in all, and
 * the time per lesson.
 *
 *   npx tsx bench/frame.bench.ts [mails]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { type FrameLesson, shapeKey, sourceKey } from '../src/parse/learnedFrame.ts';
import { parseMail } from '../src/parse/parseNotification.ts';
import { startRedis } from '../src/servers/redisServer.ts';
import {
  MAX_CANDIDATES,
  MAX_CLUSTERS,
  MAX_LEARNED,
  RedisFrameStore,
} from '../src/store/frameStore.ts';
import { frameBase } from '../src/store/keys.ts';

const MAILS = Number(process.argv[2] ?? 10_000);
const INVITERS = 7_000;
/** Shapes of a mail that no other mail shares (note lines, headline, location, other people). */
const OWN_SHAPES = 12;

const root = fileURLToPath(new URL('../test/fixtures/', import.meta.url));

function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return emlFiles(file);
    return name.endsWith('.eml') ? [file] : [];
  });
}

async function main() {
  // The shapes each fixture teaches, as ingest computes them (trusting its topmost header).
  const corpus: FrameLesson[] = [];
  for (const file of emlFiles(root)) {
    const raw = readFileSync(file);
    // The user's mail server is the one that wrote the topmost Authentication-Results.
    const server = /^Authentication-Results:\s*([^;\s]+)/im.exec(raw.toString('latin1'))?.[1];
    const { lessons } = await parseMail(raw, { trustedAuthservId: server ?? null }).catch(() => ({
      lessons: [],
    }));
    corpus.push(...lessons);
  }
  if (corpus.length === 0) throw new Error('no fixture teaches anything');
  const server = await startRedis({ appendOnly: false });
  const redis = new Redis(server.url);
  try {
    const prefix = 'bench';
    const store = new RedisFrameStore(redis, prefix);
    const before = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
    const started = process.hrtime.bigint();
    for (let i = 0; i < MAILS; i++) {
      const { cluster, shapes } = corpus[i % corpus.length] as FrameLesson;
      const own = Array.from({ length: OWN_SHAPES }, (_, j) =>
        shapeKey(`mail ${i} segment ${j}`, cluster),
      );
      await store.learn(
        { cluster, source: sourceKey(`inviter-${i % INVITERS}`), shapes: [...shapes, ...own] },
        new Date(1_780_000_000_000 + i * 60_000),
      );
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const after = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
    const counts = await store.counts();
    const keys = ['candidates', 'seen', 'learned', 'counts', 'clusters', 'clusterSeen', 'version'];
    const perKey: Record<string, number> = {};
    for (const k of keys)
      perKey[k] = Number(await redis.memory('USAGE', `${frameBase(prefix)}${k}`, 'SAMPLES', 0));
    const total = Object.values(perKey).reduce((a, b) => a + b, 0);
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
    console.log(
      [
        `mails: ${MAILS} (fixture lessons: ${corpus.length}, ${OWN_SHAPES} own shapes each, ${INVITERS} inviters)`,
        `bounds: ${MAX_CANDIDATES} candidates, ${MAX_LEARNED} learned, ${MAX_CLUSTERS} clusters (fixture clusters: ${new Set(corpus.map((l) => l.cluster)).size})`,
        `candidates: ${counts.candidates}, learned: ${counts.learned}, version: ${counts.version}`,
        ...keys.map((k) => `MEMORY USAGE ${k}: ${kb(perKey[k] ?? 0)}`),
        `keys in all: ${kb(total)} (${(total / 1024 / 1024).toFixed(2)} MiB)`,
        `used_memory grew by: ${kb(after - before)}`,
        `learn: ${(ms / MAILS).toFixed(3)} ms a mail (${ms.toFixed(0)} ms in all)`,
      ].join('\n'),
    );
  } finally {
    redis.disconnect();
    await server.stop();
  }
}

await main();

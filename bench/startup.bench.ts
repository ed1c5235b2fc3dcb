/**
 * What the compiled CLI costs to start and to keep running, beside plain `node` in the same run:
 *   - `wherewemet --help`: median wall time over BENCH_ROUNDS runs (default 20);
 *   - an idle `wherewemet run` (empty mailbox, IDLE on INBOX): resident memory (VmRSS of the node
 *     process) sampled once a second for BENCH_IDLE_SECONDS (default 60) after it reports
 *     connected: the peak, and the settled figure (median of the last third);
 *   - the same two for `node -e` with nothing loaded, and for the tsx loader the CLI ran under
 *     before it was compiled, so the figures can be read as ratios on a noisy machine.
 *
 *   npm run bench:startup
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startDovecot } from '../test/harness/dovecot.ts';
import { startRedis } from '../test/harness/redis.ts';
import { writeConfig } from './support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const root = fileURLToPath(new URL('../', import.meta.url));
const bin = `${root}bin/wherewemet`;
const tsxLoader = `${root}node_modules/tsx/dist/loader.mjs`;

function medianMs(command: string, args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const result = spawnSync(command, args, { stdio: 'ignore' });
    if (result.status !== 0)
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Starts `command`, waits until `ready(stderr)` holds, then samples its RSS; stops it. */
async function idleRss(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: (stderr: string) => boolean,
): Promise<{ median: number; max: number }> {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const deadline = Date.now() + 30_000;
  while (!ready(stderr)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`${command} did not get ready:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const samples: number[] = [];
  for (let i = 0; i < IDLE_SECONDS; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    samples.push(rssMb(child.pid ?? 0));
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  // V8 gives back the start-up garbage only after some seconds of idling (10-15 s here): the
  // settled figure is the median of the last third of the window, the peak the highest sample.
  const settled = samples.slice(Math.floor((samples.length * 2) / 3)).sort((a, b) => a - b);
  return {
    median: settled[Math.floor(settled.length / 2)] ?? Number.NaN,
    max: Math.max(...samples),
  };
}

async function main(): Promise<void> {
  const help = {
    node: medianMs('node', ['-e', '0']),
    tsx: medianMs('node', ['--import', tsxLoader, '-e', '0']),
    cli: medianMs(bin, ['--help']),
  };
  const [dovecot, redis] = await Promise.all([startDovecot(), startRedis({ appendOnly: false })]);
  try {
    const idleNode = await idleRss(
      'node',
      ['-e', 'setInterval(() => {}, 1000); console.error("ready")'],
      {},
      (s) => s.includes('ready'),
    );
    const idleRun = await idleRss(
      bin,
      ['run', '--config', writeConfig({ 'imap.allowPlaintext': true })],
      { IMAP_URL: dovecot.imapUrl(`bench-${Date.now()}`), REDIS_URL: redis.url, LOG_LEVEL: 'info' },
      (s) => s.includes('watching mailbox'),
    );
    const f = (n: number) => n.toFixed(0);
    console.log(`node ${process.version}, ${ROUNDS} rounds, idle sampled ${IDLE_SECONDS} s`);
    console.log(
      `start-up (median):  node -e 0 ${f(help.node)} ms | node + tsx loader ${f(help.tsx)} ms | wherewemet --help ${f(help.cli)} ms (${(help.cli / help.node).toFixed(2)}x node)`,
    );
    console.log(
      `idle RSS (settled, peak):  bare node ${f(idleNode.median)}, ${f(idleNode.max)} MB | wherewemet run ${f(idleRun.median)}, ${f(idleRun.max)} MB (${(idleRun.median / idleNode.median).toFixed(2)}x node)`,
    );
  } finally {
    await Promise.all([dovecot.stop(), redis.stop()]);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

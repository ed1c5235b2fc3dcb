/**
 * One `run` process holding many idle accounts (issue 11), beside a one-account process in the
 * same run: a throwaway Dovecot sized for the sessions (one user per account) and Redis (the test
 * harness), the compiled CLI as child processes with the shipped config's timings. It prints:
 *   - how long the many-account process takes until every account logs "watching mailbox", and
 *     until `status --json` says all are connected (logins are staggered by the supervisor);
 *   - once idle, for BENCH_IDLE_SECONDS: both node processes' VmRSS (sampled once a second,
 *     median), VmHWM (the peak) and CPU share, RSS per account ((many − one) / (accounts − 1)),
 *     and Redis commands per second;
 *   - the IMAP connections each process holds (established TCP connections from its pid to the
 *     Dovecot port, from /proc) and the most sessions any one user has (`doveadm who`), idle and
 *     after the latency rounds;
 *   - arrival-to-draft latency over BENCH_ROUNDS rounds, after one warm-up draft per process:
 *     an invitation to an account of the many-account process that has had none yet ("first"),
 *     one to the one-account process, then another to the same account ("again"), each timed
 *     from its APPEND until that account's Drafts has one more message (STATUS every 10 ms on a
 *     connection of the bench's own); p50/p95/max, the ratios, and each time split at the
 *     process's log lines "a draft is queued" and "draft written".
 *
 *   npm run bench:accounts   (BENCH_ACCOUNTS=1000, BENCH_ROUNDS=30, BENCH_IDLE_SECONDS=20;
 *                             BENCH_COLD_ROUNDS, BENCH_CPU_PROF=DIR, BENCH_VERBOSE=1: see below)
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImapFlow } from 'imapflow';
import { Redis } from 'ioredis';
import { parseDocument } from 'yaml';
import { makeInvitations } from '../test/faults/support/invitations.ts';
import { type DovecotServer, startDovecot } from '../test/harness/dovecot.ts';
import { startRedis } from '../test/harness/redis.ts';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
/**
 * BENCH_COLD_ROUNDS (default 0): after the rounds, this many more with 70 s of quiet before each,
 * so that the one-account process has closed its second connection and queue worker too (they
 * close after 60 s unused), as an account of the many-account process has before its first
 * invitation: both sides cold.
 */
const COLD_ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 0);
const QUIET_MS = 70_000;
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 20);
/** Generous: the supervisor starts at most ~20 accounts a second. */
const CONNECT_TIMEOUT_MS = Number(process.env.BENCH_CONNECT_TIMEOUT_S ?? ACCOUNTS / 5 + 120) * 1000;
const DRAFT_TIMEOUT_MS = 60_000;
// BENCH_CPU_PROF=DIR: a V8 CPU profile of the many-account process, written as it exits.
// BENCH_VERBOSE=1: every measured time as JSON at the end.

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = `${root}bin/wherewemet`;

// --- config --------------------------------------------------------------------------------------

function writeConfig(dir: string, name: string, changes: Record<string, unknown>): string {
  const doc = parseDocument(readFileSync(`${root}config/wherewemet.yaml`, 'utf8'));
  for (const [key, value] of Object.entries(changes)) doc.setIn(key.split('.'), value);
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, doc.toString());
  return file;
}

function accountsConfig(dir: string, name: string, dovecot: DovecotServer, users: string[]) {
  return writeConfig(dir, name, {
    'imap.allowPlaintext': true,
    'authenticity.verifyDkim': false,
    'me.name': 'Bench Tester',
    'redis.prefix': `bench-${name}`,
    accounts: users.map((user, i) => ({ id: `${name}${i}`, imap: { url: dovecot.imapUrl(user) } })),
  });
}

// --- processes -----------------------------------------------------------------------------------

interface Worker {
  child: ChildProcess;
  pid: number;
  startedAt: number;
  /** Accounts that logged "watching mailbox", with when (ms after start) the first time. */
  watching: Map<string, number>;
  /** Per account, when (epoch ms, from the log) its latest invitation was queued and drafted. */
  drafted: Map<string, { queued?: number; written?: number }>;
  tail: string[];
  exited: Promise<void>;
}

function startRun(config: string, redisUrl: string, nodeFlags: string[] = []): Worker {
  const env = { ...process.env, REDIS_URL: redisUrl, IMAP_URL: '', LOG_LEVEL: 'info' };
  // bin/wherewemet execs node on dist/; flags such as --cpu-prof need node itself.
  const child =
    nodeFlags.length === 0
      ? spawn(bin, ['run', '--config', config], { env, stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn(
          'node',
          [...nodeFlags, `${root}dist/workers/wherewemet.js`, 'run', '--config', config],
          {
            env,
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
  const worker: Worker = {
    child,
    pid: child.pid ?? 0,
    startedAt: performance.now(),
    watching: new Map(),
    drafted: new Map(),
    tail: [],
    exited: new Promise((r) => child.once('exit', () => r())),
  };
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      worker.tail.push(line);
      if (worker.tail.length > 40) worker.tail.shift();
      if (!/watching mailbox|a draft is queued|draft written/.test(line)) continue;
      try {
        const entry = JSON.parse(line) as { account?: string; msg?: string; time?: number };
        const { account, msg = '', time } = entry;
        if (!account) continue;
        if (msg === 'watching mailbox') {
          if (!worker.watching.has(account))
            worker.watching.set(account, performance.now() - worker.startedAt);
        } else {
          const seen = worker.drafted.get(account) ?? {};
          if (msg.includes('a draft is queued')) seen.queued = time;
          else seen.written = time;
          worker.drafted.set(account, seen);
        }
      } catch {
        // Not a JSON line.
      }
    }
  });
  return worker;
}

async function stopRun(worker: Worker): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGTERM');
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), 60_000);
  await worker.exited;
  clearTimeout(timer);
}

function allConnected(config: string, redisUrl: string): { connected: boolean; count: number } {
  const result = spawnSync(bin, ['status', '--json', '--config', config], {
    env: { ...process.env, REDIS_URL: redisUrl, IMAP_URL: '', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  try {
    const report = JSON.parse(result.stdout) as {
      connected: boolean;
      accounts: Array<{ connected: boolean }>;
    };
    return {
      connected: report.connected,
      count: report.accounts.filter((a) => a.connected).length,
    };
  } catch {
    return { connected: false, count: 0 };
  }
}

async function waitConnected(worker: Worker, config: string, redisUrl: string, n: number) {
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  let lastReport = 0;
  for (;;) {
    if (worker.child.exitCode !== null)
      throw new Error(`run exited ${worker.child.exitCode}:\n${worker.tail.join('\n')}`);
    if (worker.watching.size >= n) {
      const status = allConnected(config, redisUrl);
      if (status.connected) return performance.now() - worker.startedAt;
    }
    if (Date.now() > deadline)
      throw new Error(
        `only ${worker.watching.size} of ${n} accounts watching after ${CONNECT_TIMEOUT_MS / 1000} s:\n${worker.tail.join('\n')}`,
      );
    if (n > 1 && Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      console.error(`  … ${worker.watching.size} of ${n} watching`);
    }
    await sleep(n > 1 ? 500 : 100);
  }
}

// --- measurements --------------------------------------------------------------------------------

function memoryKb(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Established TCP connections from `pid` to 127.0.0.1:`port` (its sockets, in /proc/net/tcp). */
function connectionsTo(pid: number, port: number): number {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // Closed while we looked.
    }
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // sl local_address rem_address st … inode (field 9)
    if (f.length < 10 || f[3] !== '01') continue;
    if (f[2]?.split(':')[1] === hexPort && inodes.has(f[9] as string)) count++;
  }
  return count;
}

/** IMAP sessions per user, as Dovecot counts them (`doveadm who`). */
function sessionsPerUser(dovecot: DovecotServer): Map<string, number> {
  const out = execFileSync('doveadm', ['-c', path.join(dovecot.dir, 'dovecot.conf'), 'who'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const users = new Map<string, number>();
  for (const line of out.split('\n').slice(1)) {
    const [user, count] = line.trim().split(/\s+/);
    if (user && count) users.set(user, (users.get(user) ?? 0) + Number(count));
  }
  return users;
}

function maxSessions(sessions: Map<string, number>, users: string[]): number {
  return Math.max(0, ...users.map((u) => sessions.get(u) ?? 0));
}

/** Calls per command from INFO commandstats ("cmdstat_get:calls=12,…"). */
function commandCounts(info: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    counts.set(match[1] as string, Number(match[2]));
  return counts;
}

/** CPU time (user + system) of a process so far, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After "(comm) ": state is field 3, utime and stime fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

interface Idle {
  /** Median VmRSS over the samples, kB. */
  rss: number;
  /** VmHWM at the end, kB. */
  hwm: number;
  /** CPU used over the window, as % of one core. */
  cpu: number;
}

/** Samples the processes' memory once a second; medians of VmRSS, last VmHWM, CPU share. */
async function sampleIdle(pids: number[]): Promise<Idle[]> {
  const samples: number[][] = pids.map(() => []);
  const cpuBefore = pids.map(cpuSeconds);
  const start = performance.now();
  for (let i = 0; i < IDLE_SECONDS; i++) {
    await sleep(1000);
    pids.forEach((pid, j) => {
      samples[j]?.push(memoryKb(pid).rss);
    });
  }
  const seconds = (performance.now() - start) / 1000;
  return pids.map((pid, j) => ({
    rss: median(samples[j] ?? []),
    hwm: memoryKb(pid).hwm,
    cpu: (100 * (cpuSeconds(pid) - (cpuBefore[j] ?? 0))) / seconds,
  }));
}

interface Timed {
  ms: number;
  /** Epoch ms just before the APPEND. */
  appendedAt: number;
}

async function draftLatency(dovecot: DovecotServer, user: string, raw: Buffer): Promise<Timed> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user, pass: dovecot.password },
    logger: false,
  });
  await client.connect();
  try {
    const drafts = async () => {
      const status = await client.status('Drafts', { messages: true });
      return status === false ? 0 : (status.messages ?? 0);
    };
    const before = await drafts();
    const appendedAt = Date.now();
    const arrived = performance.now();
    await client.append('INBOX', raw);
    while ((await drafts()) === before) {
      if (performance.now() - arrived > DRAFT_TIMEOUT_MS)
        throw new Error(`no draft for ${user} after ${DRAFT_TIMEOUT_MS / 1000} s`);
      await sleep(10);
    }
    return { ms: performance.now() - arrived, appendedAt };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

// --- helpers -------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** `count` distinct invitations (makeInvitations makes at most 100 per series). */
function invitations(count: number, firstSeries: number): Buffer[] {
  const out: Buffer[] = [];
  for (let series = firstSeries; out.length < count; series++)
    out.push(...makeInvitations(Math.min(100, count - out.length), series).map((i) => i.raw));
  return out;
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const mb = (kb: number) => (kb / 1024).toFixed(0);

// --- the run -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (ROUNDS >= ACCOUNTS) throw new Error('BENCH_ROUNDS must be below BENCH_ACCOUNTS');
  const stamp = Date.now().toString(36);
  const manyUsers = Array.from({ length: ACCOUNTS }, (_, i) => `many-${stamp}-${i}`);
  const oneUser = `one-${stamp}`;
  // Two sessions per account at most, the one-account process's, and the bench's own.
  const dovecot = await startDovecot({ maxConnections: 2 * ACCOUNTS + 100 });
  const redis = await startRedis({ appendOnly: false });
  const dir = path.join(dovecot.dir, 'bench');
  execFileSync('mkdir', ['-p', dir]);
  const oneConfig = accountsConfig(dir, 'one', dovecot, [oneUser]);
  const manyConfig = accountsConfig(dir, 'many', dovecot, manyUsers);
  const workers: Worker[] = [];
  try {
    console.log(
      `${ACCOUNTS} accounts, ${ROUNDS} invitations per side, idle sampled ${IDLE_SECONDS} s; node ${process.version}, ${os.cpus().length} cores, ulimit -n ${execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()}`,
    );
    const one = startRun(oneConfig, redis.url);
    workers.push(one);
    const oneConnectMs = await waitConnected(one, oneConfig, redis.url, 1);

    // BENCH_CPU_PROF=DIR: a V8 CPU profile of the many-account process, written as it exits.
    const profile = process.env.BENCH_CPU_PROF;
    const many = startRun(
      manyConfig,
      redis.url,
      profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [],
    );
    workers.push(many);
    const manyConnectMs = await waitConnected(many, manyConfig, redis.url, ACCOUNTS);
    const lastWatching = Math.max(...many.watching.values());
    console.log(
      `connected: one account in ${(oneConnectMs / 1000).toFixed(1)} s; ${ACCOUNTS} accounts all watching ${(lastWatching / 1000).toFixed(1)} s after start (status --json all connected at ${(manyConnectMs / 1000).toFixed(1)} s), ${(ACCOUNTS / (lastWatching / 1000)).toFixed(1)} accounts/s`,
    );

    // Past the first catch-ups and their one-off work: idle as it will stay.
    await sleep(5000);
    const redisClient = new Redis(redis.url, { lazyConnect: true });
    await redisClient.connect();
    const commandsBefore = commandCounts(await redisClient.info('commandstats'));
    const idleStart = performance.now();
    const [oneMem, manyMem] = (await sampleIdle([one.pid, many.pid])) as [Idle, Idle];
    const idleSeconds = (performance.now() - idleStart) / 1000;
    const commandsAfter = commandCounts(await redisClient.info('commandstats'));
    await redisClient.quit();
    const perSecond = [...commandsAfter.entries()]
      .map(([name, n]) => [name, (n - (commandsBefore.get(name) ?? 0)) / idleSeconds] as const)
      .filter(([, rate]) => rate > 0)
      .sort((x, y) => y[1] - x[1]);
    const totalRate = perSecond.reduce((sum, [, rate]) => sum + rate, 0);
    const perAccountKb = (manyMem.rss - oneMem.rss) / Math.max(1, ACCOUNTS - 1);
    console.log(
      `idle RSS (median of ${IDLE_SECONDS} s): one account ${mb(oneMem.rss)} MB (peak ${mb(oneMem.hwm)}) | ${ACCOUNTS} accounts ${mb(manyMem.rss)} MB (peak ${mb(manyMem.hwm)}) | per account ${perAccountKb.toFixed(0)} KB; target ≤ 1024 MB: ${manyMem.hwm <= 1024 * 1024 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `idle CPU (same ${IDLE_SECONDS} s, % of one core): one account ${oneMem.cpu.toFixed(1)} % | ${ACCOUNTS} accounts ${manyMem.cpu.toFixed(1)} %; Redis commands, both processes: ${totalRate.toFixed(0)}/s (${perSecond
        .slice(0, 6)
        .map(([name, rate]) => `${name} ${rate.toFixed(0)}`)
        .join(', ')})`,
    );
    const idleSessions = sessionsPerUser(dovecot);
    console.log(
      `IMAP connections idle: one-account process ${connectionsTo(one.pid, dovecot.port)}, ${ACCOUNTS}-account process ${connectionsTo(many.pid, dovecot.port)} (${(connectionsTo(many.pid, dovecot.port) / ACCOUNTS).toFixed(2)} per account); most sessions of one user (doveadm who): ${maxSessions(idleSessions, manyUsers)}; Redis connections: ${connectionsTo(one.pid, redis.port)} and ${connectionsTo(many.pid, redis.port)}`,
    );

    // A different account each round, and one more for the warm-up.
    const [warmUser, ...chosen] = shuffled(manyUsers).slice(0, ROUNDS + COLD_ROUNDS + 1) as [
      string,
      ...string[],
    ];
    const manyRaw = invitations(2 * ROUNDS + COLD_ROUNDS + 1, 0);
    const oneRaw = invitations(ROUNDS + COLD_ROUNDS + 1, 50);
    // Each process's first draft loads the drafting code (imported on first use): timed, not counted.
    const warm = {
      many: (await draftLatency(dovecot, warmUser, manyRaw.pop() as Buffer)).ms,
      one: (await draftLatency(dovecot, oneUser, oneRaw.pop() as Buffer)).ms,
    };
    console.log(
      `first draft of each process (warm-up, not counted): ${ACCOUNTS} accounts ${warm.many.toFixed(0)} ms, one account ${warm.one.toFixed(0)} ms`,
    );
    await sleep(300);
    // Each round: an account of the many-account process that has had no mail yet (its second
    // connection and queue worker are opened for it) and the one-account process, in alternating
    // order; then the same account again while those are still open ("again").
    const latency = { many: [] as number[], one: [] as number[], again: [] as number[] };
    // From the process's own log: APPEND to "a draft is queued" (IDLE notice, fetch, parse,
    // classify) and from there to "draft written" (queue worker, second connection, APPEND).
    const phases = {
      many: { found: [] as number[], written: [] as number[] },
      one: { found: [] as number[], written: [] as number[] },
      again: { found: [] as number[], written: [] as number[] },
    };
    const accountOf = (user: string) =>
      user === oneUser ? 'one0' : `many${manyUsers.indexOf(user)}`;
    let maxSessionsDuring = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const sides = i % 2 === 0 ? (['many', 'one'] as const) : (['one', 'many'] as const);
      for (const side of [...sides, 'again'] as const) {
        const user = side === 'one' ? oneUser : (chosen[i] as string);
        const raw = (
          side === 'one' ? oneRaw[i] : manyRaw[2 * i + (side === 'again' ? 1 : 0)]
        ) as Buffer;
        const timed = await draftLatency(dovecot, user, raw);
        latency[side].push(timed.ms);
        await sleep(300);
        const seen = (side === 'one' ? one : many).drafted.get(accountOf(user));
        if (seen?.queued !== undefined && seen.written !== undefined) {
          phases[side].found.push(seen.queued - timed.appendedAt);
          phases[side].written.push(seen.written - seen.queued);
        }
      }
      if (i % 10 === 9)
        maxSessionsDuring = Math.max(
          maxSessionsDuring,
          maxSessions(sessionsPerUser(dovecot), manyUsers),
        );
    }
    const cold = { many: [] as number[], one: [] as number[] };
    for (let i = 0; i < COLD_ROUNDS; i++) {
      await sleep(QUIET_MS);
      cold.one.push((await draftLatency(dovecot, oneUser, oneRaw[ROUNDS + i] as Buffer)).ms);
      await sleep(300);
      const user = chosen[ROUNDS + i] as string;
      cold.many.push((await draftLatency(dovecot, user, manyRaw[2 * ROUNDS + i] as Buffer)).ms);
    }
    const afterSessions = sessionsPerUser(dovecot);
    const manyConnections = connectionsTo(many.pid, dovecot.port);
    const after = memoryKb(many.pid);
    const stat = (v: number[]) => ({
      p50: quantile(v, 0.5),
      p95: quantile(v, 0.95),
      max: quantile(v, 1),
    });
    const m = stat(latency.many);
    const o = stat(latency.one);
    const a = stat(latency.again);
    const f = (n: number) => n.toFixed(0);
    const line = (name: string, v: { p50: number; p95: number; max: number }) =>
      `${name}: p50 ${f(v.p50)} ms, p95 ${f(v.p95)} ms, max ${f(v.max)} ms`;
    console.log(`arrival → draft, ${ROUNDS} invitations each:`);
    console.log(`  ${line(`${ACCOUNTS}-account process, an account's first invitation`, m)}`);
    console.log(`  ${line(`${ACCOUNTS}-account process, the same account again`, a)}`);
    console.log(`  ${line('one-account process', o)}`);
    for (const side of ['many', 'again', 'one'] as const)
      console.log(
        `  ${side}: APPEND → "a draft is queued" p50 ${f(quantile(phases[side].found, 0.5))} ms, p95 ${f(quantile(phases[side].found, 0.95))} ms; → "draft written" p50 ${f(quantile(phases[side].written, 0.5))} ms, p95 ${f(quantile(phases[side].written, 0.95))} ms (${phases[side].found.length} seen in the log)`,
      );
    console.log(
      `  ratio to one account, p50 / p95: first invitation ${(m.p50 / o.p50).toFixed(2)}x / ${(m.p95 / o.p95).toFixed(2)}x, again ${(a.p50 / o.p50).toFixed(2)}x / ${(a.p95 / o.p95).toFixed(2)}x; target p95 ≤ 1.2x: ${m.p95 <= 1.2 * o.p95 && a.p95 <= 1.2 * o.p95 ? 'met' : 'NOT met'}`,
    );
    if (COLD_ROUNDS > 0)
      console.log(
        `  after ${QUIET_MS / 1000} s of quiet, ${COLD_ROUNDS} rounds: one-account process ${cold.one.map(f).join(', ')} ms (median ${f(median(cold.one))}) | ${ACCOUNTS}-account process, an account's first invitation ${cold.many.map(f).join(', ')} ms (median ${f(median(cold.many))})`,
      );
    console.log(
      `after the rounds: ${ACCOUNTS}-account process ${manyConnections} IMAP connections, RSS ${mb(after.rss)} MB (peak ${mb(after.hwm)}); most sessions of one user every 10 rounds / after the rounds (doveadm who): ${maxSessionsDuring}/${maxSessions(afterSessions, manyUsers)}`,
    );
    if (process.env.BENCH_VERBOSE)
      console.log(
        JSON.stringify({ latency, cold, phases, watchingMs: [...many.watching.values()] }),
      );
  } finally {
    for (const w of workers.reverse()) await stopRun(w);
    await Promise.all([dovecot.stop(), redis.stop()]);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

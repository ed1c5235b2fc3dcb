/**
 * wherewemet against a bare imapflow + mailparser script (bench/bare.ts), in one run, on a
 * generated mailbox (bench/mailbox.ts: 20,000 messages, 1,000 invitations from distinct people,
 * 1,000 other LinkedIn emails):
 *
 *   1. first run: `wherewemet run --once` (fresh Redis prefix) and `bare.js` (one pass), each on
 *      a fresh user holding the whole mailbox: wall seconds, peak RSS (VmHWM of the node process),
 *      CPU seconds, and bytes the server sent, counted by a TCP proxy in front of Dovecot. Each
 *      must leave exactly one draft per invitation in Drafts.
 *   2. arrival to draft: `wherewemet run` and `bare.js --idle` idling on the users of the first
 *      run; BENCH_ARRIVALS invitations appended one at a time, each after another LinkedIn email,
 *      and the time from APPEND to the draft's appearance in Drafts (STATUS every 10 ms).
 *
 * The contenders alternate (which goes first changes every round) over BENCH_ROUNDS rounds, on the
 * same throwaway Dovecot and Redis (the test harness); the figures are medians over the rounds and
 * the ratios are medians of the ratios of each round (pairs that ran under the same load).
 *
 *   npm run bench      BENCH_ROUNDS=4 BENCH_MESSAGES=20000 BENCH_INVITATIONS=1000
 *                      BENCH_OTHER_LINKEDIN=1000 BENCH_ARRIVALS=20 BENCH_SETTLE_SECONDS=10
 *
 * BENCH_PROFILE=<dir> has each contender's first run write a V8 CPU profile (`node --cpu-prof`)
 * into <dir>/<contender>/; bench/profile.ts summarises one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { INVITATION_HEADER } from '../src/draft/headers.ts';
import { makeInvitations } from '../test/faults/support/invitations.ts';
import { type DovecotServer, startDovecot } from '../test/harness/dovecot.ts';
import { startRedis } from '../test/harness/redis.ts';
import { generateCorpus } from './mailbox.ts';
import { BIN, imap, MAIL_GID, MAIL_UID, prepareUser, root, writeConfig } from './support.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ROUNDS = env('BENCH_ROUNDS', 4);
const SPEC = {
  messages: env('BENCH_MESSAGES', 20_000),
  invitations: env('BENCH_INVITATIONS', 1000),
  otherLinkedIn: env('BENCH_OTHER_LINKEDIN', 1000),
};
const ARRIVALS = Math.min(100, env('BENCH_ARRIVALS', 20));
const SETTLE_SECONDS = env('BENCH_SETTLE_SECONDS', 10);
const PROFILE_DIR = process.env.BENCH_PROFILE;
/** What bin/wherewemet runs. */
const CLI = path.join(root, 'dist/workers/wherewemet.js');

type Contender = 'wherewemet' | 'bare';
const CONTENDERS: Contender[] = ['bare', 'wherewemet'];

/** bench/bare.ts as plain JavaScript, so that it runs under bare `node` as dist/ does. */
function compileBare(): string {
  const dir = path.join(root, 'node_modules/.cache/wherewemet-bench');
  mkdirSync(dir, { recursive: true });
  const source = readFileSync(path.join(root, 'bench/bare.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = path.join(dir, 'bare.mjs');
  writeFileSync(file, outputText);
  return file;
}

/** A client command line (not a line of an APPEND literal), and whether it fetches whole messages. */
const COMMAND =
  /^\S+ (?:UID )?(FETCH|SEARCH|APPEND|STATUS|SELECT|EXAMINE|LIST|LSUB|NOOP|IDLE|AUTHENTICATE|LOGIN|ID|ENABLE|NAMESPACE|LOGOUT|STORE|COPY|MOVE|EXPUNGE|CLOSE|CAPABILITY)\b(.*)$/i;

/**
 * A TCP proxy in front of Dovecot that counts the bytes each way, and of those from the server,
 * the ones that answer a FETCH of whole messages (BODY[] or BODY.PEEK[]: the bodies downloaded).
 * The server's bytes are put down to the client's latest command on that connection.
 */
async function meteringProxy(target: number) {
  const counts = { fromServer: 0, fromClient: 0, bodies: 0, connections: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    counts.connections++;
    const upstream = net.connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    let fetchingBodies = false;
    upstream.on('data', (d: Buffer) => {
      counts.fromServer += d.length;
      if (fetchingBodies) counts.bodies += d.length;
    });
    client.on('data', (d: Buffer) => {
      counts.fromClient += d.length;
      for (const line of d.toString('latin1').split('\r\n')) {
        const command = COMMAND.exec(line);
        if (command)
          fetchingBodies =
            command[1]?.toUpperCase() === 'FETCH' && /BODY(\.PEEK)?\[\]/i.test(command[2] ?? '');
      }
    });
    upstream.pipe(client);
    client.pipe(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    counts,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function procStatus(pid: number): { hwmKb: number; cpuSeconds: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    return {
      hwmKb: Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0),
      cpuSeconds: ticks / 100,
    };
  } catch {
    return null;
  }
}

/** Drafts in the user's Drafts folder, and how many distinct invitations they answer. */
async function countDrafts(dovecot: DovecotServer, user: string) {
  const client = imap(dovecot, user);
  await client.connect();
  const keys = new Map<string, number>();
  let total = 0;
  const lock = await client.getMailboxLock('Drafts', { readOnly: true });
  try {
    if (client.mailbox && client.mailbox.exists > 0) {
      for await (const m of client.fetch('1:*', {
        headers: [INVITATION_HEADER, 'in-reply-to'],
      })) {
        total++;
        const h = m.headers?.toString() ?? '';
        const key =
          new RegExp(`^${INVITATION_HEADER}:\\s*(\\S+)`, 'im').exec(h)?.[1] ??
          /^in-reply-to:\s*(\S+)/im.exec(h)?.[1] ??
          '?';
        keys.set(key, (keys.get(key) ?? 0) + 1);
      }
    }
  } finally {
    lock.release();
    await client.logout();
  }
  return { total, distinct: keys.size };
}

interface FirstRun {
  seconds: number;
  peakRssMb: number;
  cpuSeconds: number;
  bytesFromServer: number;
  bodyBytes: number;
  bytesFromClient: number;
  connections: number;
  drafts: number;
  distinct: number;
}

const configs = new Map<string, string>();
/** VmRSS of each idling contender just before the arrivals, per round. */
const idleRssMb: Record<Contender, number[]> = { bare: [], wherewemet: [] };

/**
 * The service's config for a benchmark user: a Redis prefix of its own, kept from the first run
 * to the idling one (which then resumes where the first run stopped). The generated mail has no
 * DKIM signature to check and no DNS to check it with; the bare script checks none either.
 */
function configFor(user: string): string {
  const config =
    configs.get(user) ??
    writeConfig({
      'imap.allowPlaintext': true,
      'redis.prefix': `bench-${user}`,
      'authenticity.verifyDkim': false,
      'me.name': 'Paul Tester',
    });
  configs.set(user, config);
  return config;
}

function spawnContender(
  who: Contender,
  bare: string,
  user: string,
  imapUrl: string,
  redisUrl: string,
  mode: 'once' | 'idle',
): ChildProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, IMAP_URL: imapUrl, REDIS_URL: redisUrl };
  delete childEnv.NODE_OPTIONS;
  // Node refuses --cpu-prof in NODE_OPTIONS: a profiled run starts node itself, as bin/ does.
  const profile =
    PROFILE_DIR && mode === 'once'
      ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR, who)}`]
      : [];
  if (who === 'bare')
    return spawn('node', [...profile, bare, ...(mode === 'once' ? [] : ['--idle'])], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const config = configFor(user);
  const args = ['run', ...(mode === 'once' ? ['--once'] : []), '--config', config];
  return spawn(profile.length ? 'node' : BIN, profile.length ? [...profile, CLI, ...args] : args, {
    env: { ...childEnv, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): () => string {
  let out = '';
  const add = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => out;
}

async function firstRun(
  who: Contender,
  dovecot: DovecotServer,
  redisUrl: string,
  bare: string,
  user: string,
): Promise<FirstRun> {
  const proxy = await meteringProxy(dovecot.port);
  const imapUrl = `imap://${encodeURIComponent(user)}:${dovecot.password}@127.0.0.1:${proxy.port}`;
  const started = performance.now();
  const child = spawnContender(who, bare, user, imapUrl, redisUrl, 'once');
  const output = collect(child);
  let last = { hwmKb: 0, cpuSeconds: 0 };
  const poll = setInterval(() => {
    // A process that has exited but is not yet reaped has no VmHWM: keep the last real sample.
    const sample = child.pid ? procStatus(child.pid) : null;
    if (sample && sample.hwmKb > 0) last = sample;
  }, 20);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(poll);
  await proxy.close();
  if (code !== 0) throw new Error(`${who} exited ${code}:\n${output().slice(-5000)}`);
  const drafts = await countDrafts(dovecot, user);
  return {
    seconds,
    peakRssMb: last.hwmKb / 1024,
    cpuSeconds: last.cpuSeconds,
    bytesFromServer: proxy.counts.fromServer,
    bodyBytes: proxy.counts.bodies,
    bytesFromClient: proxy.counts.fromClient,
    connections: proxy.counts.connections,
    drafts: drafts.total,
    distinct: drafts.distinct,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Arrival-to-draft times (ms) of `arrivals` invitations with `who` idling on `user`. */
async function latency(
  who: Contender,
  dovecot: DovecotServer,
  redisUrl: string,
  bare: string,
  user: string,
  others: Buffer[],
): Promise<number[]> {
  const child = spawnContender(who, bare, user, dovecot.imapUrl(user), redisUrl, 'idle');
  const output = collect(child);
  const ready = who === 'bare' ? 'idling' : 'watching mailbox';
  const deadline = Date.now() + 60_000;
  while (!output().includes(ready)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`${who} did not start idling:\n${output().slice(-5000)}`);
    await sleep(20);
  }
  // The first catch-up (nothing new), and for wherewemet its first look at Drafts and Sent (the
  // 1,000 drafts of the first run), before the arrivals: the steady state, not the start-up.
  await sleep(SETTLE_SECONDS * 1000);
  const idleRss = /VmRSS:\s+(\d+) kB/.exec(
    child.pid ? readFileSync(`/proc/${child.pid}/status`, 'utf8') : '',
  );
  idleRssMb[who].push(Number(idleRss?.[1] ?? Number.NaN) / 1024);
  const client = imap(dovecot, user);
  await client.connect();
  const drafts = async () => {
    const status = await client.status('Drafts', { messages: true });
    return status === false ? 0 : (status.messages ?? 0);
  };
  // A second connection looks in Drafts: STATUS on the selected mailbox may not be fresh.
  const checker = imap(dovecot, user);
  await checker.connect();
  const isAnswered = async (messageId: string) => {
    const lock = await checker.getMailboxLock('Drafts', { readOnly: true });
    try {
      await checker.noop();
      const found = await checker.search({ header: { 'in-reply-to': messageId } }, { uid: true });
      return Array.isArray(found) && found.length > 0;
    } finally {
      lock.release();
    }
  };
  const times: number[] = [];
  try {
    // Series 99: none of these is in the generated mailbox (series 0-9).
    const invitations = makeInvitations(ARRIVALS, 99).map((g) => g.raw);
    for (const [i, raw] of invitations.entries()) {
      await client.append('INBOX', others[i % others.length] as Buffer);
      await sleep(200);
      const messageId = /^Message-ID:\s*(\S+)/im.exec(raw.toString('latin1'))?.[1] ?? '';
      let before = await drafts();
      const arrived = performance.now();
      await client.append('INBOX', raw);
      // The count of Drafts changes (STATUS), and the new draft is the reply to this invitation.
      for (;;) {
        if (performance.now() - arrived > 30_000)
          throw new Error(
            `${who}: no draft 30 s after arrival ${i} (exit ${child.exitCode}, drafts ${before}):\n${output().slice(-5000)}`,
          );
        const now = await drafts();
        if (now !== before && (await isAnswered(messageId))) break;
        before = now;
        await sleep(10);
      }
      times.push(performance.now() - arrived);
      await sleep(300);
    }
  } finally {
    await Promise.all([client.logout(), checker.logout()]);
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  }
  return times;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? Number.NaN;
};

async function main(): Promise<void> {
  const bare = compileBare();
  const [dovecot, redis] = await Promise.all([startDovecot(), startRedis({ appendOnly: false })]);
  const corpusDir = path.join(dovecot.dir, 'corpus');
  try {
    let t = performance.now();
    const corpus = generateCorpus(corpusDir, SPEC, MAIL_UID, MAIL_GID);
    console.log(
      `mailbox: ${corpus.files.length} messages, ${(corpus.bytes / 1e6).toFixed(1)} MB (${SPEC.invitations} invitations, ${(corpus.invitationBytes / 1e6).toFixed(2)} MB; ${SPEC.otherLinkedIn} other LinkedIn), generated in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    console.log(
      `node ${process.version}, ${os.cpus().length} cores, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const others = corpus.files
      .map((f) => readFileSync(f))
      .filter((raw) => /^From:.*linkedin\.com/im.test(raw.subarray(0, 2000).toString('latin1')))
      .filter(
        (raw) => !/^X-LinkedIn-Template:.*invite/im.test(raw.subarray(0, 3000).toString('latin1')),
      )
      .slice(0, 50);
    const runs: Record<Contender, FirstRun[]> = { bare: [], wherewemet: [] };
    const waits: Record<Contender, number[][]> = { bare: [], wherewemet: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? CONTENDERS : [...CONTENDERS].reverse();
      const users: Record<string, string> = {};
      for (const who of order) {
        const user = `r${round}-${who}-${Date.now()}`;
        users[who] = user;
        t = performance.now();
        await prepareUser(dovecot, corpus, user);
        const prep = (performance.now() - t) / 1000;
        const result = await firstRun(who, dovecot, redis.url, bare, user);
        runs[who].push(result);
        console.log(
          `round ${round + 1} first run ${who.padEnd(10)} ${result.seconds.toFixed(1)} s, peak RSS ${result.peakRssMb.toFixed(0)} MB, CPU ${result.cpuSeconds.toFixed(1)} s, from server ${(result.bytesFromServer / 1e6).toFixed(2)} MB (bodies ${(result.bodyBytes / 1e6).toFixed(2)}), to server ${(result.bytesFromClient / 1e6).toFixed(2)} MB, ${result.connections} connections, drafts ${result.drafts} (${result.distinct} distinct) [mailbox indexed in ${prep.toFixed(1)} s]`,
        );
        if (result.drafts !== SPEC.invitations || result.distinct !== SPEC.invitations)
          console.log(`  !! ${who}: expected ${SPEC.invitations} drafts, one per invitation`);
      }
      for (const who of order) {
        const times = await latency(who, dovecot, redis.url, bare, users[who] as string, others);
        waits[who].push(times);
        const after = await countDrafts(dovecot, users[who] as string);
        if (after.total !== SPEC.invitations + ARRIVALS || after.distinct !== after.total)
          console.log(
            `  !! ${who}: ${after.total} drafts (${after.distinct} distinct) after the arrivals, expected ${SPEC.invitations + ARRIVALS}`,
          );
        console.log(
          `round ${round + 1} arrival to draft ${who.padEnd(10)} p50 ${quantile(times, 0.5).toFixed(0)} ms, p95 ${quantile(times, 0.95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (${times.length} invitations)`,
        );
      }
      for (const who of order)
        rmSync(path.join(dovecot.dir, 'home', users[who] as string), {
          recursive: true,
          force: true,
        });
    }
    report(runs, waits);
  } finally {
    await Promise.all([dovecot.stop(), redis.stop()]);
  }
}

function report(runs: Record<Contender, FirstRun[]>, waits: Record<Contender, number[][]>): void {
  const rows: Array<[string, (r: FirstRun) => number, number, number | null]> = [
    ['first run, seconds', (r) => r.seconds, 1, 1.25],
    ['first run, peak RSS (MB)', (r) => r.peakRssMb, 0, 1.2],
    ['first run, CPU seconds (node process)', (r) => r.cpuSeconds, 1, null],
    ['first run, MB from the server, all', (r) => r.bytesFromServer / 1e6, 2, null],
    ['first run, MB from the server, answering body FETCHes', (r) => r.bodyBytes / 1e6, 2, 1.1],
    ['first run, MB to the server', (r) => r.bytesFromClient / 1e6, 2, null],
  ];
  console.log(
    '\n| measure (median of rounds) | bare script | wherewemet | ratio (median of rounds) | target |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const [label, get, digits, target] of rows) {
    const ratios = runs.bare.map((b, i) => get(runs.wherewemet[i] as FirstRun) / get(b));
    const ratio = median(ratios);
    console.log(
      `| ${label} | ${median(runs.bare.map(get)).toFixed(digits)} | ${median(runs.wherewemet.map(get)).toFixed(digits)} | ${ratio.toFixed(3)} (${ratios.map((r) => r.toFixed(3)).join(', ')}) | ${target === null ? '' : `≤ ${target}: ${ratio <= target ? 'met' : 'not met'}`} |`,
    );
  }
  for (const [label, q, target] of [
    ['arrival to draft p50 (ms)', 0.5, null],
    ['arrival to draft p95 (ms)', 0.95, 1.1],
  ] as const) {
    const perRound = (who: Contender) => waits[who].map((t) => quantile(t, q));
    const ratios = perRound('bare').map((b, i) => (perRound('wherewemet')[i] as number) / b);
    const ratio = median(ratios);
    const all = (who: Contender) => quantile(waits[who].flat(), q);
    console.log(
      `| ${label}, all rounds pooled | ${all('bare').toFixed(0)} | ${all('wherewemet').toFixed(0)} | ${ratio.toFixed(3)} (${ratios.map((r) => r.toFixed(3)).join(', ')}) | ${target === null ? '' : `≤ ${target}: ${ratio <= target ? 'met' : 'not met'}`} |`,
    );
  }
  const idle = (who: Contender) => median(idleRssMb[who]).toFixed(0);
  console.log(
    `| idle RSS after the first run (MB), before the arrivals | ${idle('bare')} | ${idle('wherewemet')} | ${median(idleRssMb.bare.map((b, i) => (idleRssMb.wherewemet[i] as number) / b)).toFixed(3)} | |`,
  );
  console.log(
    `drafts per first run: bare ${runs.bare.map((r) => r.drafts).join(', ')}; wherewemet ${runs.wherewemet.map((r) => r.drafts).join(', ')}`,
  );
  console.log(JSON.stringify({ spec: SPEC, rounds: ROUNDS, arrivals: ARRIVALS, runs, waits }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * What one invitation costs in Redis (issue 23): a throwaway Redis and Dovecot (the test
 * harness), one user whose INBOX is a generated mailbox (bench/mailbox.ts) of BENCH_MESSAGES
 * messages of which BENCH_INVITATIONS are invitations from distinct people, and:
 *
 *   1. `wherewemet run --once` (the compiled CLI) on it: the commands Redis ran, from
 *      `INFO commandstats` after `CONFIG RESETSTAT` (commands inside Lua scripts included), and
 *      from MONITOR the commands clients sent, each script named (ours and BullMQ's, by SHA-1)
 *      with the commands it ran inside;
 *   2. the memory then: `MEMORY USAGE` of every key, by family, and each invitation's own
 *      footprint (its record with its notification, history and aliases, its share of the
 *      indexes, BullMQ's job keys if any are left) for the pending ones (drafted, awaiting the
 *      user);
 *   3. BENCH_DECIDE of them discarded through the CLI's own code (lifecycle/decide.ts, as
 *      `wherewemet discard ID` does), and the footprint of a decided invitation;
 *   4. `wherewemet run` idling on the same account (the other drafts still pending) for
 *      BENCH_IDLE_SECONDS after 10 s of settling: the commands an idle account costs a second.
 *
 * Prints tables, then one JSON line.
 *
 *   npm run bench:cost     BENCH_MESSAGES=4000 BENCH_INVITATIONS=1000 BENCH_OTHER_LINKEDIN=200
 *                          BENCH_DECIDE=100 BENCH_IDLE_SECONDS=60
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { discardDraft } from '../src/lifecycle/decide.ts';
import { decisionDeps } from '../src/lifecycle/decisionDeps.ts';
import { openLifecycles } from '../src/lifecycle/open.ts';
import { createLogger } from '../src/log.ts';
import { SCRIPTS } from '../src/store/scripts.ts';
import { startDovecot } from '../test/harness/dovecot.ts';
import { startRedis } from '../test/harness/redis.ts';
import { generateCorpus } from './mailbox.ts';
import { BIN, MAIL_GID, MAIL_UID, prepareUser, root, writeConfig } from './support.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SPEC = {
  messages: env('BENCH_MESSAGES', 4000),
  invitations: env('BENCH_INVITATIONS', 1000),
  otherLinkedIn: env('BENCH_OTHER_LINKEDIN', 200),
};
const DECIDE = env('BENCH_DECIDE', 100);
const IDLE_SECONDS = env('BENCH_IDLE_SECONDS', 60);
const PREFIX = 'bench-cost';

/** Script name by SHA-1, as ioredis and BullMQ register them (EVALSHA of the Lua text). */
async function scriptNames(): Promise<Map<string, string>> {
  const sha = (lua: string) => createHash('sha1').update(lua).digest('hex');
  const names = new Map(Object.entries(SCRIPTS).map(([name, lua]) => [sha(lua), name]));
  const dir = path.join(root, 'node_modules/bullmq/dist/esm/scripts');
  for (const file of readdirSync(dir).filter((f) => /^\w+-\d+\.js$/.test(f))) {
    const module = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<
      string,
      { name?: string; content?: string }
    >;
    for (const script of Object.values(module))
      if (script?.name && script.content) names.set(sha(script.content), `bull:${script.name}`);
  }
  return names;
}

/**
 * Commands as MONITOR sees them: by what a client sent (a script by name) → calls, and the
 * commands run inside the scripts it names. Lines of a script follow its EVALSHA: no other
 * command runs while a script does.
 */
interface Tally {
  calls: number;
  inside: number;
  insideBy: Map<string, number>;
}

class CommandTally {
  readonly sent = new Map<string, Tally>();
  private current = '';
  private marks = new Map<string, () => void>();
  /** `own`: the bench's connection, whose commands are not counted. */
  constructor(
    private readonly names: Map<string, string>,
    private readonly own: Redis,
  ) {}

  /** Resolves once MONITOR has shown every command sent before it was called. */
  async caughtUp(): Promise<void> {
    const mark = `bench-mark-${Math.random()}`;
    const seen = new Promise<void>((resolve) => this.marks.set(mark, resolve));
    await this.own.echo(mark);
    await seen;
  }

  see(args: string[], source: string): void {
    const command = (args[0] ?? '').toLowerCase();
    if (source === `127.0.0.1:${this.own.stream.localPort}`) {
      if (command === 'echo') this.marks.get(args[1] ?? '')?.();
      return;
    }
    if (source === 'lua') {
      const entry = this.sent.get(this.current);
      if (entry) {
        entry.inside++;
        entry.insideBy.set(command, (entry.insideBy.get(command) ?? 0) + 1);
      }
      return;
    }
    this.current = this.nameOf(command, args[1] ?? '');
    const entry = this.sent.get(this.current) ?? { calls: 0, inside: 0, insideBy: new Map() };
    entry.calls++;
    this.sent.set(this.current, entry);
  }

  /** A script by its name (EVALSHA by SHA-1, EVAL by its text's), any other command as itself. */
  private nameOf(command: string, first: string): string {
    if (command === 'evalsha') return this.names.get(first) ?? `evalsha ${first}`;
    if (command === 'eval') {
      const sha = createHash('sha1').update(first).digest('hex');
      return this.names.get(sha) ?? 'eval (unknown script)';
    }
    return command;
  }

  reset(): void {
    this.sent.clear();
  }

  total(): { calls: number; inside: number } {
    let calls = 0;
    let inside = 0;
    for (const e of this.sent.values()) {
      calls += e.calls;
      inside += e.inside;
    }
    return { calls, inside };
  }
}

/** `INFO commandstats` as command → calls (scripts' own commands included). */
async function commandStats(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info('commandstats');
  const stats = new Map<string, number>();
  for (const [, name, calls] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    stats.set(name as string, Number(calls));
  // The bench's own: this INFO (counted before it answers), RESETSTAT, and its marks.
  stats.set('info', (stats.get('info') ?? 1) - 1);
  if (!stats.get('info')) stats.delete('info');
  stats.delete('echo');
  stats.delete('config|resetstat');
  return stats;
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? Number.NaN);
}

interface KeyInfo {
  key: string;
  bytes: number;
}

async function allKeys(redis: Redis): Promise<KeyInfo[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
  const sizes = (await pipeline.exec()) ?? [];
  return keys.map((key, i) => ({ key, bytes: Number(sizes[i]?.[1] ?? 0) }));
}

/** `bench-cost:{acct}:inv:abc` → `{account}:inv:*`; BullMQ's job keys → `bull:drafts:<job>…`. */
function familyOf(key: string): string {
  const rest = key.slice(PREFIX.length + 1);
  const tag = /^\{([^}]*)\}:(.*)$/.exec(rest);
  if (!tag) return rest;
  const scope = tag[1] === 'frame' || tag[1] === 'processes' ? `{${tag[1]}}` : '{account}';
  const suffix = tag[2] as string;
  const bull = /^bull:drafts:(draft-[^:]+)(:.*)?$/.exec(suffix);
  if (bull) return `${scope}:bull:drafts:<job>${bull[2] ?? ''}`;
  if (suffix.startsWith('bull:')) return `${scope}:${suffix}`;
  const colon = suffix.indexOf(':');
  return `${scope}:${colon < 0 ? suffix : `${suffix.slice(0, colon)}:*`}`;
}

function familyTable(keys: KeyInfo[]): Array<{ family: string; keys: number; bytes: number }> {
  const families = new Map<string, { keys: number; bytes: number }>();
  for (const { key, bytes } of keys) {
    const f = families.get(familyOf(key)) ?? { keys: 0, bytes: 0 };
    f.keys++;
    f.bytes += bytes;
    families.set(familyOf(key), f);
  }
  return [...families].map(([family, f]) => ({ family, ...f })).sort((a, b) => b.bytes - a.bytes);
}

/** Index sets with one member per invitation: each member's share of the set's memory. */
const INDEXES = ['invitations', 'pending', 'text-expiry', 'unsure', 'provisional', 'asked'];

/**
 * The mean footprint of the invitations `ids`: their own keys (record, history, aliases,
 * BullMQ's job keys, and undo entries, which expire, apart) and their share of the indexes.
 */
async function footprint(redis: Redis, base: string, keys: KeyInfo[], ids: string[]) {
  const bytes = new Map(keys.map((k) => [k.key, k.bytes]));
  const aliasesOf = new Map<string, number>();
  const aliasKeys = keys.filter((k) => k.key.startsWith(`${base}alias:`));
  const owners = aliasKeys.length > 0 ? await redis.mget(...aliasKeys.map((k) => k.key)) : [];
  aliasKeys.forEach((k, i) => {
    const owner = owners[i] ?? '';
    aliasesOf.set(owner, (aliasesOf.get(owner) ?? 0) + k.bytes);
  });
  const shares: Record<string, number> = {};
  for (const index of INDEXES) {
    const members = await redis.zcard(base + index);
    if (members > 0) shares[index] = (bytes.get(base + index) ?? 0) / members;
  }
  const parts = { record: 0, history: 0, aliases: 0, indexes: 0, bullJob: 0, undo: 0 };
  for (const id of ids) {
    parts.record += bytes.get(`${base}inv:${id}`) ?? 0;
    parts.record += bytes.get(`${base}notification:${id}`) ?? 0;
    parts.history += bytes.get(`${base}history:${id}`) ?? 0;
    parts.aliases += aliasesOf.get(id) ?? 0;
    parts.undo += bytes.get(`${base}undo:${id}`) ?? 0;
    for (const suffix of ['', ':logs', ':lock'])
      parts.bullJob += bytes.get(`${base}bull:drafts:draft-${id}${suffix}`) ?? 0;
    for (const index of INDEXES)
      if ((await redis.zscore(base + index, id)) !== null) parts.indexes += shares[index] ?? 0;
  }
  const n = Math.max(1, ids.length);
  const mean = Object.fromEntries(
    Object.entries(parts).map(([k, v]) => [k, Math.round(v / n)]),
  ) as typeof parts;
  return {
    count: ids.length,
    ...mean,
    total: mean.record + mean.history + mean.aliases + mean.indexes + mean.bullJob,
  };
}

function spawnRun(args: string[], imapUrl: string, redisUrl: string) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, IMAP_URL: imapUrl, REDIS_URL: redisUrl };
  delete childEnv.NODE_OPTIONS;
  const child = spawn(BIN, args, {
    env: { ...childEnv, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-20_000);
  });
  return { child, stderr: () => stderr };
}

async function runOnce(config: string, imapUrl: string, redisUrl: string): Promise<number> {
  const started = performance.now();
  const { child, stderr } = spawnRun(['run', '--once', '--config', config], imapUrl, redisUrl);
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`run --once exited ${code}:\n${stderr()}`);
  return (performance.now() - started) / 1000;
}

/** `run` idling on the account: what Redis ran while it did, over IDLE_SECONDS. */
async function idle(
  config: string,
  imapUrl: string,
  redis: Redis,
  redisUrl: string,
  tally: CommandTally,
) {
  const { child, stderr } = spawnRun(['run', '--config', config], imapUrl, redisUrl);
  try {
    const deadline = Date.now() + 60_000;
    while (!stderr().includes('watching mailbox')) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`run did not start watching:\n${stderr()}`);
      await sleep(100);
    }
    await sleep(10_000);
    await redis.config('RESETSTAT');
    await tally.caughtUp();
    tally.reset();
    await sleep(IDLE_SECONDS * 1000);
    const stats = await commandStats(redis);
    await tally.caughtUp();
    return stats;
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Discards the first `count` pending drafts as `wherewemet discard ID` does; their keys. */
async function discardSome(config: string, count: number): Promise<string[]> {
  const lifecycles = await openLifecycles(config, createLogger({ level: 'warn' }));
  try {
    const lifecycle = lifecycles.accounts[0];
    if (!lifecycle) throw new Error('no account');
    const ids = (await lifecycle.store.pendingKeys()).slice(0, count);
    const deps = decisionDeps(lifecycle, 'cli');
    for (const id of ids) await discardDraft(id, deps);
    return ids;
  } finally {
    await lifecycles.close();
  }
}

function printCommands(
  title: string,
  tally: CommandTally,
  stats: Map<string, number>,
  per: number,
  unit = 'invitation',
) {
  const executed = [...stats.values()].reduce((a, b) => a + b, 0);
  const { calls, inside } = tally.total();
  console.log(`\n${title}`);
  console.log(
    `Redis ran ${executed} commands (INFO commandstats, scripts' own included): ${(executed / per).toFixed(1)} per ${unit}; clients sent ${calls} (${(calls / per).toFixed(1)} per ${unit}), scripts ran ${inside} more`,
  );
  console.log(
    `| sent by a client | calls | per ${unit} | commands inside | per ${unit}, with inside |`,
  );
  console.log('| --- | --- | --- | --- | --- |');
  const rows = [...tally.sent].sort(
    (a, b) => b[1].calls + b[1].inside - (a[1].calls + a[1].inside),
  );
  for (const [name, e] of rows)
    console.log(
      `| ${name} | ${e.calls} | ${(e.calls / per).toFixed(2)} | ${e.inside} | ${((e.calls + e.inside) / per).toFixed(2)} |`,
    );
  for (const [name, e] of rows.filter(([, e]) => e.inside > 0).slice(0, 4))
    console.log(
      `inside ${name}, per call: ${[...e.insideBy]
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${c} ${(n / e.calls).toFixed(2)}`)
        .join(', ')}`,
    );
  const byCommand = [...stats].sort((a, b) => b[1] - a[1]);
  console.log(`commandstats: ${byCommand.map(([c, n]) => `${c} ${n}`).join(', ')}`);
}

async function main(): Promise<void> {
  const [dovecot, server] = await Promise.all([startDovecot(), startRedis({ appendOnly: false })]);
  const redis = new Redis(server.url);
  const monitorConnection = new Redis(server.url);
  let monitor: Redis | null = null;
  try {
    const corpus = generateCorpus(path.join(dovecot.dir, 'corpus'), SPEC, MAIL_UID, MAIL_GID);
    const user = `cost-${Date.now()}`;
    await prepareUser(dovecot, corpus, user);
    console.log(
      `mailbox: ${corpus.files.length} messages, ${SPEC.invitations} invitations, ${SPEC.otherLinkedIn} other LinkedIn; node ${process.version}, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const config = writeConfig({
      'imap.allowPlaintext': true,
      'redis.prefix': PREFIX,
      'authenticity.verifyDkim': false,
      'me.name': 'Paul Tester',
    });
    process.env.IMAP_URL = dovecot.imapUrl(user);
    process.env.REDIS_URL = server.url;

    const tally = new CommandTally(await scriptNames(), redis);
    monitor = await monitorConnection.monitor();
    monitor.on('monitor', (_time: string, args: string[], source: string) =>
      tally.see(args, source),
    );
    const memoryBefore = await usedMemory(redis);
    await redis.config('RESETSTAT');
    const seconds = await runOnce(config, dovecot.imapUrl(user), server.url);
    const runStats = await commandStats(redis);
    await tally.caughtUp();
    const memoryAfter = await usedMemory(redis);
    const base = (await redis.keys(`${PREFIX}:*:invitations`))[0]?.replace(/invitations$/, '');
    if (!base) throw new Error('no invitations were recorded');
    const invitations = await redis.zcard(`${base}invitations`);
    const pendingIds = await redis.zrange(`${base}pending`, '0', '-1');
    const runTally = new Map(tally.sent);
    printCommands(
      `run --once: ${seconds.toFixed(1)} s, ${invitations} invitations recorded, ${pendingIds.length} drafts pending`,
      tally,
      runStats,
      invitations,
    );
    const afterRun = await allKeys(redis);
    const sample = await redis.hgetall(`${base}inv:${pendingIds[0]}`);
    console.log(
      `\nfields of one pending record, bytes: ${Object.entries(sample)
        .map(([field, value]) => [field, Buffer.byteLength(value)] as const)
        .sort((a, b) => b[1] - a[1])
        .map(([field, n]) => `${field} ${n}`)
        .join(', ')}`,
    );
    const stored =
      sample.notification ?? (await redis.get(`${base}notification:${pendingIds[0]}`)) ?? '{}';
    console.log(
      `its record: ${await redis.object('ENCODING', `${base}inv:${pendingIds[0]}`)}, its notification: ${Buffer.byteLength(stored)} B`,
    );
    const notification = JSON.parse(stored) as Record<string, unknown>;
    console.log(
      `its notification, bytes of JSON: ${Object.entries(notification)
        .map(([field, value]) => [field, JSON.stringify(value)?.length ?? 0] as const)
        .sort((a, b) => b[1] - a[1])
        .map(([field, n]) => `${field} ${n}`)
        .join(', ')}`,
    );
    const pending = await footprint(redis, base, afterRun, pendingIds);

    tally.reset();
    await redis.config('RESETSTAT');
    const decidedIds = await discardSome(config, DECIDE);
    const decideStats = await commandStats(redis);
    await tally.caughtUp();
    printCommands(`discard of ${decidedIds.length} drafts`, tally, decideStats, decidedIds.length);
    const afterDecide = await allKeys(redis);
    const decided = await footprint(redis, base, afterDecide, decidedIds);

    const families = familyTable(afterRun);
    console.log('\nkeys after run --once, by family');
    console.log('| family | keys | KiB | bytes per invitation |');
    console.log('| --- | --- | --- | --- |');
    for (const f of families)
      console.log(
        `| ${f.family} | ${f.keys} | ${(f.bytes / 1024).toFixed(1)} | ${(f.bytes / invitations).toFixed(0)} |`,
      );
    const bullLeft = families.filter((f) => f.family.includes(':bull:'));
    const account = afterRun.filter((k) => k.key.startsWith(base));
    const accountBytes = account.reduce((a, k) => a + k.bytes, 0);
    console.log(
      `\nused_memory grew by ${((memoryAfter - memoryBefore) / 1024).toFixed(0)} KiB (${((memoryAfter - memoryBefore) / invitations).toFixed(0)} bytes per invitation, the learned frame and allocator overhead included); the account's keys: ${(accountBytes / 1024).toFixed(0)} KiB (${(accountBytes / invitations).toFixed(0)} bytes per invitation)`,
    );
    console.log(
      `BullMQ keys left: ${bullLeft.reduce((a, f) => a + f.keys, 0)} (${bullLeft.map((f) => `${f.family.replace('{account}:', '')} ${f.keys}`).join(', ')})`,
    );
    console.log('\nfootprint of one invitation (mean bytes, MEMORY USAGE)');
    console.log(
      '| state | invitations | record | history | aliases | index shares | BullMQ job | total | undo entry (expires) |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [state, f] of [
      ['pending', pending],
      ['decided (discarded)', decided],
    ] as const)
      console.log(
        `| ${state} | ${f.count} | ${f.record} | ${f.history} | ${f.aliases} | ${f.indexes} | ${f.bullJob} | ${f.total} | ${f.undo} |`,
      );
    const idleStats = await idle(config, dovecot.imapUrl(user), redis, server.url, tally);
    printCommands(
      `one account idling, ${await redis.zcard(`${base}pending`)} drafts pending: per second over ${IDLE_SECONDS} s`,
      tally,
      idleStats,
      IDLE_SECONDS,
      'second',
    );
    const runExecuted = [...runStats.values()].reduce((a, b) => a + b, 0);
    console.log(
      JSON.stringify({
        spec: SPEC,
        seconds,
        invitations,
        pending: pendingIds.length,
        commandsPerInvitation: runExecuted / invitations,
        sentPerInvitation: tallyTotal(runTally) / invitations,
        commandstats: Object.fromEntries(runStats),
        sent: Object.fromEntries(
          [...runTally].map(([name, e]) => [name, { calls: e.calls, inside: e.inside }]),
        ),
        usedMemoryPerInvitation: (memoryAfter - memoryBefore) / invitations,
        accountBytesPerInvitation: accountBytes / invitations,
        footprint: { pending, decided },
        idlePerSecond: [...idleStats.values()].reduce((a, b) => a + b, 0) / IDLE_SECONDS,
        families,
      }),
    );
  } finally {
    monitor?.disconnect();
    monitorConnection.disconnect();
    redis.disconnect();
    await Promise.all([dovecot.stop(), server.stop()]);
  }
}

function tallyTotal(sent: Map<string, { calls: number }>): number {
  return [...sent.values()].reduce((a, e) => a + e.calls, 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

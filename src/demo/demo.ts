/**
 * `wherewemet demo`: the whole product on throwaway servers of its own. It starts a private
 * Redis and Dovecot on free loopback ports, puts sample LinkedIn mail of every kind in a demo
 * mailbox, runs the worker over it once and says what happened, then keeps the worker watching
 * and serves the review page until Ctrl-C, when it stops everything and removes what it made.
 * Nothing leaves this machine, and nothing is ever sent (there is no SMTP server to send to).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ImapFlow } from 'imapflow';
import { Redis } from 'ioredis';
import { parseDocument } from 'yaml';
import { DEFAULT_ACCOUNT_ID } from '../config/accounts.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { allInvitations } from '../lifecycle/listing.ts';
import { createLogger, type Logger } from '../log.ts';
import { PACKAGE_ROOT, SHIPPED_CONFIG_PATH } from '../paths.ts';
import { offerNewLinks, startReview } from '../review/server.ts';
import { type DovecotServer, startDovecot } from '../servers/dovecotServer.ts';
import { findProgram } from '../servers/launch.ts';
import { type RedisServer, startRedis } from '../servers/redisServer.ts';
import { startWatchdog, type Watchdog } from '../servers/watchdog.ts';
import { runService } from '../service/run.ts';
import { Store } from '../store/store.ts';
import { fail } from '../terminal/output.ts';
import { table } from '../terminal/table.ts';
import { cutText, safeInline } from '../text.ts';
import { DEMO_KNOWN_PERSON, FIXTURES_DIR, readDemoMail } from './samples.ts';

const USER = 'demo';
const PREFIX = 'demo';

/** Set once stdout or stderr is gone (the reader of `demo | cat` ended): nothing more is written. */
let outputGone = false;
const say = (line = '') => {
  if (!outputGone) process.stdout.write(`${line}\n`);
};

export async function demoCommand(): Promise<void> {
  const mail = await demoMail();
  if (!mail) return;
  const ending = endOnSignalOrLostOutput();
  // Whatever ends this process, even SIGKILL, the watchdog stops the servers and removes the files.
  const watchdog = startWatchdog();

  // Stopped in two steps, each all at once: the worker and the page, then the servers under them.
  const stopApp: Closers = [];
  const stopServers: Closers = [];
  let dir: string | null = null;
  try {
    dir = await mkdtemp(join(tmpdir(), 'wherewemet-demo-'));
    watchdog.remove(dir);
    const { redis, dovecot } = await startServers(watchdog, stopServers);
    await fillMailbox(redis, dovecot, mail);
    const configPath = join(dir, 'wherewemet.yaml');
    await writeFile(configPath, await demoConfig(dovecot, redis, join(dir, 'state')));
    const config = await loadConfig(configPath);
    const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
    await workOnce(config, log, redis.url);
    await serveUntilStopped(config, configPath, log, ending, stopApp);
  } catch (err) {
    fail(err);
  } finally {
    say('Stopping the demo (a few seconds)...');
    for (const step of [stopApp, stopServers])
      await Promise.allSettled(step.map((close) => close()));
    if (dir) await rm(dir, { recursive: true, force: true });
    watchdog.release();
    say(`Stopped: the demo's servers are gone${dir ? `, and ${dir} is removed` : ''}.`);
    ending.release();
  }
}

type Closers = Array<() => Promise<unknown>>;

/** How the demo ends: `stopped` resolves on a signal, on lost output, or on `stop()`. */
interface Ending {
  stopped: Promise<void>;
  stop(): void;
  /** Stops listening for the signals (after the clean-up). */
  release(): void;
}

/** The sample mail, or null once it has said what is missing (redis-server, Dovecot, samples). */
async function demoMail(): Promise<Buffer[] | null> {
  const missing = ['redis-server', 'dovecot'].filter((program) => !findProgram(program));
  if (missing.length > 0) {
    fail(
      `the demo starts its own ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed: sudo apt-get install redis-server dovecot-imapd (Debian, Ubuntu) or brew install redis dovecot (macOS); or skip the demo and run wherewemet on your own mailbox with Docker (docker compose up, see the README)`,
    );
    return null;
  }
  const mail = await readDemoMail();
  if (!mail)
    fail(
      `the demo's sample mail is in ${FIXTURES_DIR}, which is missing: run it from a clone of the repository`,
    );
  return mail;
}

/** Ctrl-C (or SIGTERM, or the terminal closing) at any point ends the demo the same way. */
function endOnSignalOrLostOutput(): Ending {
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  // Kept until the end: a second Ctrl-C must not cut the clean-up short (the servers would stay).
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, stop);
  // Output that goes away (Ctrl-C on `demo | cat` ends cat first) stops the demo the same way,
  // instead of an EPIPE ending it before it stopped its servers.
  const outputError = (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    outputGone = true;
    stop();
  };
  for (const stream of [process.stdout, process.stderr]) stream.on('error', outputError);
  return {
    stopped,
    stop: () => stop(),
    release: () => {
      for (const signal of signals) process.off(signal, stop);
    },
  };
}

/** The private Redis and Dovecot, each guarded by the watchdog from the moment it runs. */
async function startServers(
  watchdog: Watchdog,
  stopServers: Closers,
): Promise<{ redis: RedisServer; dovecot: DovecotServer }> {
  const servers = await Promise.allSettled([
    startRedis({ detached: true }),
    startDovecot({ detached: true }),
  ]);
  for (const s of servers)
    if (s.status === 'fulfilled') {
      watchdog.guard(s.value.daemon?.child.pid);
      watchdog.remove(s.value.dir);
      stopServers.push(() => stopServer(s.value));
    }
  const [redis, dovecot] = servers.map((s) => {
    if (s.status === 'rejected') throw s.reason;
    return s.value;
  }) as [RedisServer, DovecotServer];
  return { redis, dovecot };
}

async function fillMailbox(redis: RedisServer, dovecot: DovecotServer, mail: Buffer[]) {
  say(
    'wherewemet demo: the whole product on servers of its own, on this machine; nothing leaves it.',
  );
  say(`  Redis    ${redis.url.replace('redis://', '')}  (private to the demo)`);
  say(
    `  Dovecot  127.0.0.1:${dovecot.port}  (a demo mailbox: user ${USER}, password ${dovecot.password})`,
  );
  await deliver(dovecot, mail);
  say(
    `Put ${mail.length} sample emails in its INBOX: LinkedIn invitations of every kind, a reminder, imitations, other LinkedIn mail.`,
  );
}

/** The worker over the samples, as `run --once` does, and what became of each. */
async function workOnce(config: Config, log: Logger, redisUrl: string) {
  const started = Date.now();
  let seen = 0;
  let reminders = 0;
  const once = await runService({
    config,
    log,
    once: true,
    subscribe(events) {
      events.on('message.seen', () => seen++);
      events.on('invitation.classified', (e) => {
        if (!e.created) reminders++;
      });
    },
  });
  if (once.failed.length > 0) throw new Error(once.failed.map((f) => f.reason).join('; '));
  say(
    `Ran the worker over them (as \`wherewemet run --once\` does) in ${((Date.now() - started) / 1000).toFixed(1)} s:`,
  );
  const invitations = await report(redisUrl);
  const others = seen - invitations - reminders;
  if (reminders > 0)
    say(`A reminder of an invitation already seen: no second draft (${reminders}).`);
  if (others > 0) say(`Not invitations, passed over: ${others}.`);
}

/** The review page and the worker watching the mailbox, until the demo ends. */
async function serveUntilStopped(
  config: Config,
  configPath: string,
  log: Logger,
  ending: Ending,
  stopApp: Closers,
) {
  const review = await startReview({ configPath, port: 0 }, log);
  stopApp.push(() => review.stop());
  const stopLinks = offerNewLinks(review.newLink, (link) =>
    say(`New sign-in link: ${link} (one-time)`),
  );
  stopApp.push(async () => stopLinks());
  const live = runService({
    config,
    configPath,
    log,
    once: false,
    stopSignal: ending.stopped,
  }).catch((err: unknown) => {
    fail(err);
    ending.stop();
  });
  stopApp.push(() => live);
  say();
  say(`Review page: ${review.link} (a one-time sign-in link)`);
  say('Approving is off in the demo (it has no SMTP server): edit, discard or mark as replied.');
  const bin = relative(process.cwd(), join(PACKAGE_ROOT, 'bin', 'wherewemet'));
  say(`The CLI on the demo, in another terminal: ./${bin} drafts --config ${configPath}`);
  say('Press Enter for another sign-in link (another browser, a phone).');
  say('The worker keeps watching the demo mailbox. Ctrl-C stops the demo and removes all it made.');
  await ending.stopped;
}

async function stopServer(server: RedisServer | DovecotServer): Promise<void> {
  await server.stop();
  await rm(server.dir, { recursive: true, force: true });
}

async function deliver(dovecot: DovecotServer, mail: Buffer[]): Promise<void> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: USER, pass: dovecot.password },
    logger: false,
  });
  await client.connect();
  try {
    for (const raw of mail) await client.append('INBOX', raw);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** The shipped config, pointed at the demo's servers, with one person the demo user knows. */
async function demoConfig(
  dovecot: DovecotServer,
  redis: RedisServer,
  stateDir: string,
): Promise<string> {
  const doc = parseDocument(await readFile(SHIPPED_CONFIG_PATH, 'utf8'));
  const keys: Record<string, unknown> = {
    'imap.host': dovecot.host,
    'imap.port': dovecot.port,
    'imap.user': USER,
    'imap.password': dovecot.password,
    // The demo's Dovecot has no TLS; it listens on loopback only.
    'imap.secure': false,
    'imap.allowPlaintext': true,
    'redis.url': redis.url,
    'redis.prefix': PREFIX,
    'state.dir': stateDir,
    'me.name': 'Alex Example',
    // Sample mail: no DNS lookups for DKIM keys; the verdicts are those of the server that
    // received the samples, mx.example.net.
    'authenticity.verifyDkim': false,
    'authenticity.trustedAuthservId': 'mx.example.net',
    'rules.knownPeople.names': [DEMO_KNOWN_PERSON],
    'review.port': 0,
  };
  for (const [path, value] of Object.entries(keys)) doc.setIn(path.split('.'), value);
  return doc.toString();
}

/** What became of each invitation, from the demo's Redis; returns how many there are. */
async function report(redisUrl: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const records = await allInvitations(new Store(redis, PREFIX, DEFAULT_ACCOUNT_ID));
    const why = (reasons: string[]) => cutText(safeInline(reasons[0] ?? ''), 70);
    const name = (n: string | null) => safeInline(n ?? '(no name)');
    const drafted = records.filter((r) => r.draftedAt !== null);
    const left = records.filter((r) => r.draftedAt === null && r.category !== 'suspicious');
    const imitations = records.filter((r) => r.category === 'suspicious');
    const section = (title: string, rows: string[][]) => {
      if (rows.length === 0) return;
      say();
      say(title);
      for (const line of table(rows).trimEnd().split('\n')) say(`  ${line}`);
    };
    section(
      `${count(drafted.length, 'draft')} written, in the demo mailbox's Drafts, waiting for you (nothing was sent):`,
      drafted.map((r) => [
        name(r.notification.inviter.name),
        r.category ?? '',
        `template ${r.template ?? '?'}`,
        why(r.reasons),
      ]),
    );
    section(
      `${count(left.length, 'invitation')} left for you to read (no draft):`,
      left.map((r) => [name(r.notification.inviter.name), r.category ?? '', why(r.reasons)]),
    );
    section(
      `${count(imitations.length, 'imitation')} of LinkedIn caught (never answered):`,
      imitations.map((r) => [name(r.notification.inviter.name), why(r.reasons)]),
    );
    say();
    return records.length;
  } finally {
    redis.disconnect();
  }
}

function count(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

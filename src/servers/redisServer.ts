/**
 * A redis-server of our own on loopback: for the demo and the tests on a free port, for `run`
 * (src/store/localRedis.ts) on a fixed one. Append-only and noeviction, as wherewemet needs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LaunchError } from '../errors.ts';
import { type Daemon, freePort, LOOPBACK, launch, talk, terminate } from './launch.ts';

export interface RedisLaunch {
  port: number;
  /** Its working directory: the append-only file, and the log unless `logFile` says otherwise. */
  dir: string;
  appendOnly?: boolean;
  maxmemoryPolicy?: string;
  logFile?: string;
  pidFile?: string;
  detached?: boolean;
  /** A node of a Redis Cluster (the tests'): its bus port, and how soon its peers fail it over. */
  cluster?: { busPort: number; nodeTimeoutMs: number };
}

/** PING answers -LOADING while the append-only file is replayed; only +PONG means usable. */
export async function answersPong(port: number): Promise<boolean> {
  return (await talk(port, 'PING\r\n', 500))?.startsWith('+PONG') === true;
}

export function launchRedis(opts: RedisLaunch): Promise<Daemon> {
  const logFile = opts.logFile ?? path.join(opts.dir, 'redis.log');
  return launch({
    name: 'Redis',
    command: 'redis-server',
    args: [
      '--port',
      String(opts.port),
      '--bind',
      LOOPBACK,
      '--dir',
      opts.dir,
      '--daemonize',
      'no',
      '--logfile',
      logFile,
      ...(opts.pidFile ? ['--pidfile', opts.pidFile] : []),
      // No RDB snapshots: the append-only file is what survives a restart.
      '--save',
      '',
      '--appendonly',
      opts.appendOnly === false ? 'no' : 'yes',
      '--maxmemory-policy',
      opts.maxmemoryPolicy ?? 'noeviction',
      ...(opts.cluster ? clusterArgs(opts.cluster) : []),
    ],
    logFile,
    ready: () => answersPong(opts.port),
    detached: opts.detached === true,
  });
}

/**
 * Its cluster state in nodes.conf beside its data; the bus port given (port + 10000 may not
 * exist).
 */
function clusterArgs(cluster: NonNullable<RedisLaunch['cluster']>): string[] {
  return [
    '--cluster-enabled',
    'yes',
    '--cluster-config-file',
    'nodes.conf',
    '--cluster-port',
    String(cluster.busPort),
    '--cluster-node-timeout',
    String(cluster.nodeTimeoutMs),
    // A replica that needs a full copy gets it at once, not after the default 5 s wait for others.
    '--repl-diskless-sync-delay',
    '0',
  ];
}

export interface RedisServer {
  /** redis://127.0.0.1:PORT */
  url: string;
  port: number;
  dir: string;
  /** The running process, while it runs. */
  readonly daemon: Daemon | undefined;
  stop(): Promise<void>;
  /** Starts again on the same port and data dir after stop(). */
  start(): Promise<void>;
}

/** A throwaway Redis on a free loopback port, its data in a new temporary directory. */
export async function startRedis(
  opts: { appendOnly?: boolean; maxmemoryPolicy?: string; detached?: boolean } = {},
): Promise<RedisServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wwm-redis-'));
  let port = 0;
  let daemon: Daemon | undefined;
  const run = () => launchRedis({ ...opts, port, dir });
  // The free port can be taken between probing and binding; pick another one then.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      daemon = await run();
      break;
    } catch (err) {
      if (!(err instanceof LaunchError && /already in use/i.test(err.log)) || attempt >= 3) {
        await rm(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }
  return {
    url: `redis://${LOOPBACK}:${port}`,
    port,
    dir,
    get daemon() {
      return daemon;
    },
    async stop() {
      if (daemon) await terminate(daemon, port);
      daemon = undefined;
    },
    async start() {
      if (daemon?.alive) return;
      daemon = await run();
    },
  };
}

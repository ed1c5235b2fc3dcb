// Throwaway redis-server on loopback for integration tests. Never the machine's own Redis: a
// developer's 6379 may hold real data.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  type Daemon,
  freePort,
  LaunchError,
  LOOPBACK,
  launch,
  type Tracked,
  talk,
  terminate,
  trackForExit,
} from './freePort.ts';

export interface RedisServer {
  /** redis://127.0.0.1:PORT */
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  /** Starts again on the same port and data dir after stop(). */
  start(): Promise<void>;
}

export async function startRedis(
  opts: { appendOnly?: boolean; maxmemoryPolicy?: string } = {},
): Promise<RedisServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wwm-redis-'));
  const tracked: Tracked = { dir, daemon: undefined };
  trackForExit(tracked);
  const logFile = path.join(dir, 'redis.log');

  let port = 0;
  const run = (): Promise<Daemon> =>
    launch({
      name: 'Redis',
      command: 'redis-server',
      args: [
        '--port',
        String(port),
        '--bind',
        LOOPBACK,
        '--dir',
        dir,
        '--daemonize',
        'no',
        '--logfile',
        logFile,
        // No RDB snapshots; AOF (on by default, as in production) is what survives restarts.
        '--save',
        '',
        '--appendonly',
        opts.appendOnly === false ? 'no' : 'yes',
        '--maxmemory-policy',
        opts.maxmemoryPolicy ?? 'noeviction',
      ],
      logFile,
      // PING answers -LOADING while the AOF is replayed; only +PONG means usable.
      ready: async () => (await talk(port, 'PING\r\n', 500))?.startsWith('+PONG') === true,
    });

  // The free port can be taken between probing and binding; pick another one then.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      tracked.daemon = await run();
      break;
    } catch (err) {
      if (!(err instanceof LaunchError && /already in use/i.test(err.log)) || attempt >= 3) {
        throw err;
      }
    }
  }

  return {
    url: `redis://${LOOPBACK}:${port}`,
    port,
    dir,
    async stop() {
      // Stays tracked until gone, so an exit mid-stop still signals it and keeps its dir.
      if (tracked.daemon) await terminate(tracked.daemon, port);
      tracked.daemon = undefined;
    },
    async start() {
      if (tracked.daemon?.alive) return;
      tracked.daemon = await run();
    },
  };
}

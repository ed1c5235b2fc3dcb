/**
 * The Redis `run` uses when the config names none (no redis.url or redis.clusterNodes, nor their
 * environment variables): whatever answers as Redis on 127.0.0.1 at redis.localPort, or else a
 * redis-server of wherewemet's own, started there (append-only, noeviction, loopback only, its data under the state directory). It is
 * started detached and keeps running when `run` stops, so that `drafts`, `approve`, `serve` and
 * `status` find it at the same address and a second `run` reuses it: no process ever stops a
 * Redis another one is using. A port taken by something that is not Redis is refused.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type RedisTarget, redisTargetOf } from '../config/accounts.ts';
import type { Config } from '../config/schema.ts';
import { ConfigError, LaunchError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { defaultStateDir } from '../paths.ts';
import { findProgram, isListening, LOOPBACK, talk } from '../servers/launch.ts';
import { launchRedis } from '../servers/redisServer.ts';
import { cutText, singleLine } from '../text.ts';

/** What is on the port: nothing, a Redis (answering +PONG or a -ERROR such as NOAUTH), or else. */
type Found = { kind: 'free' } | { kind: 'redis' } | { kind: 'other'; reply: string };

/** The Redis for `run`: the configured one (or cluster), or the local one (started here when needed). */
export async function redisForRun(config: Config, log: Logger): Promise<RedisTarget> {
  if (config.redis.clusterNodes || config.redis.url) return redisTargetOf(config);
  const port = config.redis.localPort;
  const where = `${LOOPBACK}:${port}`;
  const url = `redis://${where}`;
  const dir = join(config.state.dir ?? defaultStateDir(process.env, homedir()), 'redis');
  const pidFile = join(dir, 'redis.pid');

  for (let attempt = 1; ; attempt++) {
    const found = await probe(port);
    if (found.kind === 'other')
      throw new ConfigError([
        `redis.url: not set, and ${where} is taken by a program that is not Redis (${found.reply}): set redis.url (or REDIS_URL) to your Redis, or redis.localPort to a free port`,
      ]);
    if (found.kind === 'redis') {
      const own = await ownPid(port, pidFile);
      log.info(
        own
          ? `Redis: using wherewemet's own redis-server on ${where} (pid ${own}, data in ${dir}), started earlier`
          : `Redis: using the Redis on ${where} (redis.url is not set)`,
      );
      return { kind: 'single', url };
    }
    if (!findProgram('redis-server'))
      throw new ConfigError([
        `redis.url: not set, and nothing listens on ${where}: install redis-server (wherewemet then starts its own there), or set redis.url (or REDIS_URL)`,
      ]);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      const daemon = await launchRedis({ port, dir, pidFile, detached: true });
      log.info(
        `Redis: started wherewemet's own redis-server on ${where} (pid ${daemon.child.pid}, append-only data in ${dir}); it keeps running for the other commands (stop it with: redis-cli -p ${port} shutdown)`,
      );
      return { kind: 'single', url };
    } catch (err) {
      // Another `run` started one on the port a moment ago: use that one.
      if (err instanceof LaunchError && /already in use/i.test(err.log) && attempt < 2) continue;
      const reason = err instanceof LaunchError ? err.log.split('\n').at(-1) : String(err);
      throw new Error(
        `could not start redis-server on ${where}: ${reason || 'see its log'} (log: ${join(dir, 'redis.log')})`,
      );
    }
  }
}

async function probe(port: number): Promise<Found> {
  if (!(await isListening(port))) return { kind: 'free' };
  const reply = await talk(port, 'PING\r\n');
  // A RESP error (-LOADING while it replays its data, -NOAUTH) still comes from a Redis; ioredis
  // waits for the loading to end, and reports a refusal with the address.
  if (reply?.startsWith('+PONG') || (reply && /^-[A-Z]+ /.test(reply))) return { kind: 'redis' };
  return {
    kind: 'other',
    reply: reply === null ? 'it did not answer PING' : `it answered "${printable(reply)}"`,
  };
}

/** The pid of the Redis on the port when it is the one wherewemet started (its pid file says so). */
async function ownPid(port: number, pidFile: string): Promise<number | null> {
  const recorded = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!recorded) return null;
  const info = await talk(port, 'INFO server\r\n');
  const running = Number(/process_id:(\d+)/.exec(info ?? '')?.[1]);
  return running === recorded ? recorded : null;
}

/** The first line of what a stranger's server said, without control characters, kept short. */
function printable(reply: string): string {
  return cutText(singleLine(reply.split(/\r?\n/)[0] ?? ''), 60);
}

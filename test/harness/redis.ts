// Throwaway redis-server on loopback for integration tests (src/servers/redisServer.ts), cleaned
// up when the test process exits. Never the machine's own Redis: a developer's 6379 may hold
// real data.
import { startRedis as launchRedis, type RedisServer } from '../../src/servers/redisServer.ts';
import { trackForExit } from './freePort.ts';

export type { RedisServer };

export async function startRedis(
  opts: { appendOnly?: boolean; maxmemoryPolicy?: string } = {},
): Promise<RedisServer> {
  const server = await launchRedis(opts);
  trackForExit(server);
  return server;
}

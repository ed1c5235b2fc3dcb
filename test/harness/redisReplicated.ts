// A primary and its replica on loopback, behind a name that moves: the service is pointed at a
// forwarder (tcpForwarder.ts) in front of the primary, as it would be at a managed endpoint. The
// replica follows the primary through a second forwarder, so that a test can stall replication
// and lose what the primary took meanwhile. `failOver` does by hand what an operator (or a
// managed service) does when the primary dies: promote the replica and move the name to it.
import { rm } from 'node:fs/promises';
import { LOOPBACK, talk, waitFor } from './freePort.ts';
import { type RedisServer, startRedis } from './redis.ts';
import { replicasCatchUp } from './replication.ts';
import { startTcpForwarder, type TcpForwarder } from './tcpForwarder.ts';

export interface ReplicatedRedis {
  primary: RedisServer;
  replica: RedisServer;
  /** redis://127.0.0.1:PORT of the name that moves: what REDIS_URL is set to. */
  url: string;
  endpoint: TcpForwarder;
  /** The replication link: `link.stall()` keeps the replica from seeing any further write. */
  link: TcpForwarder;
  /** Until the replica holds what the primary had taken when this was called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /**
   * SIGKILL of the primary (what it had not passed on is lost), `REPLICAOF NO ONE` on the
   * replica, the name moved to it and the connections to the old one dropped.
   */
  failOver(): Promise<void>;
  stop(): Promise<void>;
}

export async function startReplicatedRedis(): Promise<ReplicatedRedis> {
  const [primary, replica] = await Promise.all([startRedis(), startRedis()]);
  const [endpoint, link] = await Promise.all([
    startTcpForwarder(primary.port),
    startTcpForwarder(primary.port),
  ]);
  const pair: ReplicatedRedis = {
    primary,
    replica,
    url: `redis://${LOOPBACK}:${endpoint.port}`,
    endpoint,
    link,
    caughtUp: (timeoutMs) => replicasCatchUp(primary.port, timeoutMs),
    async failOver() {
      primary.daemon?.child.kill('SIGKILL');
      await primary.daemon?.exited;
      link.cutAll();
      await command(replica.port, 'REPLICAOF NO ONE', /^\+OK/);
      endpoint.switchTo(replica.port);
      endpoint.cutAll();
    },
    async stop() {
      await Promise.all([endpoint.close(), link.close()]);
      await Promise.all([primary.stop(), replica.stop()]);
      await Promise.all(
        [primary.dir, replica.dir].map((d) => rm(d, { recursive: true, force: true })),
      );
    },
  };
  // The replica's first full copy at once, not after the default 5 s wait for other replicas.
  await command(primary.port, 'CONFIG SET repl-diskless-sync-delay 0', /^\+OK/);
  await command(replica.port, `REPLICAOF ${LOOPBACK} ${link.port}`, /^\+OK/);
  await waitFor(
    async () =>
      /master_link_status:up/.test((await talk(replica.port, 'INFO replication\r\n')) ?? ''),
    10_000,
    () => 'the replica did not connect to its primary',
  );
  return pair;
}

async function command(port: number, line: string, expected: RegExp): Promise<void> {
  const reply = await talk(port, `${line}\r\n`);
  if (!expected.test(reply ?? '')) throw new Error(`${line} on ${port}: ${reply}`);
}

// A throwaway Redis Cluster on loopback for the tests: six redis-servers (three primaries, three
// replicas) on free ports, each in a folder of one temporary directory, joined by
// `redis-cli --cluster create`. A node can be killed and started again (as a failover test
// needs); everything is stopped and removed by `stop`, or at the latest when the process exits.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { launchRedis } from '../../src/servers/redisServer.ts';
import {
  type Daemon,
  freePort,
  LOOPBACK,
  talk,
  terminate,
  trackForExit,
  waitFor,
} from './freePort.ts';

/** How long a silent primary takes to be failed over: short, so that a test sees it happen. */
const NODE_TIMEOUT_MS = 1500;

export interface ClusterNode {
  port: number;
  url: string;
  dir: string;
  readonly daemon: Daemon | undefined;
}

export interface RedisCluster {
  nodes: ClusterNode[];
  /** Every node's redis://127.0.0.1:PORT, as redis.clusterNodes takes them. */
  urls: string[];
  /** The nodes serving slots now (live, not failed). */
  primaries(): Promise<ClusterNode[]>;
  /** The primary serving the slot of `key` now. */
  primaryFor(key: string): Promise<ClusterNode>;
  /** SIGKILL, as a crash: what it had not yet passed to its replica is lost. */
  kill(node: ClusterNode): Promise<void>;
  /** Starts a stopped node again, with its data and cluster state. */
  restart(node: ClusterNode): Promise<void>;
  /** Whether the node runs as a replica, its link to its primary up. */
  isReplica(node: ClusterNode): Promise<boolean>;
  /** Until every slot is served and each live primary has a replica in sync. */
  healthy(timeoutMs?: number): Promise<void>;
  /** Until a replica serves the slots of `node` (killed) and the cluster is whole again. */
  failedOver(node: ClusterNode, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedisCluster(): Promise<RedisCluster> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'wwm-rcluster-'));
  const nodes: Array<ClusterNode & { start(): Promise<void> }> = [];
  try {
    for (let i = 0; i < 6; i++) nodes.push(await startNode(root, i));
    await promisify(execFile)(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...nodes.map((n) => `${LOOPBACK}:${n.port}`),
        '--cluster-replicas',
        '1',
        '--cluster-yes',
      ],
      { timeout: 30_000 },
    );
  } catch (err) {
    await Promise.all(nodes.map((n) => stopNode(n)));
    await rm(root, { recursive: true, force: true });
    throw err;
  }
  const cluster: RedisCluster = {
    nodes,
    urls: nodes.map((n) => n.url),
    async primaries() {
      const table = await clusterNodes(nodes);
      return nodes.filter((n) =>
        table.some((l) => l.port === n.port && l.primary && l.slots && !l.failed),
      );
    },
    async primaryFor(key) {
      const reply = await talk(nodes[0]?.port ?? 0, `CLUSTER KEYSLOT ${key}\r\n`);
      const slot = Number(/^:(\d+)/.exec(reply ?? '')?.[1]);
      const table = await clusterNodes(nodes);
      const line = table.find((l) => l.primary && !l.failed && l.serves(slot));
      const node = nodes.find((n) => n.port === line?.port);
      if (!node) throw new Error(`no primary serves slot ${slot} (key ${key})`);
      return node;
    },
    async kill(node) {
      node.daemon?.child.kill('SIGKILL');
      await node.daemon?.exited;
    },
    async restart(node) {
      await (node as (typeof nodes)[number]).start();
    },
    async isReplica(node) {
      const replication = (await talk(node.port, 'INFO replication\r\n')) ?? '';
      return replication.includes('role:slave') && replication.includes('master_link_status:up');
    },
    healthy: (timeoutMs = 30_000) =>
      waitFor(
        () => isHealthy(nodes),
        timeoutMs,
        async () => `the Redis Cluster is not healthy:\n${await describe(nodes)}`,
      ),
    failedOver: (node, timeoutMs = 30_000) =>
      waitFor(
        async () =>
          (await clusterOk(nodes)) &&
          (await cluster.primaries()).filter((p) => p !== node).length === 3,
        timeoutMs,
        async () => `no replica took over from ${node.port}:\n${await describe(nodes)}`,
      ),
    async stop() {
      await Promise.all(nodes.map((n) => stopNode(n)));
      await rm(root, { recursive: true, force: true });
    },
  };
  await cluster.healthy();
  return cluster;
}

async function startNode(
  root: string,
  index: number,
): Promise<ClusterNode & { start(): Promise<void> }> {
  const dir = path.join(root, `node-${index}`);
  await mkdir(dir);
  const [port, busPort] = [await freePort(), await freePort()];
  let daemon: Daemon | undefined;
  const node = {
    port,
    url: `redis://${LOOPBACK}:${port}`,
    dir,
    get daemon() {
      return daemon;
    },
    async start() {
      if (daemon?.alive) return;
      daemon = await launchRedis({
        port,
        dir,
        appendOnly: false,
        cluster: { busPort, nodeTimeoutMs: NODE_TIMEOUT_MS },
      });
    },
  };
  await node.start();
  trackForExit(node);
  return node;
}

async function stopNode(node: ClusterNode): Promise<void> {
  if (node.daemon?.alive) await terminate(node.daemon, node.port);
}

interface NodeLine {
  port: number;
  id: string;
  primary: boolean;
  primaryId: string;
  failed: boolean;
  slots: boolean;
  serves(slot: number): boolean;
}

/** CLUSTER NODES as one live node sees it (the first that answers). */
async function clusterNodes(nodes: ClusterNode[]): Promise<NodeLine[]> {
  for (const node of nodes.filter((n) => n.daemon?.alive)) {
    const reply = await talk(node.port, 'CLUSTER NODES\r\n');
    if (!reply?.startsWith('$')) continue;
    return reply
      .split('\r\n')[1]
      ?.split('\n')
      .filter(Boolean)
      .map((line) => {
        const [id = '', address = '', flags = '', primaryId = '', , , , , ...slots] =
          line.split(' ');
        return {
          id,
          port: Number(/:(\d+)@/.exec(address)?.[1]),
          primary: flags.includes('master'),
          primaryId,
          failed: flags.includes('fail'),
          slots: slots.length > 0,
          serves: (slot: number) =>
            slots.some((range) => {
              const [from = -1, to = from] = range.split('-').map(Number);
              return slot >= from && slot <= to;
            }),
        };
      }) as NodeLine[];
  }
  return [];
}

/** Every live node says every slot is served. */
async function clusterOk(nodes: ClusterNode[]): Promise<boolean> {
  for (const node of nodes.filter((n) => n.daemon?.alive)) {
    const info = await talk(node.port, 'CLUSTER INFO\r\n');
    if (!info?.includes('cluster_state:ok')) return false;
  }
  return true;
}

async function isHealthy(nodes: ClusterNode[]): Promise<boolean> {
  const live = nodes.filter((n) => n.daemon?.alive);
  if (!(await clusterOk(nodes))) return false;
  for (const node of live) {
    const replication = await talk(node.port, 'INFO replication\r\n');
    if (replication?.includes('role:slave') && !replication.includes('master_link_status:up'))
      return false;
  }
  const table = await clusterNodes(nodes);
  const serving = table.filter((l) => l.primary && l.slots && !l.failed);
  const replicated = serving.every((p) =>
    table.some((l) => !l.primary && !l.failed && l.primaryId === p.id),
  );
  // Every live node is known and not failed by the others, and serving primaries are replicated.
  return (
    serving.length === 3 &&
    replicated &&
    live.every((n) => table.some((l) => l.port === n.port && !l.failed))
  );
}

async function describe(nodes: ClusterNode[]): Promise<string> {
  return JSON.stringify(await clusterNodes(nodes));
}

// What a primary says of its replicas (INFO replication), for a test that must know a write
// reached the replicas before it kills the primary.
import { talk, waitFor } from './freePort.ts';

interface Replication {
  /** How far the primary's replication stream goes. */
  offset: number;
  /** How far each online replica has acknowledged it. */
  acked: number[];
}

async function replication(port: number): Promise<Replication> {
  const info = (await talk(port, 'INFO replication\r\n')) ?? '';
  return {
    offset: Number(/master_repl_offset:(\d+)/.exec(info)?.[1] ?? Number.NaN),
    acked: [...info.matchAll(/^slave\d+:.*state=online,offset=(\d+)/gm)].map((m) => Number(m[1])),
  };
}

/**
 * Until every replica of the primary on `port` holds what the primary had taken when this was
 * called (replicas acknowledge once a second). A primary still taking writes may be ahead again.
 */
export async function replicasCatchUp(port: number, timeoutMs = 10_000): Promise<void> {
  const { offset } = await replication(port);
  if (Number.isNaN(offset)) throw new Error(`no replication offset from ${port}`);
  await waitFor(
    async () => {
      const { acked } = await replication(port);
      return acked.length > 0 && acked.every((a) => a >= offset);
    },
    timeoutMs,
    async () =>
      `the replicas of ${port} did not reach ${offset}: ${JSON.stringify(await replication(port))}`,
  );
}

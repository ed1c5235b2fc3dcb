/**
 * What the running worker tells `wherewemet status`: a Redis hash per account,
 * `<prefix>:<account>:status`, rewritten on every change (connected, disconnected, synced,
 * failed) and on a heartbeat. A worker that died cannot say so; a stale heartbeat says it.
 */
import type { Redis } from 'ioredis';

export type WorkerState = 'starting' | 'running' | 'retrying' | 'stopping' | 'stopped';

export interface PublishedStatus {
  state: WorkerState;
  pid: number;
  startedAt: string;
  heartbeatAt: string;
  mailbox: string;
  /** The watcher holds a selected IMAP connection to the mailbox. */
  watching: boolean;
  lastSyncAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

/** Heartbeats come this often; a status older than three of them is a worker that is gone. */
export const HEARTBEAT_MS = 5000;
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

export function statusKey(prefix: string, account: string): string {
  return `${prefix}:${account}:status`;
}

export class StatusPublisher {
  private readonly current: PublishedStatus;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    mailbox: string,
    now: Date,
  ) {
    const at = now.toISOString();
    this.current = {
      state: 'starting',
      pid: process.pid,
      startedAt: at,
      heartbeatAt: at,
      mailbox,
      watching: false,
      lastSyncAt: null,
      lastError: null,
      lastErrorAt: null,
    };
  }

  /** Publishes now and then on every heartbeat until `stop`. */
  start(): void {
    this.publish();
    this.timer = setInterval(() => this.publish(), HEARTBEAT_MS);
    this.timer.unref();
  }

  update(change: Partial<Omit<PublishedStatus, 'pid' | 'startedAt' | 'heartbeatAt'>>): void {
    if (change.lastError && change.lastError !== this.current.lastError)
      this.current.lastErrorAt = new Date().toISOString();
    Object.assign(this.current, change);
    this.publish();
  }

  /** The last word of a worker that stops cleanly. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.current.state = 'stopped';
    this.current.watching = false;
    await this.write().catch(() => undefined);
  }

  private publish(): void {
    // Best effort: Redis may be restarting, and the next heartbeat tries again.
    this.write().catch(() => undefined);
  }

  private async write(): Promise<void> {
    this.current.heartbeatAt = new Date().toISOString();
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.current)) fields[k] = v === null ? '' : String(v);
    await this.redis.hset(this.key, fields);
  }
}

export async function readStatus(redis: Redis, key: string): Promise<PublishedStatus | null> {
  const h = await redis.hgetall(key);
  if (!h.state) return null;
  return {
    state: h.state as WorkerState,
    pid: Number(h.pid),
    startedAt: h.startedAt ?? '',
    heartbeatAt: h.heartbeatAt ?? '',
    mailbox: h.mailbox ?? '',
    watching: h.watching === 'true',
    lastSyncAt: h.lastSyncAt || null,
    lastError: h.lastError || null,
    lastErrorAt: h.lastErrorAt || null,
  };
}

/** Connected: the worker's heartbeat is fresh and its watcher holds the mailbox. */
export function isConnected(status: PublishedStatus | null, now: Date): boolean {
  if (!status || status.state === 'stopped' || !status.watching) return false;
  return now.getTime() - Date.parse(status.heartbeatAt) < STALE_AFTER_MS;
}

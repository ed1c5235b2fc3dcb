/**
 * What the process working an account tells `wherewemet status`: one Redis hash per account
 * (`status`, keys.ts), rewritten on every change and on each heartbeat, for all the accounts a
 * process holds in one round trip (pipelined, one command per account). A process that died cannot say so; a stale heartbeat says it.
 */

import type { AccountState } from '../events.ts';
import { repeat } from '../repeat.ts';
import { accountBase } from '../store/keys.ts';
import type { RedisClient } from '../store/redisClient.ts';

export interface AccountStatus {
  account: string;
  state: AccountState;
  /** The process that works it: "<host>:<pid>:<random>", its host and pid, since when. */
  owner: string;
  host: string;
  pid: number;
  ownerSince: string;
  heartbeatAt: string;
  /** The watcher holds a selected IMAP connection to the mailbox. */
  watching: boolean;
  lastSyncAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** When blocked: what the person should do. */
  fix: string | null;
}

export function statusKey(prefix: string, account: string): string {
  return `${accountBase(prefix, account)}status`;
}

/**
 * Writes the statuses of the accounts this process holds, best effort: on each heartbeat all of
 * them at once; on a change only the accounts that changed (with a thousand accounts, rewriting
 * every status on each account's catch-up was a thousand writes per change).
 */
export class StatusBoard {
  private readonly current = new Map<string, AccountStatus>();
  private readonly changed = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly heartbeatMs: number,
  ) {}

  start(): void {
    // Best effort: Redis may be restarting, and the next heartbeat tries again.
    this.timer = repeat(
      this.heartbeatMs,
      () => this.flush(),
      () => undefined,
    );
  }

  set(status: AccountStatus): void {
    const before = this.current.get(status.account);
    status.lastErrorAt =
      status.lastError && status.lastError !== before?.lastError
        ? new Date().toISOString()
        : (before?.lastErrorAt ?? null);
    this.current.set(status.account, status);
    // Changes come in bursts (connect, sync, error): one write for the burst.
    if (this.changed.size === 0) setImmediate(() => this.flushChanged());
    this.changed.add(status.account);
  }

  /** The accounts this process holds now, as last set (read-only: for metrics). */
  held(): AccountStatus[] {
    return [...this.current.values()];
  }

  /** The account's last word when this process lets it go. */
  async remove(account: string, state: AccountState): Promise<void> {
    const status = this.current.get(account);
    this.current.delete(account);
    if (status) await this.write([{ ...status, state, watching: false }]).catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const last = [...this.current.values()].map((s) => ({
      ...s,
      state: 'stopped' as const,
      watching: false,
    }));
    this.current.clear();
    await this.write(last).catch(() => undefined);
  }

  private flush(): Promise<void> {
    this.changed.clear();
    return this.write([...this.current.values()]);
  }

  private flushChanged(): void {
    const statuses = [...this.changed].flatMap((id) => this.current.get(id) ?? []);
    this.changed.clear();
    this.write(statuses).catch(() => undefined);
  }

  /**
   * One HSET per account, all sent at once: each status is written whole, and in a Redis Cluster
   * the accounts' keys live in different slots, which no single MULTI may span.
   */
  private async write(statuses: AccountStatus[]): Promise<void> {
    const at = new Date().toISOString();
    await Promise.all(
      statuses.map((status) => {
        status.heartbeatAt = at;
        const fields: Record<string, string> = {};
        for (const [k, v] of Object.entries(status)) fields[k] = v === null ? '' : String(v);
        return this.redis.hset(statusKey(this.prefix, status.account), fields);
      }),
    );
  }
}

export async function readStatus(
  redis: RedisClient,
  prefix: string,
  account: string,
): Promise<AccountStatus | null> {
  const h = await redis.hgetall(statusKey(prefix, account));
  if (!h.state) return null;
  return {
    account,
    state: h.state as AccountState,
    owner: h.owner ?? '',
    host: h.host ?? '',
    pid: Number(h.pid),
    ownerSince: h.ownerSince ?? '',
    heartbeatAt: h.heartbeatAt ?? '',
    watching: h.watching === 'true',
    lastSyncAt: h.lastSyncAt || null,
    lastError: h.lastError || null,
    lastErrorAt: h.lastErrorAt || null,
    fix: h.fix || null,
  };
}

/**
 * Connected: the process that holds the account's lease is the one whose status this is (not one
 * handing it over, or whose lease ran out), its heartbeat is fresh and its watcher holds the mailbox.
 */
export function isConnected(
  status: AccountStatus | null,
  leaseOwner: string | null,
  now: Date,
  staleAfterMs: number,
): boolean {
  if (!status || status.state === 'stopped' || !status.watching) return false;
  if (leaseOwner !== status.owner) return false;
  return now.getTime() - Date.parse(status.heartbeatAt) < staleAfterMs;
}

/**
 * Divides the config's accounts among the `run` processes that share one Redis, and starts and
 * stops this process's account units as leases come and go.
 *
 * Every heartbeat a process announces itself (the registry), renews its leases, and computes
 * which accounts it should hold: each account prefers the live process with the highest
 * rendezvous hash of (account, process), so N processes hold about M/N each, and a process that
 * joins takes over only its share. It hands surplus accounts to their preferred owner a few at a
 * time, takes the free accounts it prefers (and any left free for two heartbeats, whoever
 * prefers them), and starts units at a bounded rate, so a thousand accounts do not log in
 * within the same second. A process that dies or stalls stops renewing; its leases expire after
 * lease.seconds and the next heartbeat of another process takes them over.
 */
import { createHash } from 'node:crypto';
import { within } from '../backoff.ts';
import type { Account } from '../config/accounts.ts';
import { describeError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Lease, LeaseOwner, LeaseStore } from '../store/leaseStore.ts';
import type { AccountUnit } from './account.ts';

export interface SupervisorOptions {
  accounts(): Account[];
  leases: LeaseStore;
  me: LeaseOwner;
  leaseMs: number;
  heartbeatMs: number;
  startUnit(account: Account, lease: Lease): Promise<AccountUnit>;
  log: Logger;
}

/** Logins per second at most, across all the accounts this process starts. */
const STARTS_PER_SECOND = 20;
/** How long a unit may take to stop (a job finishing, a logout) before its lease is let go. */
const STOP_GRACE_MS = 10_000;
/** Of the accounts it holds, at most this share is handed over per heartbeat (at least one). */
const HANDOVER_SHARE = 0.1;

export class Supervisor {
  private readonly units = new Map<string, AccountUnit>();
  private readonly starting = new Set<string>();
  private readonly freeSince = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = false;
  private startQueue: Promise<void> = Promise.resolve();

  constructor(private readonly options: SupervisorOptions) {}

  /** The accounts this process works now. */
  held(): AccountUnit[] {
    return [...this.units.values()];
  }

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.heartbeatMs);
  }

  /** A fenced write was refused: the account is someone else's now. */
  leaseLost(id: string): void {
    const unit = this.units.get(id);
    if (!unit) return;
    this.options.log.warn(
      { account: id },
      'lease taken over by another process; letting the account go',
    );
    this.units.delete(id);
    void unit.stop().catch(() => undefined);
  }

  /** The config changed: restart units whose connection settings changed, stop removed ones. */
  async reload(previous: Account[]): Promise<void> {
    const next = new Map(this.options.accounts().map((a) => [a.id, a]));
    const before = new Map(previous.map((a) => [a.id, a]));
    for (const unit of this.held()) {
      const account = next.get(unit.id);
      const old = before.get(unit.id);
      if (account && old && sameConnection(old, account)) unit.reconfigure(account);
      else await this.letGo(unit);
    }
    await this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    await this.startQueue;
    await Promise.all(this.held().map((unit) => this.letGo(unit)));
    await this.options.leases.leave(this.options.me).catch(() => undefined);
  }

  private tick(): Promise<void> {
    this.ticking ??= this.heartbeat()
      .catch((err: unknown) =>
        this.options.log.warn({ err: describeError(err) }, 'lease heartbeat failed'),
      )
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  private async heartbeat(): Promise<void> {
    const { leases, me, leaseMs, log } = this.options;
    if (this.stopped) return;
    const live = await leases.heartbeat(me, leaseMs, new Date());
    // All at once: with a thousand accounts, one renewal after the other could outlast the lease.
    const held = this.held();
    const renewed = await Promise.all(held.map((unit) => leases.renew(unit.lease, leaseMs)));
    held.forEach((unit, i) => {
      if (!renewed[i]) this.leaseLost(unit.id);
    });
    const accounts = this.options.accounts();
    const mine = new Set(
      accounts.filter((a) => preferredOwner(a.id, live) === me.owner).map((a) => a.id),
    );

    const surplus = this.held().filter((u) => !mine.has(u.id));
    const handOver = surplus.slice(0, Math.max(1, Math.ceil(this.units.size * HANDOVER_SHARE)));
    for (const unit of handOver) {
      log.info({ account: unit.id }, 'handing the account to its preferred process');
      await this.letGo(unit);
    }

    const candidates = accounts.filter((a) => !this.units.has(a.id) && !this.starting.has(a.id));
    const free = new Set(await leases.unheld(candidates.map((a) => a.id)));
    const now = Date.now();
    for (const a of candidates) {
      if (!free.has(a.id)) {
        this.freeSince.delete(a.id);
        continue;
      }
      const since = this.freeSince.get(a.id) ?? now;
      this.freeSince.set(a.id, since);
      // Its preferred process should take it; if none has for two heartbeats, anyone does.
      if (mine.has(a.id) || now - since >= 2 * this.options.heartbeatMs) this.take(a);
    }
  }

  private take(account: Account): void {
    this.starting.add(account.id);
    this.startQueue = this.startQueue.then(async () => {
      try {
        if (this.stopped) return;
        const lease = await this.options.leases.acquire(
          account.id,
          this.options.me,
          this.options.leaseMs,
        );
        if (!lease) return;
        this.freeSince.delete(account.id);
        try {
          this.units.set(account.id, await this.options.startUnit(account, lease));
        } catch (err) {
          this.options.log.error(
            { account: account.id, err: describeError(err) },
            'cannot start the account',
          );
          await this.options.leases.release(lease).catch(() => undefined);
        }
        await new Promise((r) => setTimeout(r, 1000 / STARTS_PER_SECOND));
      } finally {
        this.starting.delete(account.id);
      }
    });
  }

  private async letGo(unit: AccountUnit): Promise<void> {
    this.units.delete(unit.id);
    // A unit stuck on a dead connection must not hold up the rest: its lease goes regardless.
    await within(
      STOP_GRACE_MS,
      unit.stop().catch(() => undefined),
      undefined,
    );
    await this.options.leases.release(unit.lease).catch(() => undefined);
  }
}

/** Rendezvous (highest random weight) hashing: the live process an account prefers. */
export function preferredOwner(account: string, live: string[]): string | null {
  let best: string | null = null;
  let bestWeight = -1;
  for (const owner of live) {
    const weight = createHash('sha1').update(`${account}\n${owner}`).digest().readUInt32BE(0);
    if (weight > bestWeight) {
      best = owner;
      bestWeight = weight;
    }
  }
  return best;
}

function sameConnection(a: Account, b: Account): boolean {
  return JSON.stringify([a.imap, a.mailboxes]) === JSON.stringify([b.imap, b.mailboxes]);
}

/**
 * One account, worked by the process that holds its lease: its watcher (INBOX, IDLE, catch-up),
 * its second connection (Drafts, Sent, Trash), its draft queue, its reconciler and its status.
 * At most two IMAP connections, and only the watcher's while nothing is to be written or checked.
 *
 * What the account does next is decided by a pure state machine (accountMachine.ts); this runner
 * feeds it what the adapters report and performs the effects it returns.
 *
 * Failures follow their kind (errors.ts): retryable ones are retried with the account's backoff;
 * a poison message is recorded and passed over; a blocked account (a person must act) keeps
 * every job, says what to do in `status`, looks every backoff.blockedSeconds whether the cause is
 * gone, and resumes by itself. Every write for the account is fenced by its lease: a unit whose
 * lease was taken over stops writing at once and is stopped by the supervisor.
 */
import type { ImapFlow } from 'imapflow';
import type { Redis } from 'ioredis';
import { type Backoff, backoffDelay } from '../backoff.ts';
import type { Account } from '../config/accounts.ts';
import type { Config } from '../config/schema.ts';
import { BlockedError, describeError } from '../errors.ts';
import type { Events } from '../events.ts';
import {
  type AccountFolders,
  imapDraftsFolder,
  imapLifecycleMailbox,
  resolveFolders,
} from '../imap/accountFolders.ts';
import { connectImap } from '../imap/connect.ts';
import { folderSignature } from '../imap/lifecycleMailbox.ts';
import { ImapSession } from '../imap/session.ts';
import { MailboxWatcher } from '../imap/watcher.ts';
import { reconcile } from '../lifecycle/reconcile.ts';
import { type Reconciler, startReconciler } from '../lifecycle/reconciler.ts';
import type { Logger } from '../log.ts';
import type { DraftOutcome } from '../pipeline/writeDraft.ts';
import { DraftQueue } from '../queue/draftQueue.ts';
import type { DraftJob } from '../queue/jobs.ts';
import type { StatusBoard } from '../status/accountStatus.ts';
import { bullPrefix } from '../store/keys.ts';
import type { Lease } from '../store/leaseStore.ts';
import { Store } from '../store/store.ts';
import {
  type AccountEffect,
  type AccountEvent,
  type AccountMachineState,
  initialAccountState,
  type ShownStatus,
  transition,
} from './accountMachine.ts';
import { AccountReader } from './accountReader.ts';

export interface AccountServices {
  redis: Redis;
  /** The latest shared config (redis.prefix, sync, drafts, backoff, …). */
  config(): Config;
  events: Events;
  statusBoard: StatusBoard;
  log: Logger;
  now(): Date;
  /** Our own DKIM check (DNS), when the server gave no verdict; null when it tells nothing. */
  verifyDkim(raw: Buffer): Promise<boolean | null>;
  /** A fenced write was refused: this process no longer holds the account. */
  leaseLost(account: string): void;
}

export interface AccountUnit {
  readonly id: string;
  readonly lease: Lease;
  /** A new config for this account that needs no reconnect (rules, templates, me, smtp). */
  reconfigure(account: Account): void;
  /** run --once: everything found is ingested and drafted (bar long deferrals), and reconciled. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** A draft put off beyond this (daily limit, pause) does not hold up `run --once`. */
const SOON_MS = 60_000;
/** Look again at a draft gone from Drafts (missingGraceSeconds) this often. */
const RECHECK_MS = 60_000;
const HOUR_MS = 60 * 60 * 1000;
/** An unused second connection or queue worker is closed after this long. */
const IDLE_CLOSE_MS = 60_000;

export async function startAccount(
  initial: Account,
  lease: Lease,
  services: AccountServices,
  options: { once: boolean },
): Promise<AccountUnit> {
  const unit = new AccountRunner(initial, lease, services);
  await unit.start(options.once);
  return unit;
}

class AccountRunner implements AccountUnit {
  readonly id: string;
  private account: Account;
  private machine: AccountMachineState;
  private readonly log: Logger;
  private readonly backoff: Backoff;
  private readonly blockedMs: number;
  private readonly store: Store;
  private readonly session: ImapSession;
  private readonly folders: FolderCache;
  private readonly drafts: DraftQueue;
  private readonly reader: AccountReader;
  private readonly reconciler: Reconciler;
  private readonly watcher: MailboxWatcher;
  private readonly timers: NodeJS.Timeout[];
  private probeTimer: NodeJS.Timeout | null = null;

  constructor(
    initial: Account,
    readonly lease: Lease,
    private readonly services: AccountServices,
  ) {
    const shared = services.config();
    this.account = initial;
    this.id = initial.id;
    this.machine = initialAccountState(initial.rules.paused);
    this.log = services.log.child({ account: this.id });
    this.backoff = {
      initialMs: shared.backoff.initialSeconds * 1000,
      maxMs: shared.backoff.maxSeconds * 1000,
    };
    this.blockedMs = shared.backoff.blockedSeconds * 1000;
    this.store = new Store(services.redis, shared.redis.prefix, this.id, {
      fence: () => lease.token,
      keepDays: shared.history.keepDays,
    });
    this.session = new ImapSession({
      connect: () => this.connect(false),
      idleCloseMs: IDLE_CLOSE_MS,
    });
    this.folders = new FolderCache(this.session, () => this.account.mailboxes);
    this.drafts = this.draftQueue(shared);
    this.reader = new AccountReader({
      ...services,
      account: () => this.account,
      store: this.store,
      log: this.log,
      backoff: this.backoff,
      enqueue: (jobs) => this.drafts.add(jobs),
      aboutToRead: () => this.dispatch({ type: 'about-to-read' }),
      writeFailed: (error) => this.dispatch({ type: 'write-failed', error }),
    });
    this.reconciler = this.startReconciler(shared);
    this.watcher = this.mailboxWatcher();
    this.timers = this.startTimers(shared);
  }

  async start(once: boolean): Promise<void> {
    this.dispatch({ type: 'start' });
    try {
      await this.drafts.setPaused(this.account.rules.paused);
      await this.store.dropExpiredText(this.services.now());
      await this.reader.backfillAsked();
      await this.watcher.start({ keepTrying: !once });
    } catch (err) {
      await this.stop();
      throw err;
    }
    this.log.info(
      { mailbox: this.account.mailboxes.inbox, owner: this.lease.owner },
      'working account',
    );
  }

  reconfigure(next: Account): void {
    this.account = next;
    this.dispatch({ type: 'config-changed', paused: next.rules.paused });
  }

  async settle(): Promise<void> {
    await this.watcher.sync();
    await this.drafts.drained(SOON_MS);
    if (this.machine.blocked) throw this.machine.blocked.error;
    await this.reconciler.runOnce();
  }

  async stop(): Promise<void> {
    await this.dispatch({ type: 'stop' });
    await this.dispatch({ type: 'closed' });
  }

  /**
   * The machine's next state, then its effects in order. Effects up to the first asynchronous
   * one run at once (a status is published before the caller goes on); the rest wait for it.
   */
  private dispatch(event: AccountEvent): Promise<void> {
    const { state, effects } = transition(this.machine, event);
    this.machine = state;
    let pending: Promise<void> | undefined;
    for (const effect of effects)
      pending = pending ? pending.then(() => this.perform(effect)) : this.perform(effect);
    return pending ?? Promise.resolve();
  }

  private perform(effect: AccountEffect): Promise<void> | undefined {
    switch (effect.type) {
      case 'publish':
        this.publish(effect.status);
        return;
      case 'log':
        if (effect.fields) this.log[effect.level](effect.fields, effect.message);
        else this.log[effect.level](effect.message);
        return;
      case 'pause-drafts':
        void this.drafts.setPaused(effect.paused);
        return;
      case 'forget-folders':
        this.folders.forget();
        return;
      case 'schedule-probe':
        this.scheduleProbe(effect.after);
        return;
      case 'probe':
        this.folders.get().then(
          () => this.dispatch({ type: 'probe-passed' }),
          (error: unknown) => this.dispatch({ type: 'probe-failed', error }),
        );
        return;
      case 'retry-watcher':
        this.watcher.retryNow();
        return;
      case 'lease-lost':
        this.services.leaseLost(this.id);
        return;
      case 'prepare-to-write':
        this.prepareToWrite();
        return;
      case 'cancel-timers':
        for (const timer of this.timers) clearInterval(timer);
        if (this.probeTimer) clearTimeout(this.probeTimer);
        return;
      case 'stop-watcher':
        return this.watcher.stop();
      case 'stop-reconciler':
        return this.reconciler.stop();
      case 'close-drafts':
        return this.drafts.close();
      case 'close-session':
        return this.session.close();
      case 'remove-status':
        return this.services.statusBoard.remove(this.id, 'stopped');
      case 'announce-stopped':
        this.services.events.emit('account.state', {
          account: this.id,
          state: 'stopped',
          error: null,
          fix: null,
        });
        return;
    }
  }

  private publish(shown: ShownStatus): void {
    const { id, lease } = this;
    this.services.statusBoard.set({
      account: id,
      state: shown.state,
      owner: lease.owner,
      host: lease.host,
      pid: lease.pid,
      ownerSince: lease.since,
      heartbeatAt: '',
      watching: shown.watching,
      lastSyncAt: shown.lastSyncAt,
      lastError: shown.lastError,
      lastErrorAt: null,
      fix: shown.fix,
    });
    this.services.events.emit('account.state', {
      account: id,
      state: shown.state,
      error: shown.lastError,
      fix: shown.fix,
    });
  }

  /** Blocked by a draft: after a while, look whether the folders resolve again. */
  private scheduleProbe(after: 'blocked' | 'backoff'): void {
    const delay = after === 'blocked' ? this.blockedMs : backoffDelay(0, this.backoff);
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      this.dispatch({ type: 'probe-due' });
    }, delay);
  }

  // What writing a draft needs (its code, the second connection, Drafts, the queue worker) opens
  // while the bodies are fetched and parsed, not after: an idle account has none of it open.
  private prepareToWrite(): void {
    void import('../pipeline/writeDraft.ts');
    this.folders.get().catch(() => undefined); // a failure is met again, and reported, by the job
    this.drafts.prepare().catch(() => undefined);
  }

  private connect(idle: boolean): Promise<ImapFlow> {
    return connectImap(this.account.imap, this.log, idle ? { autoIdleDelay: 50 } : {});
  }

  private draftQueue(shared: Config): DraftQueue {
    return new DraftQueue({
      redis: this.services.redis,
      prefix: bullPrefix(shared.redis.prefix, this.id),
      backoff: this.backoff,
      blockedMs: this.blockedMs,
      lease: { lockMs: shared.lease.seconds * 1000, checkMs: shared.lease.heartbeatSeconds * 1000 },
      idleCloseMs: IDLE_CLOSE_MS,
      log: this.log,
      onBlocked: (error) => this.dispatch({ type: 'drafts-blocked', error }),
      handle: (job) => this.writeDraft(job),
    });
  }

  private async writeDraft(job: DraftJob): Promise<DraftOutcome> {
    const { writeDraft } = await import('../pipeline/writeDraft.ts');
    const { services } = this;
    this.dispatch({ type: 'draft-started' });
    try {
      return await writeDraft(
        {
          invitationKey: job.invitationKey,
          arrivedAt: job.arrivedAt ? new Date(job.arrivedAt) : null,
        },
        {
          account: this.id,
          store: this.store,
          drafts: imapDraftsFolder(this.session, await this.folders.get()),
          settings: () => ({
            me: this.account.me,
            templates: this.account.templates,
            dailyDraftLimit: this.account.rules.dailyDraftLimit,
          }),
          events: services.events,
          log: this.log,
          now: services.now,
        },
      );
    } catch (err) {
      this.dispatch({ type: 'write-failed', error: err });
      throw err;
    } finally {
      this.dispatch({ type: 'draft-ended' });
    }
  }

  private startReconciler(shared: Config): Reconciler {
    const { services, store, log } = this;
    return startReconciler({
      reconcile: async () =>
        reconcile({
          store,
          mailbox: imapLifecycleMailbox(this.session, await this.folders.get()),
          expireAfterDays: services.config().drafts.expireAfterDays,
          missingGraceMs: services.config().drafts.missingGraceSeconds * 1000,
          log,
          now: services.now,
          onDecision: (record, decision) =>
            services.events.emit('decision.recorded', {
              account: this.id,
              key: record.key,
              inviterName: record.notification.inviter.name,
              decision,
              via: 'mail client',
            }),
        }),
      // Our own catch-up and drafts change Drafts all the time: one full round once they are
      // done, not one per check while a backlog of a thousand is written.
      busy: () => this.machine.syncing > 0 || this.machine.writing > 0,
      hasPending: async () => (await store.pendingCount()) > 0,
      signature: async () => {
        const f = await this.folders.get();
        return this.watcher.withConnection(
          async (c) =>
            `${await folderSignature(c, f.drafts)}|${f.sent ? await folderSignature(c, f.sent) : ''}`,
        );
      },
      checkEveryMs: shared.drafts.checkEverySeconds * 1000,
      recheckEveryMs: RECHECK_MS,
      expires: shared.drafts.expireAfterDays !== null,
      log,
    });
  }

  private mailboxWatcher(): MailboxWatcher {
    return new MailboxWatcher({
      mailbox: this.account.mailboxes.inbox,
      connect: () => this.connect(true),
      resyncMs: 5 * 60 * 1000,
      log: this.log,
      retryDelay: (err, attempt) =>
        err instanceof BlockedError ? this.blockedMs : backoffDelay(attempt, this.backoff),
      onState: ({ connected, error }) =>
        this.dispatch(connected ? { type: 'connected' } : { type: 'disconnected', error }),
      catchUp: (client) => this.catchUp(client),
    });
  }

  private async catchUp(client: ImapFlow): Promise<void> {
    this.dispatch({ type: 'catch-up-started' });
    try {
      await this.reader.catchUp(client);
    } catch (err) {
      this.dispatch({ type: 'write-failed', error: err });
      this.dispatch({ type: 'catch-up-ended', syncedAt: null });
      throw err;
    }
    this.dispatch({ type: 'catch-up-ended', syncedAt: this.services.now().toISOString() });
  }

  private startTimers(shared: Config): NodeJS.Timeout[] {
    const { log } = this;
    // Drafts asked for elsewhere (the review page) are in the queue without a worker to notice.
    const waker = setInterval(() => {
      this.drafts
        .wake()
        .catch((err: unknown) => log.debug({ err: describeError(err) }, 'draft queue'));
      // The frame taught on the review page, or an unsure invitation's time up: a pass reads them.
      this.reader
        .rereadIsDue()
        .then((due) => (due ? this.watcher.sync() : undefined))
        .catch((err: unknown) => log.debug({ err: describeError(err) }, 'unsure invitations'));
    }, shared.drafts.checkEverySeconds * 1000);
    const janitor = setInterval(() => {
      this.store
        .dropExpiredText(this.services.now())
        .catch((err: unknown) => log.debug({ err: describeError(err) }, 'janitor'));
    }, HOUR_MS);
    waker.unref();
    janitor.unref();
    return [waker, janitor];
  }
}

/** The account's folders, resolved on first use and again after a failure or a block. */
class FolderCache {
  private folders: Promise<AccountFolders> | null = null;

  constructor(
    private readonly session: ImapSession,
    private readonly mailboxes: () => Account['mailboxes'],
  ) {}

  get(): Promise<AccountFolders> {
    this.folders ??= resolveFolders(this.session, this.mailboxes()).catch((err: unknown) => {
      this.folders = null;
      throw err;
    });
    return this.folders;
  }

  forget(): void {
    this.folders = null;
  }
}

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
import { repeat } from '../repeat.ts';
import type { StatusBoard } from '../status/accountStatus.ts';
import type { Lease } from '../store/leaseStore.ts';
import type { RedisClient } from '../store/redisClient.ts';
import { Store } from '../store/store.ts';
import type { ShownStatus } from './accountMachine.ts';
import { AccountReader } from './accountReader.ts';
import { type AccountAdapters, AccountRunner } from './accountRunner.ts';

export interface AccountServices {
  redis: RedisClient;
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
/** BullMQ hands a waiting job to a free worker within its drainDelay (5 s); three times that. */
const STUCK_WORKER_MS = 15_000;

export async function startAccount(
  initial: Account,
  lease: Lease,
  services: AccountServices,
  options: { once: boolean },
): Promise<AccountUnit> {
  const unit = new WorkedAccount(initial, lease, services);
  await unit.start(options.once);
  return unit;
}

/** The account's adapters, wired to its runner, behind the unit the supervisor holds. */
class WorkedAccount implements AccountUnit {
  readonly id: string;
  private account: Account;
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
  private readonly runner: AccountRunner;

  constructor(
    initial: Account,
    readonly lease: Lease,
    private readonly services: AccountServices,
  ) {
    const shared = services.config();
    this.account = initial;
    this.id = initial.id;
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
      aboutToRead: () => this.runner.dispatch({ type: 'about-to-read' }),
      writeFailed: (error) => this.runner.dispatch({ type: 'write-failed', error }),
    });
    this.reconciler = this.startReconciler(shared);
    this.watcher = this.mailboxWatcher();
    this.timers = this.startTimers(shared);
    this.runner = new AccountRunner(this.adapters(), initial.rules.paused);
  }

  async start(once: boolean): Promise<void> {
    this.runner.dispatch({ type: 'start' });
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
    this.runner.dispatch({ type: 'config-changed', paused: next.rules.paused });
  }

  async settle(): Promise<void> {
    await this.watcher.sync();
    await this.drafts.drained(SOON_MS);
    if (this.runner.state.blocked) throw this.runner.state.blocked.error;
    await this.reconciler.runOnce();
  }

  async stop(): Promise<void> {
    await this.runner.dispatch({ type: 'stop' });
    await this.runner.dispatch({ type: 'closed' });
  }

  /** What the runner performs the machine's effects with. */
  private adapters(): AccountAdapters {
    const { id, services } = this;
    return {
      log: this.log,
      publish: (shown) => this.publish(shown),
      removeStatus: () => services.statusBoard.remove(id, 'stopped'),
      announceStopped: () =>
        services.events.emit('account.state', {
          account: id,
          state: 'stopped',
          error: null,
          fix: null,
        }),
      drafts: this.drafts,
      folders: this.folders,
      watcher: this.watcher,
      reconciler: this.reconciler,
      session: this.session,
      leaseLost: () => services.leaseLost(id),
      prepareToWrite: () => this.prepareToWrite(),
      probeDelay: (after) => (after === 'blocked' ? this.blockedMs : backoffDelay(0, this.backoff)),
      cancelTimers: () => {
        for (const timer of this.timers) clearInterval(timer);
      },
    };
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
      prefix: shared.redis.prefix,
      account: this.id,
      backoff: this.backoff,
      blockedMs: this.blockedMs,
      lease: { lockMs: shared.lease.seconds * 1000, checkMs: shared.lease.heartbeatSeconds * 1000 },
      idleCloseMs: IDLE_CLOSE_MS,
      stuckAfterMs: STUCK_WORKER_MS,
      log: this.log,
      onBlocked: (error) => this.runner.dispatch({ type: 'drafts-blocked', error }),
      handle: (job) => this.writeDraft(job),
    });
  }

  private async writeDraft(job: DraftJob): Promise<DraftOutcome> {
    const { writeDraft } = await import('../pipeline/writeDraft.ts');
    const { services } = this;
    this.runner.dispatch({ type: 'draft-started' });
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
      this.runner.dispatch({ type: 'write-failed', error: err });
      throw err;
    } finally {
      this.runner.dispatch({ type: 'draft-ended' });
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
      busy: () => this.runner.state.syncing > 0 || this.runner.state.writing > 0,
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
        this.runner.dispatch(connected ? { type: 'connected' } : { type: 'disconnected', error }),
      catchUp: (client) => this.catchUp(client),
    });
  }

  private async catchUp(client: ImapFlow): Promise<void> {
    this.runner.dispatch({ type: 'catch-up-started' });
    try {
      await this.reader.catchUp(client);
    } catch (err) {
      this.runner.dispatch({ type: 'write-failed', error: err });
      this.runner.dispatch({ type: 'catch-up-ended', syncedAt: null });
      throw err;
    }
    this.runner.dispatch({ type: 'catch-up-ended', syncedAt: this.services.now().toISOString() });
  }

  private startTimers(shared: Config): NodeJS.Timeout[] {
    const { log } = this;
    // Drafts asked for elsewhere (the review page) are in the queue without a worker to notice.
    const checkMs = shared.drafts.checkEverySeconds * 1000;
    const quietly = (what: string) => (err: unknown) =>
      log.debug({ err: describeError(err) }, what);
    return [
      repeat(checkMs, () => this.drafts.wake(), quietly('draft queue')),
      // The frame taught on the review page, or an unsure invitation's time up: a pass reads them.
      repeat(
        checkMs,
        async () => {
          if (await this.reader.rereadIsDue()) await this.watcher.sync();
        },
        quietly('unsure invitations'),
      ),
      repeat(HOUR_MS, () => this.store.dropExpiredText(this.services.now()), quietly('janitor')),
    ];
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

/**
 * Watches one mailbox: catch-up from the saved state, then IDLE, and catch-up again on every
 * new-mail notification, on a timer, and after every reconnect. Catch-up queues a job per
 * candidate message and only then saves the new high-water mark, so a crash in between
 * re-queues (harmlessly, job ids are deterministic) instead of losing a message.
 */
import type { ImapFlow } from 'imapflow';
import { backoffDelay } from '../backoff.ts';
import { BlockedError, describeError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { MessageRef, Store } from '../store/store.ts';
import { connectImap, type ImapSettings } from './connect.ts';
import { mailboxState, searchCandidates } from './mailbox.ts';

export interface WatcherOptions {
  settings: ImapSettings;
  mailbox: string;
  store: Store;
  log: Logger;
  /** First run on a mailbox (or after UIDVALIDITY changed): look back this many days. */
  lookbackDays: number;
  enqueue(refs: MessageRef[]): Promise<void>;
  now(): Date;
  /** Catch up this often even without a notification: a safety net for missed pushes. */
  resyncMs?: number;
  /** Called after `status` changed: connected, disconnected, synced or failed. */
  onStatus?(status: Readonly<WatcherStatus>): void;
}

export interface WatcherStatus {
  connected: boolean;
  lastSyncAt: string | null;
  lastError: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A connection that lasted this long was healthy: the next drop starts the backoff afresh.
 * Resetting on login instead would reconnect every second to a server that drops us right
 * after login. */
const STABLE_CONNECTION_MS = 60_000;

export class MailboxWatcher {
  readonly status: WatcherStatus = { connected: false, lastSyncAt: null, lastError: null };
  private client: ImapFlow | null = null;
  private stopping = false;
  private syncing: Promise<number> | null = null;
  private syncAgain = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private resyncTimer: NodeJS.Timeout | null = null;
  private attempts = 0;
  private connectedAt = 0;

  constructor(private readonly options: WatcherOptions) {}

  /**
   * Connects and catches up once. Throws when that fails (e.g. login refused), unless
   * `keepTrying`: then it records the error in `status` and retries with backoff.
   */
  async start(options: { keepTrying: boolean }): Promise<number> {
    this.scheduleResync();
    try {
      await this.connect();
      return await this.sync();
    } catch (err) {
      if (!options.keepTrying) throw err;
      this.retryLater(err);
      return 0;
    }
  }

  /** Catches up now; concurrent calls share one pass, and a call during a pass adds one more. */
  sync(): Promise<number> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      let total = 0;
      do {
        this.syncAgain = false;
        total += await this.catchUp();
      } while (this.syncAgain && !this.stopping);
      return total;
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    await this.syncing?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    if (client?.usable) await client.logout().catch(() => client.close());
    this.status.connected = false;
  }

  private async connect(): Promise<void> {
    const { settings, mailbox, log } = this.options;
    // IDLE as soon as the connection is free: a watcher that waits 15 s is deaf for 15 s.
    const client = await connectImap(settings, log, { autoIdleDelay: 50 });
    client.on('exists', () => {
      this.sync().catch((err) => this.failed(err));
    });
    client.on('close', () => this.onClose(client));
    try {
      await client.mailboxOpen(mailbox);
    } catch (err) {
      await client.logout().catch(() => client.close());
      throw new BlockedError(
        'FOLDER_MISSING',
        `cannot open mailbox "${mailbox}": ${describeError(err)}`,
        'check mailboxes.inbox',
        err,
      );
    }
    this.client = client;
    this.connectedAt = Date.now();
    this.status.connected = true;
    this.status.lastError = null;
    log.info({ mailbox }, 'watching mailbox');
    this.changed();
  }

  private async catchUp(): Promise<number> {
    const client = this.client;
    if (!client?.usable) return 0;
    const { store, mailbox, log } = this.options;
    const saved = await store.getSync(mailbox);
    const current = mailboxState(client);
    const resume = saved && saved.uidValidity === current.uidValidity;
    if (saved && !resume) {
      log.warn(
        { mailbox, was: saved.uidValidity, now: current.uidValidity },
        'UIDVALIDITY changed: looking back again',
      );
    }
    const range = resume
      ? { afterUid: saved.lastUid }
      : { since: new Date(this.options.now().getTime() - this.options.lookbackDays * DAY_MS) };
    const { state, uids } = await searchCandidates(client, mailbox, range);
    if (state.uidValidity !== current.uidValidity) return 0; // recreated meanwhile: the next pass starts over
    if (uids.length > 0)
      await this.options.enqueue(
        uids.map((uid) => ({ mailbox, uidValidity: state.uidValidity, uid })),
      );
    // Every UID below uidNext existed when the mailbox was opened, so the search has seen it.
    const lastUid = Math.max(resume ? saved.lastUid : 0, state.uidNext - 1, ...uids);
    const at = this.options.now();
    await store.setSync(mailbox, { uidValidity: state.uidValidity, lastUid }, at);
    this.status.lastSyncAt = at.toISOString();
    this.changed();
    if (uids.length > 0) log.info({ mailbox, found: uids.length }, 'queued candidate messages');
    return uids.length;
  }

  private onClose(client: ImapFlow): void {
    if (client !== this.client) return;
    this.client = null;
    this.status.connected = false;
    if (!this.stopping) this.status.lastError = 'IMAP connection closed';
    this.changed();
    if (this.stopping) return;
    if (Date.now() - this.connectedAt >= STABLE_CONNECTION_MS) this.attempts = 0;
    this.options.log.warn('IMAP connection closed; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.reconnectTimer) return;
    const delay = backoffDelay(this.attempts);
    this.attempts++;
    this.options.log.info(
      { attempt: this.attempts, inMs: Math.round(delay) },
      'reconnecting to mailbox',
    );
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect()
        .then(() => this.sync())
        .catch((err) => this.retryLater(err));
    }, delay);
  }

  /** After a failed connect or catch-up: start over on a fresh connection, after a backoff. */
  private retryLater(err: unknown): void {
    this.failed(err);
    const client = this.client;
    this.client = null; // so that its close does not schedule a second attempt
    this.status.connected = false;
    if (client?.usable) client.close();
    this.scheduleReconnect();
  }

  private scheduleResync(): void {
    const every = this.options.resyncMs ?? 5 * 60 * 1000;
    this.resyncTimer = setInterval(() => {
      if (this.client?.usable) this.sync().catch((err) => this.failed(err));
    }, every);
    this.resyncTimer.unref();
  }

  private failed(err: unknown): void {
    this.status.lastError = describeError(err);
    this.options.log.error({ err: { message: this.status.lastError } }, 'mailbox watcher error');
    this.changed();
  }

  private changed(): void {
    this.options.onStatus?.(this.status);
  }
}

/**
 * Watches one mailbox over one long-lived connection: selects it read-only, IDLEs, and runs a
 * catch-up pass on that same connection after connecting, on every new-mail notification
 * (EXISTS), on a timer as a safety net for missed pushes, and after every reconnect. Passes never
 * overlap; a notification during a pass adds one more. A dropped connection is reopened after a
 * backoff that the caller chooses per error (a refused login waits much longer than a reset).
 */
import type { ImapFlow } from 'imapflow';
import { BlockedError, describeError } from '../errors.ts';
import type { Logger } from '../log.ts';

export interface WatcherOptions {
  mailbox: string;
  /** Opens a logged-in connection that IDLEs as soon as it is free. */
  connect(): Promise<ImapFlow>;
  /** One catch-up pass over the selected mailbox on `client`. */
  catchUp(client: ImapFlow): Promise<void>;
  /** How long to wait before reconnecting after `err`, the `attempt`-th failure in a row. */
  retryDelay(err: unknown, attempt: number): number;
  /** Catch up this often even without a notification. */
  resyncMs: number;
  /** Connected (mailbox selected), or not with the error that stopped it. */
  onState(state: { connected: boolean; error: unknown }): void;
  log: Logger;
}

/** A connection that lasted this long was healthy: the next drop starts the backoff afresh.
 * Resetting on login instead would reconnect every second to a server that drops us right
 * after login. */
const STABLE_CONNECTION_MS = 60_000;

export class MailboxWatcher {
  private client: ImapFlow | null = null;
  private stopping = false;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private resyncTimer: NodeJS.Timeout | null = null;
  private passTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private passFailures = 0;
  private connectedAt = 0;

  constructor(private readonly options: WatcherOptions) {}

  get connected(): boolean {
    return this.client?.usable === true;
  }

  /**
   * Connects and catches up once. With `keepTrying` a failure is reported through onState and
   * retried in the background; without, it is thrown (run --once).
   */
  async start(options: { keepTrying: boolean }): Promise<void> {
    this.resyncTimer = setInterval(() => {
      if (this.connected) this.trigger();
    }, this.options.resyncMs);
    this.resyncTimer.unref();
    try {
      await this.connect();
      await this.sync();
    } catch (err) {
      if (!options.keepTrying) throw err;
      this.retryLater(err);
    }
  }

  /** Catches up now; concurrent calls share one pass, and a call during a pass adds one more. */
  sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.syncAgain = false;
        const client = this.client;
        if (!client?.usable) return;
        const lock = await client.getMailboxLock(this.options.mailbox, { readOnly: true });
        try {
          await this.options.catchUp(client);
        } finally {
          lock.release();
        }
      } while (this.syncAgain && !this.stopping);
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /** Runs `fn` on the watcher's connection when it is up (a cheap STATUS between IDLEs). */
  async withConnection<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T | null> {
    const client = this.client;
    if (!client?.usable) return null;
    return fn(client);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.passTimer) clearTimeout(this.passTimer);
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    await this.syncing?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    if (client?.usable) await client.logout().catch(() => client.close());
  }

  private async connect(): Promise<void> {
    const { mailbox, log } = this.options;
    const client = await this.options.connect();
    client.on('exists', () => this.trigger());
    client.on('close', () => this.onClose(client));
    try {
      await client.mailboxOpen(mailbox, { readOnly: true });
    } catch (err) {
      await client.logout().catch(() => client.close());
      throw new BlockedError(
        'FOLDER_MISSING',
        `cannot open mailbox "${mailbox}": ${describeError(err)}`,
        'check mailboxes.inbox',
        err,
      );
    }
    if (this.stopping) {
      await client.logout().catch(() => client.close());
      return;
    }
    this.client = client;
    this.connectedAt = Date.now();
    log.info({ mailbox }, 'watching mailbox');
    this.options.onState({ connected: true, error: null });
  }

  /** A pass in the background; one that fails is tried again after a backoff, not at the next mail. */
  private trigger(): void {
    this.sync().then(
      () => {
        this.passFailures = 0;
      },
      (err: unknown) => {
        this.failed(err);
        if (this.stopping || this.passTimer || !this.connected) return; // a reconnect syncs anyway
        const delay = this.options.retryDelay(err, this.passFailures++);
        this.passTimer = setTimeout(() => {
          this.passTimer = null;
          this.trigger();
        }, delay);
      },
    );
  }

  private onClose(client: ImapFlow): void {
    if (client !== this.client) return;
    this.client = null;
    if (this.stopping) return;
    if (Date.now() - this.connectedAt >= STABLE_CONNECTION_MS) this.failures = 0;
    this.options.log.warn(
      { mailbox: this.options.mailbox },
      'IMAP connection closed; reconnecting',
    );
    this.scheduleReconnect(new Error('IMAP connection closed'));
  }

  private scheduleReconnect(err: unknown): void {
    if (this.stopping || this.reconnectTimer) return;
    this.options.onState({ connected: false, error: err });
    const delay = this.options.retryDelay(err, this.failures);
    this.failures++;
    this.options.log.debug({ attempt: this.failures, inMs: Math.round(delay) }, 'reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect()
        .then(() => this.sync())
        .catch((e) => this.retryLater(e));
    }, delay);
  }

  /** After a failed connect or catch-up: start over on a fresh connection, after a backoff. */
  private retryLater(err: unknown): void {
    if (this.stopping) return;
    this.failed(err);
    const client = this.client;
    this.client = null; // so that its close does not schedule a second attempt
    if (client?.usable) client.close();
    this.scheduleReconnect(err);
  }

  private failed(err: unknown): void {
    if (this.stopping) return;
    this.options.log.warn(
      { mailbox: this.options.mailbox, err: describeError(err) },
      'mailbox watcher error',
    );
  }
}

/**
 * Watches one mailbox over one long-lived connection: selects it read-only, IDLEs, and runs a
 * catch-up pass on that same connection after connecting, on every new-mail notification
 * (EXISTS), on a timer as a safety net for missed pushes, and after every reconnect. Passes never
 * overlap; a notification during a pass adds one more. A pass that fails on a live connection is
 * tried again after a backoff; a lost connection is reopened after a backoff that the caller
 * chooses per error (a refused login waits much longer than a reset). Only one connection is
 * current at a time: failures of an older one are ignored.
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
  /** How long to wait before trying again after `err`, the `attempt`-th failure in a row. */
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
  private passTimer: NodeJS.Timeout | null = null;
  private resyncTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private passFailures = 0;
  private connectedAt = 0;
  /** Counts connection attempts: a late failure of an earlier one is not this one's. */
  private generation = 0;

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
    if (!options.keepTrying) {
      await this.connect(++this.generation);
      await this.sync();
      return;
    }
    this.attempt();
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

  /** A reconnect waiting out its delay goes now (the config changed: the cause may be gone). */
  retryNow(): void {
    if (!this.reconnectTimer || this.stopping) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.attempt();
  }

  /** Runs `fn` on the watcher's connection when it is up (a cheap STATUS between IDLEs). */
  async withConnection<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T | null> {
    const client = this.client;
    if (!client?.usable) return null;
    return fn(client);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of [this.reconnectTimer, this.passTimer]) if (timer) clearTimeout(timer);
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    const client = this.client;
    this.client = null;
    // Logging out ends a pass stuck on the connection; then the pass can be waited for.
    if (client?.usable) await client.logout().catch(() => client.close());
    await this.syncing?.catch(() => undefined);
  }

  /** Connects and catches up; on failure, tries again after the caller's delay. */
  private attempt(): void {
    const generation = ++this.generation;
    this.connect(generation)
      .then(() => this.sync())
      .then(
        () => {
          this.passFailures = 0;
        },
        (err: unknown) => {
          if (generation === this.generation) this.lost(err);
        },
      );
  }

  private async connect(generation: number): Promise<void> {
    const { mailbox, log } = this.options;
    const client = await this.options.connect();
    client.on('exists', () => this.trigger());
    client.on('close', () => {
      if (client !== this.client) return;
      if (Date.now() - this.connectedAt >= STABLE_CONNECTION_MS) this.failures = 0;
      log.warn({ mailbox }, 'IMAP connection closed; reconnecting');
      this.lost(new Error('IMAP connection closed'));
    });
    try {
      await client.mailboxOpen(mailbox, { readOnly: true });
    } catch (err) {
      // Only a fresh LIST that lacks the folder makes this a person's problem; a connection cut
      // during SELECT, or any other refusal, is retried like any lost connection.
      const missing = await isMissing(client, mailbox);
      await client.logout().catch(() => client.close());
      if (!missing) throw err;
      throw new BlockedError(
        'FOLDER_MISSING',
        `cannot open mailbox "${mailbox}": ${describeError(err)}`,
        'check mailboxes.inbox',
        err,
      );
    }
    if (this.stopping || generation !== this.generation) {
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
    const client = this.client;
    this.sync().then(
      () => {
        this.passFailures = 0;
      },
      (err: unknown) => {
        if (this.stopping) return;
        this.options.log.warn(
          { mailbox: this.options.mailbox, err: describeError(err) },
          'catch-up failed',
        );
        if (client !== this.client || !this.connected) return; // the reconnect catches up anyway
        if (this.passTimer) return;
        this.passTimer = setTimeout(
          () => {
            this.passTimer = null;
            this.trigger();
          },
          this.options.retryDelay(err, this.passFailures++),
        );
      },
    );
  }

  /** The current connection is unusable or could not be made: drop it and try again later. */
  private lost(err: unknown): void {
    if (this.stopping || this.reconnectTimer) return;
    const client = this.client;
    this.client = null; // so that its close does not schedule a second attempt
    if (client?.usable) client.close();
    this.options.onState({ connected: false, error: err });
    if (!(err instanceof Error && err.message === 'IMAP connection closed'))
      this.options.log.warn(
        { mailbox: this.options.mailbox, err: describeError(err) },
        'mailbox watcher error',
      );
    const delay = this.options.retryDelay(err, this.failures);
    this.failures++;
    this.options.log.debug({ attempt: this.failures, inMs: Math.round(delay) }, 'reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.attempt();
    }, delay);
  }
}

/** True only when the server answers LIST and no folder of that name is among them. */
async function isMissing(client: ImapFlow, mailbox: string): Promise<boolean> {
  if (!client.usable) return false;
  try {
    const boxes = await client.list();
    const wanted = mailbox.toUpperCase() === 'INBOX' ? 'INBOX' : mailbox;
    return !boxes.some((b) => (b.path.toUpperCase() === 'INBOX' ? 'INBOX' : b.path) === wanted);
  } catch {
    return false;
  }
}

/**
 * A second connection for the account's other folders (Drafts, Sent, Trash), opened on first use,
 * reopened after it drops, and closed after a while without use, so that an idle account holds
 * only its watcher's connection. A command that fails on a dropped connection throws a
 * retryable error; the caller tries again later, on a fresh connection.
 */
import type { ImapFlow } from 'imapflow';
import { MailboxUnavailableError } from '../errors.ts';

export interface SessionOptions {
  connect(): Promise<ImapFlow>;
  /** Close the connection after this long without a command. */
  idleCloseMs: number;
}

export class ImapSession {
  private current: ImapFlow | null = null;
  private opening: Promise<ImapFlow> | null = null;
  private busy = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SessionOptions) {}

  /** Runs `fn` on a usable connection; a connection lost under it becomes a retryable error. */
  async run<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    this.busy++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    try {
      const client = await this.client();
      try {
        return await fn(client);
      } catch (err) {
        if (client.usable) throw err;
        this.current = null;
        throw new MailboxUnavailableError(`IMAP connection lost: ${describe(err)}`, err);
      }
    } finally {
      this.busy--;
      if (this.busy === 0) {
        this.idleTimer = setTimeout(() => void this.close(), this.options.idleCloseMs);
        this.idleTimer.unref();
      }
    }
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const client = this.current;
    this.current = null;
    if (client?.usable) await client.logout().catch(() => client.close());
  }

  private async client(): Promise<ImapFlow> {
    if (this.current?.usable) return this.current;
    this.opening ??= this.options.connect().finally(() => {
      this.opening = null;
    });
    this.current = await this.opening;
    return this.current;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

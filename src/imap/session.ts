/**
 * A long-lived IMAP connection for the job handlers, opened on first use and reopened after
 * it drops. A command that fails on a dropped connection throws a retryable error; the queue
 * retries the job later, on a fresh connection.
 */
import type { ImapFlow } from 'imapflow';
import type { Logger } from '../log.ts';
import { connectImap, describeImapFailure, type ImapSettings } from './connect.ts';

export class ImapSession {
  private current: ImapFlow | null = null;
  private opening: Promise<ImapFlow> | null = null;

  constructor(
    private readonly settings: ImapSettings,
    private readonly log: Logger,
  ) {}

  /** Runs `fn` on a usable connection; connection failures become retryable errors. */
  async run<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = await this.client();
    try {
      return await fn(client);
    } catch (err) {
      if (client.usable) throw err;
      this.current = null;
      throw describeImapFailure(err, this.settings);
    }
  }

  async close(): Promise<void> {
    const client = this.current;
    this.current = null;
    if (client?.usable) await client.logout().catch(() => client.close());
  }

  private async client(): Promise<ImapFlow> {
    if (this.current?.usable) return this.current;
    this.opening ??= connectImap(this.settings, this.log).finally(() => {
      this.opening = null;
    });
    this.current = await this.opening;
    return this.current;
  }
}

// Helpers for integration tests, built on the servers provided by globalSetup.ts.
import { randomBytes } from 'node:crypto';
import { ImapFlow, type MessageEnvelopeObject } from 'imapflow';
import { inject } from 'vitest';

const suffix = (): string => randomBytes(5).toString('hex');

/** A username nobody else uses, so it gets a fresh empty mailbox on the shared Dovecot. */
export function uniqueUser(prefix = 'user'): string {
  return `${prefix}-${suffix()}`;
}

export function imapUrlFor(user: string): string {
  const password = encodeURIComponent(inject('dovecotPassword'));
  return `imap://${encodeURIComponent(user)}:${password}@${inject('dovecotHost')}:${inject('dovecotPort')}`;
}

export function redisUrl(): string {
  return inject('redisUrl');
}

/** A key prefix nobody else uses on the shared Redis. */
export function uniqueRedisPrefix(prefix = 'test'): string {
  return `${prefix}:${suffix()}:`;
}

/** Logs in as `user` on the shared Dovecot, runs `fn`, and logs out even when `fn` throws. */
export function withImap<T>(user: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const server = {
    host: inject('dovecotHost'),
    port: inject('dovecotPort'),
    password: inject('dovecotPassword'),
  };
  return withImapOn(server, user, fn);
}

/** The same on any test Dovecot (a test's private one, which may offer STARTTLS with a self-signed certificate). */
export async function withImapOn<T>(
  server: { host: string; port: number; password: string },
  user: string,
  fn: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user, pass: server.password },
    tls: { rejectUnauthorized: false },
    logger: false,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Appends a raw message; resolves with its UID. */
export function appendRaw(
  user: string,
  mailbox: string,
  raw: Buffer | string,
  flags: string[] = [],
): Promise<number | undefined> {
  return withImap(user, async (client) => {
    const result = await client.append(mailbox, raw, flags);
    return result ? result.uid : undefined;
  });
}

export interface ListedMessage {
  uid: number;
  flags: string[];
  envelope: MessageEnvelopeObject | undefined;
  source: Buffer;
}

/** Every message in the mailbox, in UID order. */
export function listMessages(user: string, mailbox: string): Promise<ListedMessage[]> {
  return withImap(user, async (client) => {
    const lock = await client.getMailboxLock(mailbox, { readOnly: true });
    try {
      if (client.mailbox === false || client.mailbox.exists === 0) return [];
      const messages = await client.fetchAll(
        '1:*',
        { uid: true, flags: true, envelope: true, source: true },
        { uid: true },
      );
      return messages
        .map((m) => ({
          uid: m.uid,
          flags: [...(m.flags ?? [])].sort(),
          envelope: m.envelope,
          source: m.source ?? Buffer.alloc(0),
        }))
        .sort((a, b) => a.uid - b.uid);
    } finally {
      lock.release();
    }
  });
}

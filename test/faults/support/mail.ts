// IMAP helpers for a private Dovecot: append, list drafts by the header wherewemet stamps on
// them, and recreate or rename folders.
import { INVITATION_HEADER } from '../../../src/draft/headers.ts';
import { withImapOn } from '../../harness/context.ts';
import type { DovecotServer } from '../../harness/dovecot.ts';

/** Logs in as `user` on this test's Dovecot, runs `fn`, logs out. */
export const withMailbox = withImapOn;

export function appendAll(
  server: DovecotServer,
  user: string,
  mailbox: string,
  raws: Array<Buffer | string>,
): Promise<void> {
  return withMailbox(server, user, async (client) => {
    for (const raw of raws) await client.append(mailbox, raw);
  });
}

export interface StoredMessage {
  uid: number;
  source: Buffer;
  /** The raw header block, unfolded lines as sent. */
  header: string;
}

export function messagesIn(
  server: DovecotServer,
  user: string,
  mailbox: string,
): Promise<StoredMessage[]> {
  return withMailbox(server, user, async (client) => {
    const lock = await client.getMailboxLock(mailbox, { readOnly: true });
    try {
      if (client.mailbox === false || client.mailbox.exists === 0) return [];
      const found = await client.fetchAll('1:*', { uid: true, source: true }, { uid: true });
      return found.map((m) => {
        const source = m.source ?? Buffer.alloc(0);
        const text = source.toString('latin1');
        const end = text.search(/\r?\n\r?\n/);
        return { uid: m.uid, source, header: end < 0 ? text : text.slice(0, end) };
      });
    } finally {
      lock.release();
    }
  });
}

/** Invitation key → how many drafts carry it, over every draft in the folder. */
export async function draftsByInvitation(
  server: DovecotServer,
  user: string,
  mailbox = 'Drafts',
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const m of await messagesIn(server, user, mailbox)) {
    const key = new RegExp(`^${INVITATION_HEADER}:\\s*(\\S+)`, 'mi').exec(m.header)?.[1] ?? '?';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function folders(server: DovecotServer, user: string): Promise<string[]> {
  return withMailbox(server, user, async (client) => (await client.list()).map((b) => b.path));
}

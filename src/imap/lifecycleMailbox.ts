/**
 * The mailbox operations of the draft lifecycle: what is in Drafts, which replies are in Sent,
 * a draft's current source, and removing, replacing or filing a message. Small functions over
 * an open connection, like mailbox.ts; none of them sends mail.
 */
import type { ImapFlow } from 'imapflow';
import type { DraftSummary, SentReply } from '../decide/judge.ts';
import { INVITATION_HEADER } from '../draft/headers.ts';
import { searchUids } from './fetch.ts';

/**
 * The mailbox, read-only, as it is now. Selected earlier on this connection, it may still list a
 * message another client expunged (a draft the user deleted): a server tells of expunges and new
 * messages only at commands such as NOOP, not during FETCH or SEARCH (RFC 3501 7.4.1).
 */
async function lockFresh(client: ImapFlow, path: string) {
  const open = client.mailbox !== false && client.mailbox.path === path;
  const lock = await client.getMailboxLock(path, { readOnly: true });
  if (open)
    await client.noop().catch((err: unknown) => {
      lock.release();
      throw err;
    });
  return lock;
}

/** Every message in Drafts, by its threading headers; Drafts is small, so this is one FETCH. */
export async function summarizeDrafts(client: ImapFlow, path: string): Promise<DraftSummary[]> {
  const lock = await lockFresh(client, path);
  try {
    if (client.mailbox === false || client.mailbox.exists === 0) return [];
    const messages = await client.fetchAll(
      '1:*',
      {
        uid: true,
        size: true,
        envelope: true,
        headers: ['references', INVITATION_HEADER.toLowerCase()],
      },
      { uid: true },
    );
    return messages.map((m) => {
      const headers = parseHeaderBlock(m.headers?.toString('utf8') ?? '');
      return {
        uid: m.uid,
        size: m.size ?? 0,
        messageId: m.envelope?.messageId ?? null,
        inReplyTo: m.envelope?.inReplyTo ?? null,
        references: (headers.get('references') ?? '').match(/<[^<>\s]+>/g) ?? [],
        invitation: headers.get(INVITATION_HEADER.toLowerCase()) ?? null,
      };
    });
  } finally {
    lock.release();
  }
}

/** Messages in Sent whose In-Reply-To or References name `messageId`, with their recipients. */
export async function findReplies(
  client: ImapFlow,
  sentPath: string,
  messageId: string,
): Promise<SentReply[]> {
  const lock = await lockFresh(client, sentPath);
  try {
    const uids = await searchUids(client, {
      or: [{ header: { 'In-Reply-To': messageId } }, { header: { References: messageId } }],
    });
    if (uids.length === 0) return [];
    const messages = await client.fetchAll(
      uids.join(','),
      { uid: true, envelope: true },
      {
        uid: true,
      },
    );
    return messages.map((m) => ({
      uid: m.uid,
      recipients: [...(m.envelope?.to ?? []), ...(m.envelope?.cc ?? []), ...(m.envelope?.bcc ?? [])]
        .map((a) => a.address ?? '')
        .filter((a) => a !== ''),
    }));
  } finally {
    lock.release();
  }
}

/** A message's raw source, or null when it is no longer there. */
export async function fetchSource(
  client: ImapFlow,
  path: string,
  uid: number,
): Promise<Buffer | null> {
  const lock = await client.getMailboxLock(path);
  try {
    const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    return msg === false ? null : (msg.source ?? null);
  } finally {
    lock.release();
  }
}

/** Moves a message to Trash when there is one, else deletes it for good. */
export async function removeMessage(
  client: ImapFlow,
  path: string,
  uid: number,
  trashPath: string | null,
): Promise<void> {
  const lock = await client.getMailboxLock(path);
  try {
    if (trashPath && trashPath !== path)
      await client.messageMove(String(uid), trashPath, { uid: true });
    else await client.messageDelete(String(uid), { uid: true });
  } finally {
    lock.release();
  }
}

/**
 * What a folder looks like from outside, in one STATUS command: it changes whenever a message is
 * added, removed or (with CONDSTORE) changed, so an unchanged signature spares a full look.
 */
export async function folderSignature(client: ImapFlow, path: string): Promise<string> {
  const condstore = client.capabilities.has('CONDSTORE');
  const status = await client.status(path, {
    messages: true,
    uidNext: true,
    uidValidity: true,
    ...(condstore ? { highestModseq: true } : {}),
  });
  if (status === false) return 'missing';
  return [status.messages, status.uidNext, status.uidValidity, status.highestModseq ?? ''].join(
    ':',
  );
}

/** "References: <a>\r\n <b>" → lower-case names to unfolded values. */
function parseHeaderBlock(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) out.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return out;
}

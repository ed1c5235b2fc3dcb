/**
 * Mailbox operations the pipeline needs, each a small function over an open connection.
 * UIDs are the stable handles; every operation takes the mailbox lock so commands of one
 * sequence are not interleaved with another's.
 */
import type { ImapFlow } from 'imapflow';
import { BlockedError } from '../errors.ts';
import { searchUids } from './fetch.ts';

const CONFIG_KEY = {
  '\\Drafts': 'mailboxes.drafts',
  '\\Sent': 'mailboxes.sent',
  '\\Trash': 'mailboxes.trash',
} as const;
type SpecialUse = keyof typeof CONFIG_KEY;

/** A special-use folder (RFC 6154) or the configured one; null when the server marks none. */
export async function resolveSpecialMailbox(
  client: ImapFlow,
  use: SpecialUse,
  configured: string | null,
): Promise<string | null> {
  return pickMailbox(await client.list(), use, configured);
}

/** The Drafts folder: the configured name, or the one the server marks \Drafts; an error if none. */
export async function resolveDraftsMailbox(
  client: ImapFlow,
  configured: string | null,
): Promise<string> {
  const boxes = await client.list();
  const path = pickMailbox(boxes, '\\Drafts', configured);
  if (path) return path;
  throw new BlockedError(
    'FOLDER_MISSING',
    `no folder is marked \\Drafts on the server (found: ${boxes
      .map((b) => b.path)
      .slice(0, 10)
      .join(', ')})`,
    'name your drafts folder in mailboxes.drafts',
  );
}

function pickMailbox(
  boxes: Array<{ path: string; specialUse?: string }>,
  use: SpecialUse,
  configured: string | null,
): string | null {
  if (configured) {
    if (boxes.some((b) => b.path === configured)) return configured;
    const what = use === '\\Drafts' ? 'Drafts folder' : 'folder';
    throw new BlockedError(
      'FOLDER_MISSING',
      `${what} "${configured}" (${CONFIG_KEY[use]}) does not exist on the server`,
      `create it, or change ${CONFIG_KEY[use]}`,
    );
  }
  return boxes.find((b) => b.specialUse === use)?.path ?? null;
}

/** UIDs of the drafts that carry our header for this invitation, ascending. */
export async function findDrafts(
  client: ImapFlow,
  path: string,
  header: string,
  invitationKey: string,
): Promise<number[]> {
  const lock = await client.getMailboxLock(path).catch((err: unknown) => explainRefusal(err, path));
  try {
    // HEADER search matches substrings; confirm the exact value before trusting a hit.
    const uids = await searchUids(client, { header: { [header]: invitationKey } });
    if (uids.length === 0) return [];
    const exact: number[] = [];
    for await (const msg of client.fetch(
      uids.join(','),
      { uid: true, headers: [header] },
      { uid: true },
    )) {
      const value = msg.headers
        ?.toString('utf8')
        .replace(/^[^:]*:/, '')
        .trim();
      if (value === invitationKey) exact.push(msg.uid);
    }
    return exact.sort((a, b) => a - b);
  } finally {
    lock.release();
  }
}

/** Appends a message with flags; resolves with its UID when the server says (UIDPLUS). */
export async function appendMessage(
  client: ImapFlow,
  path: string,
  raw: Buffer,
  flags: string[],
): Promise<number | null> {
  const result = await client.append(path, raw, flags);
  return result && typeof result === 'object' && result.uid ? Number(result.uid) : null;
}

/** Appends a draft, flagged \Draft and \Seen so clients list it as an unsent draft. */
export function appendDraft(client: ImapFlow, path: string, raw: Buffer): Promise<number | null> {
  return appendMessage(client, path, raw, ['\\Draft', '\\Seen']).catch((err: unknown) =>
    explainRefusal(err, path),
  );
}

/**
 * The server said no to the Drafts folder (renamed or deleted meanwhile, over quota): say which
 * folder and let the queue retry; the folder is looked up again when the worker restarts.
 */
function explainRefusal(err: unknown, path: string): never {
  const refusal = err as { responseStatus?: string; responseText?: string };
  if (refusal.responseStatus !== 'NO') throw err;
  throw new BlockedError(
    'FOLDER_REFUSED',
    `cannot write to the Drafts folder "${path}": ${refusal.responseText ?? 'refused by the server'}`,
    'check that the folder exists and the mailbox is not over quota',
    err,
  );
}

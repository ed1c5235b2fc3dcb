/**
 * Mailbox operations the pipeline needs, each a small function over an open connection.
 * UIDs are the stable handles; every operation takes the mailbox lock so commands of one
 * sequence are not interleaved with another's.
 */
import type { ImapFlow, SearchObject } from 'imapflow';
import { BlockedError } from '../errors.ts';

export interface MailboxState {
  uidValidity: string;
  uidNext: number;
}

/**
 * Candidates for LinkedIn mail, selected by the server so other mail is never downloaded:
 * a From that mentions LinkedIn (its own domain, "via LinkedIn", imitations spelled the same)
 * or LinkedIn's own headers. Look-alike spellings are included to catch imitations.
 */
const CANDIDATES: SearchObject = {
  or: [
    { from: 'linkedin' },
    { from: 'linkedln' },
    { from: 'linkdin' },
    { from: 'linnkedin' },
    { header: { 'X-LinkedIn-Class': true } },
    { header: { 'X-LinkedIn-Template': true } },
  ],
};

/** UIDs of candidate messages: above `afterUid`, or on the first run, arrived since `since`. */
export async function searchCandidates(
  client: ImapFlow,
  path: string,
  range: { afterUid: number } | { since: Date },
): Promise<{ state: MailboxState; uids: number[] }> {
  const lock = await client.getMailboxLock(path);
  try {
    const state = mailboxState(client);
    const query: SearchObject =
      'afterUid' in range
        ? { ...CANDIDATES, uid: `${range.afterUid + 1}:*` }
        : { ...CANDIDATES, since: range.since };
    const found = (await client.search(query, { uid: true })) || [];
    // "N:*" always matches the last message, even below N (RFC 3501 6.4.8).
    const uids = found
      .filter((uid) => !('afterUid' in range) || uid > range.afterUid)
      .sort((a, b) => a - b);
    return { state, uids };
  } finally {
    lock.release();
  }
}

export function mailboxState(client: ImapFlow): MailboxState {
  const mailbox = client.mailbox;
  if (!mailbox) throw new Error('no mailbox selected');
  return { uidValidity: String(mailbox.uidValidity), uidNext: Number(mailbox.uidNext) };
}

export type FetchedMessage =
  | { status: 'found'; source: Buffer }
  | { status: 'too-large'; size: number }
  | { status: 'gone' }
  | { status: 'uidvalidity-changed' };

/** One message's raw source, after checking its size, so an oversized message is never downloaded. */
export async function fetchMessage(
  client: ImapFlow,
  path: string,
  uidValidity: string,
  uid: number,
  maxBytes: number,
): Promise<FetchedMessage> {
  const lock = await client.getMailboxLock(path);
  try {
    if (mailboxState(client).uidValidity !== uidValidity) return { status: 'uidvalidity-changed' };
    const meta = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
    if (!meta) return { status: 'gone' };
    if ((meta.size ?? 0) > maxBytes) return { status: 'too-large', size: meta.size ?? 0 };
    const full = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    if (full === false || !full.source) return { status: 'gone' };
    return { status: 'found', source: full.source };
  } finally {
    lock.release();
  }
}

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

/** The UID of a draft we already wrote for this invitation, found by our header; null if none. */
export async function findDraft(
  client: ImapFlow,
  path: string,
  header: string,
  invitationKey: string,
): Promise<number | null> {
  const lock = await client.getMailboxLock(path).catch((err: unknown) => explainRefusal(err, path));
  try {
    // HEADER search matches substrings; confirm the exact value before trusting a hit.
    const uids =
      (await client.search({ header: { [header]: invitationKey } }, { uid: true })) || [];
    if (uids.length === 0) return null;
    for await (const msg of client.fetch(
      uids.join(','),
      { uid: true, headers: [header] },
      { uid: true },
    )) {
      const value = msg.headers
        ?.toString('utf8')
        .replace(/^[^:]*:/, '')
        .trim();
      if (value === invitationKey) return msg.uid;
    }
    return null;
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

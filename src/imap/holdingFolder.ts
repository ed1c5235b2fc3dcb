/**
 * Where an approval keeps a draft while it sends it: out of Drafts, so the mail client can no
 * longer open and send it too, and in Trash under a UID the approval knows, so nothing is lost
 * whatever the outcome. IMAP MOVE is atomic on the server (RFC 6851): of an approval and a mail
 * client that takes the same draft, exactly one gets it, and COPYUID (RFC 4315, UIDPLUS) says
 * which UID it got.
 */
import type { ImapFlow } from 'imapflow';
import type { Config } from '../config/schema.ts';
import { resolveDraftsMailbox, resolveSpecialMailbox } from './mailbox.ts';
import type { ImapSession } from './session.ts';

export interface HoldingFolder {
  /** Takes the draft out of Drafts; its UID in the holding folder, or null when it was gone. */
  take(draftUid: number): Promise<number | null>;
  /** Replaces the held copy with `raw` (an edit saved as part of the approval); the new UID. */
  replace(heldUid: number, raw: Buffer): Promise<number>;
  source(heldUid: number): Promise<Buffer | null>;
  /** Puts it back in Drafts (nothing was sent); its new UID there, or null when it was gone. */
  giveBack(heldUid: number): Promise<number | null>;
  /** Deletes the held copy once the mail is out. */
  drop(heldUid: number): Promise<void>;
}

/** The holding folder of this mailbox, or why approvals cannot hold a draft safely here. */
export async function imapHoldingFolder(
  session: ImapSession,
  mailboxes: Config['mailboxes'],
): Promise<HoldingFolder | { unavailable: string }> {
  const { drafts, trash, uidplus } = await session.run(async (c) => ({
    drafts: await resolveDraftsMailbox(c, mailboxes.drafts),
    trash: await resolveSpecialMailbox(c, '\\Trash', mailboxes.trash),
    uidplus: c.capabilities.has('UIDPLUS'),
  }));
  if (!trash || trash === drafts)
    return {
      unavailable:
        'there is no Trash folder to set the draft aside in while it is sent; name one in mailboxes.trash',
    };
  if (!uidplus)
    return {
      unavailable:
        'the mail server does not say where it moves a message (no UIDPLUS), so wherewemet cannot set the draft aside safely; send it from your mail client',
    };
  const inFolder = <T>(path: string, fn: (c: ImapFlow) => Promise<T>) =>
    session.run(async (c) => {
      const lock = await c.getMailboxLock(path);
      try {
        return await fn(c);
      } finally {
        lock.release();
      }
    });
  const move = (from: string, to: string, uid: number) =>
    inFolder(from, async (c) => {
      const moved = await c.messageMove(String(uid), to, { uid: true });
      return (moved ? moved.uidMap?.get(uid) : undefined) ?? null;
    });
  return {
    take: (uid) => move(drafts, trash, uid),
    giveBack: (uid) => move(trash, drafts, uid),
    async replace(heldUid, raw) {
      const appended = await session.run((c) => c.append(trash, raw, ['\\Draft', '\\Seen']));
      const uid = appended && typeof appended === 'object' ? appended.uid : undefined;
      if (!uid)
        throw new Error(`the server did not say where it saved the edited draft in ${trash}`);
      await inFolder(trash, (c) => c.messageDelete(String(heldUid), { uid: true }));
      return Number(uid);
    },
    source: (uid) =>
      inFolder(trash, async (c) => {
        const msg = await c.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        return msg === false ? null : (msg.source ?? null);
      }),
    async drop(uid) {
      await inFolder(trash, (c) => c.messageDelete(String(uid), { uid: true }));
    },
  };
}

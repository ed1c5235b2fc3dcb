/**
 * The account's folders on IMAP: Drafts, Sent and Trash resolved once, and the two views of them
 * that the service uses, over the account's second connection: the lifecycle's (what became of
 * each draft) and the draft writer's (find, append, remove). Neither can send mail. Their
 * interfaces are declared here, with the IMAP implementation; the flows that use them and the
 * tests' in-memory mailboxes import them from here.
 */
import type { ImapFlow } from 'imapflow';
import type { Config } from '../config/schema.ts';
import type { DraftSummary, SentReply } from '../decide/judge.ts';
import { INVITATION_HEADER } from '../draft/headers.ts';
import { fetchSource, findReplies, removeMessage, summarizeDrafts } from './lifecycleMailbox.ts';
import {
  appendDraft,
  appendMessage,
  findDrafts,
  resolveDraftsMailbox,
  resolveSpecialMailbox,
} from './mailbox.ts';
import type { ImapSession } from './session.ts';

/** The mailbox as the lifecycle (lifecycle/reconcile.ts) sees it. */
export interface LifecycleMailbox {
  drafts(): Promise<DraftSummary[]>;
  /** Replies in Sent to the notification with this Message-ID; none when there is no Sent. */
  replies(notificationMessageId: string): Promise<SentReply[]>;
  /** The current source of a draft, or null when it is gone. */
  draftSource(uid: number): Promise<Buffer | null>;
  /** Takes a draft out of Drafts: to Trash where there is one, or deleted outright. */
  removeDraft(uid: number, how: 'trash' | 'delete'): Promise<void>;
  /** Saves a new version of a draft; resolves with its UID when the server reports it. */
  appendDraft(raw: Buffer): Promise<number | null>;
  /** An undone discard: the draft back in Drafts, its copies in Trash gone; its UID when known. */
  restoreDraft(raw: Buffer, invitationKey: string): Promise<number | null>;
  /** Files a sent message in Sent (read, not a draft); false when there is no Sent folder. */
  fileSent(raw: Buffer): Promise<boolean>;
}

/** Drafts as the draft writer (pipeline/writeDraft.ts) sees it. */
export interface DraftsFolder {
  /** UIDs of the drafts in Drafts that carry this invitation's key, ascending. */
  find(invitationKey: string): Promise<number[]>;
  /**
   * Resolves with the new draft's UID: as the server reports it (UIDPLUS), else the newest draft
   * that carries the invitation's key (copies of one invitation's draft are alike); null when
   * neither tells.
   */
  append(raw: Buffer, invitationKey: string): Promise<number | null>;
  remove(uid: number): Promise<void>;
  /**
   * Whether the user already took this invitation's draft out of Drafts: a copy in Trash, or a
   * reply to the notification (`notificationMessageId`) in Sent.
   */
  takenOut(invitationKey: string, notificationMessageId: string | null): Promise<boolean>;
}

export interface AccountFolders {
  drafts: string;
  sent: string | null;
  trash: string | null;
}

export function resolveFolders(
  session: ImapSession,
  mailboxes: Config['mailboxes'],
): Promise<AccountFolders> {
  return session.run(async (c) => ({
    drafts: await resolveDraftsMailbox(c, mailboxes.drafts),
    sent: await resolveSpecialMailbox(c, '\\Sent', mailboxes.sent),
    trash: await resolveSpecialMailbox(c, '\\Trash', mailboxes.trash),
  }));
}

export function imapLifecycleMailbox(
  session: ImapSession,
  { drafts, sent, trash }: AccountFolders,
): LifecycleMailbox {
  return {
    drafts: () => session.run((c) => summarizeDrafts(c, drafts)),
    replies: async (messageId) => (sent ? session.run((c) => findReplies(c, sent, messageId)) : []),
    draftSource: (uid) => session.run((c) => fetchSource(c, drafts, uid)),
    removeDraft: (uid, how) =>
      session.run((c) => removeMessage(c, drafts, uid, how === 'trash' ? trash : null)),
    appendDraft: (raw) => session.run((c) => appendDraft(c, drafts, raw)),
    restoreDraft: (raw, key) =>
      session.run(async (c) => {
        const uid = await appendDraft(c, drafts, raw);
        // A copy left in Trash is harmless, and the draft is back: a failure here is no failure.
        if (trash) await removeCopies(c, trash, key).catch(() => undefined);
        return uid;
      }),
    fileSent: async (raw) => {
      if (!sent) return false;
      await session.run((c) => appendMessage(c, sent, raw, ['\\Seen']));
      return true;
    },
  };
}

/**
 * The lifecycle's view of the mailbox with Drafts, Sent and Trash resolved on first use, so that a
 * command that only lists from Redis never logs in.
 */
export function lazyLifecycleMailbox(
  session: ImapSession,
  mailboxes: Config['mailboxes'],
): LifecycleMailbox {
  let view: Promise<LifecycleMailbox> | null = null;
  const get = () => {
    view ??= resolveFolders(session, mailboxes).then(
      (folders) => imapLifecycleMailbox(session, folders),
      (err: unknown) => {
        view = null;
        throw err;
      },
    );
    return view;
  };
  return {
    drafts: async () => (await get()).drafts(),
    replies: async (messageId) => (await get()).replies(messageId),
    draftSource: async (uid) => (await get()).draftSource(uid),
    removeDraft: async (uid, how) => (await get()).removeDraft(uid, how),
    appendDraft: async (raw) => (await get()).appendDraft(raw),
    restoreDraft: async (raw, key) => (await get()).restoreDraft(raw, key),
    fileSent: async (raw) => (await get()).fileSent(raw),
  };
}

async function removeCopies(client: ImapFlow, folder: string, invitationKey: string) {
  for (const uid of await findDrafts(client, folder, INVITATION_HEADER, invitationKey))
    await removeMessage(client, folder, uid, null);
}

export function imapDraftsFolder(
  session: ImapSession,
  { drafts, sent, trash }: AccountFolders,
): DraftsFolder {
  return {
    find: (key) => session.run((c) => findDrafts(c, drafts, INVITATION_HEADER, key)),
    append: (raw, key) =>
      session.run(
        async (c) =>
          (await appendDraft(c, drafts, raw)) ??
          (await findDrafts(c, drafts, INVITATION_HEADER, key)).at(-1) ??
          null,
      ),
    remove: (uid) => session.run((c) => removeMessage(c, drafts, uid, null)),
    takenOut: (key, notificationId) =>
      session.run(async (c) => {
        if (trash && (await findDrafts(c, trash, INVITATION_HEADER, key)).length > 0) return true;
        if (!sent || !notificationId) return false;
        return (await findReplies(c, sent, notificationId)).length > 0;
      }),
  };
}

/**
 * The account's folders on IMAP: Drafts, Sent and Trash resolved once, and the two views of them
 * that the service uses, over the account's second connection: the lifecycle's (what became of
 * each draft) and the draft writer's (find, append, remove). Neither can send mail.
 */
import type { Config } from '../config/schema.ts';
import { INVITATION_HEADER } from '../draft/headers.ts';
import type { LifecycleMailbox } from '../lifecycle/reconcile.ts';
import type { DraftsFolder } from '../pipeline/writeDraft.ts';
import { fetchSource, findReplies, removeMessage, summarizeDrafts } from './lifecycleMailbox.ts';
import {
  appendDraft,
  appendMessage,
  findDrafts,
  resolveDraftsMailbox,
  resolveSpecialMailbox,
} from './mailbox.ts';
import type { ImapSession } from './session.ts';

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
    fileSent: async (raw) => {
      if (!sent) return false;
      await session.run((c) => appendMessage(c, sent, raw, ['\\Seen']));
      return true;
    },
  };
}

export function imapDraftsFolder(session: ImapSession, { drafts }: AccountFolders): DraftsFolder {
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
  };
}

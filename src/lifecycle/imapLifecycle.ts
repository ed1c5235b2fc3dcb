/** The lifecycle's mailbox on IMAP: Drafts, Sent and Trash resolved once, over one session. */
import type { Config } from '../config/schema.ts';
import {
  fetchSource,
  findReplies,
  removeMessage,
  summarizeDrafts,
} from '../imap/lifecycleMailbox.ts';
import {
  appendDraft,
  appendMessage,
  resolveDraftsMailbox,
  resolveSpecialMailbox,
} from '../imap/mailbox.ts';
import type { ImapSession } from '../imap/session.ts';
import type { LifecycleMailbox } from './reconcile.ts';

export async function imapLifecycleMailbox(
  session: ImapSession,
  mailboxes: Config['mailboxes'],
): Promise<LifecycleMailbox> {
  const { drafts, sent, trash } = await session.run(async (c) => ({
    drafts: await resolveDraftsMailbox(c, mailboxes.drafts),
    sent: await resolveSpecialMailbox(c, '\\Sent', mailboxes.sent),
    trash: await resolveSpecialMailbox(c, '\\Trash', mailboxes.trash),
  }));
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

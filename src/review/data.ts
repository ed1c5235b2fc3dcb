/** The review page's functions over the lifecycle: the store, the mailbox and the SMTP sender. */
import { simpleParser } from 'mailparser';
import { approveDraft, discardDraft, editDraft, type SendMail } from '../lifecycle/decide.ts';
import { locateDraft } from '../lifecycle/judge.ts';
import { allInvitations } from '../lifecycle/listing.ts';
import type { Lifecycle } from '../lifecycle/open.ts';
import type { ReviewDeps } from './app.ts';
import type { DecidedItem, ReviewItem } from './pages.ts';

export function reviewFunctions(
  lifecycle: Lifecycle,
  send: SendMail,
): Omit<ReviewDeps, 'token' | 'queues'> {
  const { store, mailbox, config } = lifecycle;
  const decideDeps = { store, mailbox, now: () => new Date(), via: 'review page' };
  return {
    async pending() {
      await lifecycle.reconcile();
      const records = await allInvitations(store);
      const drafts = await mailbox.drafts();
      const items: ReviewItem[] = [];
      for (const r of records.filter((r) => r.draftStatus === 'pending')) {
        const found = locateDraft(r, drafts);
        // Gone from Drafts, not yet judged (see drafts.missingGraceSeconds): nothing to act on.
        if (found.where === 'missing') continue;
        const source = await mailbox.draftSource(found.uid);
        if (!source) continue;
        const parsed = await simpleParser(source, { skipHtmlToText: true });
        const to = parsed.to ? (Array.isArray(parsed.to) ? parsed.to : [parsed.to]) : [];
        const n = r.notification;
        items.push({
          id: r.key,
          version: found.uid,
          inviterName: n.inviter.name,
          headline: n.inviter.headline,
          note: n.note,
          authenticity: n.authenticity,
          category: r.category,
          reasons: r.reasons,
          to: to.map((a) => a.text).join(', ') || null,
          subject: parsed.subject ?? r.draftSubject ?? '',
          text: parsed.text ?? '',
          draftedAt: r.draftedAt,
        });
      }
      const decided: DecidedItem[] = records
        .filter((r) => ['approved', 'sent', 'discarded', 'expired'].includes(r.draftStatus))
        .map((r) => ({
          id: r.key,
          inviterName: r.notification.inviter.name,
          status: r.draftStatus,
          decidedAt: r.decidedAt,
        }))
        .sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''));
      return { items, decided };
    },
    async history(id) {
      const record = await store.getInvitation(id);
      if (!record) return null;
      return {
        inviterName: record.notification.inviter.name,
        status: record.draftStatus,
        events: await store.history(id),
      };
    },
    approve: (id, version) =>
      approveDraft(id, {
        ...decideDeps,
        expectedUid: version,
        send,
        providerSavesToSent: config.smtp.providerSavesToSent,
      }),
    discard: (id, version) => discardDraft(id, { ...decideDeps, expectedUid: version }),
    edit: (id, version, change) => editDraft(id, change, { ...decideDeps, expectedUid: version }),
  };
}

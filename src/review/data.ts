/** The review page's functions over the lifecycle: the store, the mailbox and the SMTP sender. */
import { simpleParser } from 'mailparser';
import { type DraftsIndex, indexDrafts, locateDraft } from '../decide/judge.ts';
import { linkedInLinks } from '../draft/linkedInLinks.ts';
import { answerViews, decideAfterAnswer } from '../lifecycle/answers.ts';
import { approveDraft } from '../lifecycle/approve.ts';
import { discardDraft, editDraft, ignoreInvitation, recordReplied } from '../lifecycle/decide.ts';
import { approvalDeps, type DecisionDeps, decisionDeps } from '../lifecycle/decisionDeps.ts';
import { allInvitations } from '../lifecycle/listing.ts';
import type { Lifecycle } from '../lifecycle/open.ts';
import { placeUnsure } from '../lifecycle/placeUnsure.ts';
import { undoDecision } from '../lifecycle/undo.ts';
import { requestDraft } from '../queue/requestDraft.ts';
import type { SendMail } from '../smtp/sendApproved.ts';
import { AnswerStore } from '../store/answers.ts';
import type { InvitationRecord } from '../store/store.ts';
import type { AnswerItem } from './answersPart.ts';
import type { ReviewDeps } from './app.ts';
import type { DraftView, InvitationView, ListView } from './pages.ts';
import { type ListQuery, selectInvitations } from './select.ts';
import { statusSentence } from './timeline.ts';

export type ReviewFunctions = Omit<
  ReviewDeps,
  'token' | 'sessionMs' | 'allowedHosts' | 'secure' | 'now' | 'queues'
>;

/** `send` is null when there are no SMTP settings: everything but approving still works. */
export async function reviewFunctions(
  lifecycle: Lifecycle,
  send: SendMail | null,
): Promise<ReviewFunctions> {
  const { store, config, redis } = lifecycle;
  const deps = decisionDeps(lifecycle, 'review page');
  const approval = await approvalDeps(lifecycle, deps, send);
  const templates = Object.keys(config.templates);
  const version = (v: number | null) => (v === null ? {} : { expectedUid: v });
  const answers = new AnswerStore(
    redis,
    config.redis.prefix,
    lifecycle.account.id,
    config.history.keepDays,
  );

  return {
    approveUnavailable: 'unavailable' in approval ? approval.unavailable : null,
    templates,
    list: (query) => listInvitations(lifecycle, deps, answers, query),
    history: (id) => historyOf(store, answers, id),
    afterAnswer: (id, decision) =>
      decideAfterAnswer(id, decision, {
        getInvitation: (key) => store.getInvitation(key),
        answers,
        now: deps.now,
        via: deps.via,
      }),
    async approve(id, request) {
      if ('unavailable' in approval) throw new Error(approval.unavailable);
      return approveDraft(
        id,
        { ...approval, ...version(request.version) },
        { force: request.force, ...(request.change ? { change: request.change } : {}) },
      );
    },
    discard: (id, at) => discardDraft(id, { ...deps, ...version(at) }),
    edit: (id, at, change) => editDraft(id, change, { ...deps, expectedUid: at }),
    replied: (id, at) => recordReplied(id, { ...deps, ...version(at) }),
    ignore: (id) => ignoreInvitation(id, deps),
    undo: (id) => undoDecision(id, deps),
    requestDraft: (id, template) =>
      requestDraft(id, template, {
        store,
        changes: deps.changes,
        queue: lifecycle.draftQueue,
        templates,
        now: deps.now,
        via: deps.via,
      }),
    placeUnsure: (id, answer) =>
      placeUnsure(id, answer, {
        store,
        now: deps.now,
        via: deps.via,
      }),
  };
}

/** One page of the list as `query` selects it; on the first page of those waiting, the answers. */
async function listInvitations(
  lifecycle: Lifecycle,
  deps: DecisionDeps,
  answers: AnswerStore,
  query: ListQuery,
): Promise<ListView> {
  await lifecycle.reconcile();
  const selection = selectInvitations(await allInvitations(lifecycle.store), query);
  const drafts = indexDrafts(
    selection.records.some((r) => r.draftStatus === 'pending')
      ? await lifecycle.mailbox.drafts()
      : [],
  );
  const items: InvitationView[] = [];
  for (const r of selection.records) items.push(await invitationView(lifecycle, deps, r, drafts));
  // The answers go above the drafts waiting for you: they are what a person decides next.
  const shown = query.show === 'waiting' && selection.page === 1 && !query.q;
  return {
    ...selection,
    query: { ...query, page: selection.page },
    items,
    ...(shown ? { answers: await answerItems(lifecycle, deps, answers) } : {}),
  };
}

/** Answers newest first, then invitations that had none in time; decided ones are history. */
async function answerItems(
  lifecycle: Lifecycle,
  deps: DecisionDeps,
  answers: AnswerStore,
): Promise<AnswerItem[]> {
  const now = deps.now();
  const keys = [
    ...new Set([...(await answers.answeredKeys()), ...(await answers.askedSince()).keys()]),
  ];
  const records = (await Promise.all(keys.map((k) => lifecycle.store.getInvitation(k)))).filter(
    (r): r is InvitationRecord => r !== null,
  );
  const views = await answerViews(records, answers, now, lifecycle.account.rules.answerWaitDays);
  const byKey = new Map(records.map((r) => [r.key, r]));
  const items: AnswerItem[] = [];
  for (const key of keys) {
    const v = views.get(key);
    const r = byKey.get(key);
    if (!v || !r || !['answered', 'possible answer', 'no answer'].includes(v.state)) continue;
    items.push({
      ...v,
      inviterName: r.notification.inviter.name,
      headline: r.notification.inviter.headline,
      askedBy: r.draftStatus === 'replied' ? 'linkedin' : 'email',
      subject: r.draftStatus === 'replied' ? null : r.draftSubject,
      possibleNames: v.possibleWith.map((k) => byKey.get(k)?.notification.inviter.headline ?? k),
    });
  }
  return items;
}

/** What the page shows of one invitation, with its draft as it now stands in Drafts. */
async function invitationView(
  lifecycle: Lifecycle,
  deps: DecisionDeps,
  r: InvitationRecord,
  drafts: DraftsIndex,
): Promise<InvitationView> {
  const n = r.notification;
  const draft = r.draftStatus === 'pending' ? await draftOf(lifecycle.mailbox, r, drafts) : null;
  const missing = r.draftStatus === 'pending' && draft === null;
  return {
    id: r.key,
    inviterName: n.inviter.name,
    headline: n.inviter.headline,
    location: n.inviter.location,
    note: n.note,
    category: r.category,
    reasons: r.reasons,
    unplaced: r.category === 'unsure' ? n.unrecognised : [],
    authenticity: n.authenticity,
    receivedAt: r.firstSeenAt,
    status: r.draftStatus,
    statusLine: missing
      ? 'Its draft is not in Drafts right now (sent or deleted in your mail client?); wherewemet records what became of it at its next check.'
      : statusSentence(r),
    linkedIn: linkedInLinks(n, r.category),
    draft,
    sending: r.draftStatus === 'sending' ? await deps.sending.get(r.key) : null,
  };
}

async function draftOf(
  mailbox: Lifecycle['mailbox'],
  record: InvitationRecord,
  drafts: DraftsIndex,
): Promise<DraftView | null> {
  const found = locateDraft(record, drafts);
  // Gone from Drafts, not yet judged (see drafts.missingGraceSeconds): nothing to act on.
  if (found.where === 'missing') return null;
  const source = await mailbox.draftSource(found.uid);
  if (!source) return null;
  const parsed = await simpleParser(source, { skipHtmlToText: true });
  const to = (parsed.to ? (Array.isArray(parsed.to) ? parsed.to : [parsed.to]) : [])
    .flatMap((a) => a.value)
    .filter((a) => a.address)
    .map((a) => (a.name ? `${a.name} <${a.address}>` : (a.address ?? '')));
  return {
    version: found.uid,
    to: to.join(', ') || null,
    subject: parsed.subject ?? record.draftSubject ?? '',
    text: parsed.text ?? '',
  };
}

/** One invitation's history, with the answer's excerpt while it is kept. */
async function historyOf(store: Lifecycle['store'], answers: AnswerStore, id: string) {
  const record = await store.getInvitation(id);
  if (!record) return null;
  const answer = await answers.get(id);
  const events = await store.history(id);
  return {
    inviterName: record.notification.inviter.name,
    statusLine: statusSentence(record),
    // The excerpt while it is kept (history.keepDays); the history list never holds it.
    events: answer?.excerpt
      ? events.map((e) =>
          e.event === 'answered' || e.event === 'possible-answer'
            ? { ...e, excerpt: answer.excerpt }
            : e,
        )
      : events,
  };
}

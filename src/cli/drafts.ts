/** `wherewemet drafts [--json]` and `wherewemet history [KEY]`: what became of each draft. */
import { linkedInLinks } from '../draft/linkedInLinks.ts';
import { type AnswerView, answerViews } from '../lifecycle/answers.ts';
import { allInvitations, describeEvent, localTime, trackedDrafts } from '../lifecycle/listing.ts';
import { type Lifecycle, type Lifecycles, openLifecycles } from '../lifecycle/open.ts';
import { createLogger } from '../log.ts';
import { AnswerStore } from '../store/answers.ts';
import type { HistoryEvent } from '../store/records.ts';
import { type SendingAttempt, SendingRecords } from '../store/sending.ts';
import { fail, print, printJson } from '../terminal/output.ts';
import { table } from '../terminal/table.ts';

interface ListOptions {
  json: boolean;
  configPath: string;
  account?: string;
}

/** For a draft an approval holds: what the person should know, in a few words. */
function attention(attempt: SendingAttempt | null): string {
  if (!attempt) return 'being sent';
  if (attempt.live) return `being sent since ${localTime(attempt.startedAt)}`;
  if (attempt.phase === 'not-sent') return 'not sent; approve it again to send it';
  return 'may have been sent: check Sent, then approve --force or discard';
}

export async function draftsCommand(options: ListOptions): Promise<void> {
  await withLifecycles(options, async ({ accounts, config, redis }) => {
    const drafts = [];
    for (const lifecycle of accounts) {
      await lifecycle.reconcile();
      const sending = new SendingRecords(redis, config.redis.prefix, lifecycle.account.id);
      const records = await allInvitations(lifecycle.store);
      const answers = await answerViews(
        records,
        answerStoreOf(lifecycle),
        new Date(),
        lifecycle.account.rules.answerWaitDays,
      );
      const byKey = new Map(records.map((r) => [r.key, r]));
      for (const d of trackedDrafts(records)) {
        const account = lifecycle.account.id;
        const answer = answers.get(d.id) ?? null;
        // The same links as the draft's first line and the review page: open never accepts.
        const r = byKey.get(d.id);
        const links = r ? linkedInLinks(r.notification, r.category) : null;
        const linkedIn = {
          openOnLinkedIn: links?.open.url ?? null,
          acceptOnLinkedIn: links?.accept ?? null,
        };
        drafts.push(
          d.status === 'sending'
            ? { account, ...d, ...linkedIn, answer, attention: attention(await sending.get(d.id)) }
            : { account, ...d, ...linkedIn, answer },
        );
      }
      // Held, with no draft yet: listed so that none waits unseen (rereadUnsure.ts).
      for (const r of records.filter((r) => r.category === 'unsure' && r.draftStatus === 'none'))
        drafts.push({
          account: lifecycle.account.id,
          id: r.key,
          status: 'unsure' as const,
          inviterName: r.notification.inviter.name,
          to: null,
          subject: null,
          createdAt: null,
          decidedAt: null,
          reasons: r.reasons,
        });
    }
    if (options.json) {
      printJson(drafts, 2);
      return;
    }
    const rows = drafts.map((d) => [
      d.account,
      d.id,
      'attention' in d
        ? `${d.status} (${d.attention})`
        : 'answer' in d && d.answer
          ? `${d.status}, ${d.answer.state}${d.answer.pitch.length > 0 ? ' (pitch)' : ''}`
          : d.status === 'unsure'
            ? 'unsure (no draft until its text is placed)'
            : d.status,
      d.inviterName ?? '-',
      d.status === 'unsure' ? '-' : (d.to ?? '(LinkedIn only)'),
      d.createdAt ? localTime(d.createdAt) : '-',
      'reasons' in d ? printable(d.reasons?.[0] ?? '-') : (d.subject ?? '-'),
    ]);
    print(table([['ACCOUNT', 'ID', 'STATUS', 'INVITER', 'TO', 'DRAFTED', 'SUBJECT'], ...rows]));
  });
}

/** A stranger's text on a terminal: no control or format characters (escapes, bidi overrides). */
function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]/gu, '?');
}

export async function historyCommand(key: string | undefined, options: ListOptions): Promise<void> {
  await withLifecycles(options, async ({ accounts }) => {
    const trails = [];
    for (const lifecycle of accounts) {
      const { account, store } = lifecycle;
      const all = await allInvitations(store);
      const records = key ? all.filter((r) => r.key === key) : all;
      const answers = await answerViews(
        records,
        answerStoreOf(lifecycle),
        new Date(),
        account.rules.answerWaitDays,
      );
      for (const r of records) {
        const answer = answers.get(r.key) ?? null;
        trails.push({
          account: account.id,
          id: r.key,
          inviterName: r.notification.inviter.name,
          status: r.draftStatus,
          ...(answer ? { answer: answer.state } : {}),
          events: withExcerpts(await store.history(r.key), answer),
        });
      }
    }
    if (key && trails.length === 0) {
      fail(`no invitation ${key}`);
      return;
    }
    if (options.json) {
      printJson(trails, 2);
      return;
    }
    for (const t of trails) {
      print(`${t.account}  ${t.id}  ${t.inviterName ?? '(no name)'}  [${t.status}]\n`);
      for (const e of t.events) print(`  ${describeEvent(e)}\n`);
    }
  });
}

function answerStoreOf(lifecycle: Lifecycle): AnswerStore {
  const { redis, config, account } = lifecycle;
  return new AnswerStore(redis, config.redis.prefix, account.id, config.history.keepDays);
}

/**
 * The answer's excerpt beside its `answered` event, while it is kept (history.keepDays): the
 * history list itself never holds a stranger's text, so nothing of it outlives that.
 */
function withExcerpts(events: HistoryEvent[], answer: AnswerView | null): HistoryEvent[] {
  if (!answer?.excerpt) return events;
  return events.map((e) =>
    e.event === 'answered' || e.event === 'possible-answer' ? { ...e, excerpt: answer.excerpt } : e,
  );
}

async function withLifecycles(options: ListOptions, fn: (l: Lifecycles) => Promise<void>) {
  const log = createLogger();
  try {
    const lifecycles = await openLifecycles(options.configPath, log, { account: options.account });
    try {
      await fn(lifecycles);
    } finally {
      await lifecycles.close();
    }
  } catch (err) {
    fail(err);
  }
}

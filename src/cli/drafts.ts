/** `wherewemet drafts [--json]` and `wherewemet history [KEY]`: what became of each draft. */

import { type AnswerView, answerViews } from '../lifecycle/answers.ts';
import { allInvitations, describeEvent, localTime, trackedDrafts } from '../lifecycle/listing.ts';
import { type Lifecycle, type Lifecycles, openLifecycles } from '../lifecycle/open.ts';
import { createLogger } from '../log.ts';
import { AnswerStore } from '../store/answers.ts';
import type { HistoryEvent } from '../store/records.ts';
import { type SendingAttempt, SendingRecords } from '../store/sending.ts';
import { fail } from './output.ts';
import { table } from './table.ts';

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
      for (const d of trackedDrafts(records)) {
        const account = lifecycle.account.id;
        const answer = answers.get(d.id) ?? null;
        drafts.push(
          d.status === 'sending'
            ? { account, ...d, answer, attention: attention(await sending.get(d.id)) }
            : { account, ...d, answer },
        );
      }
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify(drafts, null, 2)}\n`);
      return;
    }
    const rows = drafts.map((d) => [
      d.account,
      d.id,
      'attention' in d
        ? `${d.status} (${d.attention})`
        : d.answer
          ? `${d.status}, ${d.answer.state}${d.answer.pitch.length > 0 ? ' (pitch)' : ''}`
          : d.status,
      d.inviterName ?? '-',
      d.to ?? '(LinkedIn only)',
      d.createdAt ? localTime(d.createdAt) : '-',
      d.subject ?? '-',
    ]);
    process.stdout.write(
      table([['ACCOUNT', 'ID', 'STATUS', 'INVITER', 'TO', 'DRAFTED', 'SUBJECT'], ...rows]),
    );
  });
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
      process.stdout.write(`${JSON.stringify(trails, null, 2)}\n`);
      return;
    }
    for (const t of trails) {
      process.stdout.write(
        `${t.account}  ${t.id}  ${t.inviterName ?? '(no name)'}  [${t.status}]\n`,
      );
      for (const e of t.events) process.stdout.write(`  ${describeEvent(e)}\n`);
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

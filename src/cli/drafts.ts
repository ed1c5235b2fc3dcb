/** `wherewemet drafts [--json]` and `wherewemet history [KEY]`: what became of each draft. */
import { allInvitations, describeEvent, localTime, trackedDrafts } from '../lifecycle/listing.ts';
import { openLifecycle } from '../lifecycle/open.ts';
import { createLogger } from '../log.ts';
import { type SendingAttempt, SendingRecords } from '../store/sending.ts';
import { fail } from './output.ts';

/** For a draft an approval holds: what the person should know, in a few words. */
function attention(attempt: SendingAttempt | null): string {
  if (!attempt) return 'being sent';
  if (attempt.live) return `being sent since ${localTime(attempt.startedAt)}`;
  if (attempt.phase === 'not-sent') return 'not sent; approve it again to send it';
  return 'may have been sent: check Sent, then approve --force or discard';
}

export async function draftsCommand(options: { json: boolean; configPath: string }): Promise<void> {
  const log = createLogger();
  try {
    const lifecycle = await openLifecycle(options.configPath, log);
    try {
      await lifecycle.reconcile();
      const { config, redis, account } = lifecycle;
      const sending = new SendingRecords(redis, config.redis.prefix, account);
      const drafts = await Promise.all(
        trackedDrafts(await allInvitations(lifecycle.store)).map(async (d) =>
          d.status === 'sending' ? { ...d, attention: attention(await sending.get(d.id)) } : d,
        ),
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify(drafts, null, 2)}\n`);
        return;
      }
      const rows = drafts.map((d) => [
        d.id,
        'attention' in d ? `${d.status} (${d.attention})` : d.status,
        d.inviterName ?? '-',
        d.to ?? '(LinkedIn only)',
        d.createdAt ? localTime(d.createdAt) : '-',
        d.subject ?? '-',
      ]);
      process.stdout.write(
        table([['ID', 'STATUS', 'INVITER', 'TO', 'DRAFTED', 'SUBJECT'], ...rows]),
      );
    } finally {
      await lifecycle.close();
    }
  } catch (err) {
    fail(err);
  }
}

export async function historyCommand(
  key: string | undefined,
  options: { json: boolean; configPath: string },
): Promise<void> {
  const log = createLogger();
  try {
    const lifecycle = await openLifecycle(options.configPath, log);
    try {
      const { store } = lifecycle;
      const records = await allInvitations(store);
      const chosen = key ? records.filter((r) => r.key === key) : records;
      if (key && chosen.length === 0) {
        fail(`no invitation ${key}`);
        return;
      }
      const trails = await Promise.all(
        chosen.map(async (r) => ({
          id: r.key,
          inviterName: r.notification.inviter.name,
          status: r.draftStatus,
          events: await store.history(r.key),
        })),
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify(trails, null, 2)}\n`);
        return;
      }
      for (const t of trails) {
        process.stdout.write(`${t.id}  ${t.inviterName ?? '(no name)'}  [${t.status}]\n`);
        for (const e of t.events) process.stdout.write(`  ${describeEvent(e)}\n`);
      }
    } finally {
      await lifecycle.close();
    }
  } catch (err) {
    fail(err);
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

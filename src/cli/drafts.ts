/** `wherewemet drafts [--json]` and `wherewemet history [KEY]`: what became of each draft. */
import { allInvitations, describeEvent, trackedDrafts } from '../lifecycle/listing.ts';
import { openLifecycle } from '../lifecycle/open.ts';
import { createLogger } from '../log.ts';
import { fail } from './output.ts';

export async function draftsCommand(options: { json: boolean; configPath: string }): Promise<void> {
  const log = createLogger();
  try {
    const lifecycle = await openLifecycle(options.configPath, log);
    try {
      await lifecycle.reconcile();
      const drafts = trackedDrafts(await allInvitations(lifecycle.store));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(drafts, null, 2)}\n`);
        return;
      }
      const rows = drafts.map((d) => [
        d.id,
        d.status,
        d.inviterName ?? '-',
        d.to ?? '(LinkedIn only)',
        d.createdAt?.slice(0, 16).replace('T', ' ') ?? '-',
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

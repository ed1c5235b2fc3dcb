/** `wherewemet drafts [--json]` and `wherewemet history [KEY]`: what became of each draft. */
import { allInvitations, describeEvent, trackedDrafts } from '../lifecycle/listing.ts';
import { type Lifecycles, openLifecycles } from '../lifecycle/open.ts';
import { createLogger } from '../log.ts';
import { fail } from './output.ts';
import { table } from './table.ts';

interface ListOptions {
  json: boolean;
  configPath: string;
  account?: string;
}

export async function draftsCommand(options: ListOptions): Promise<void> {
  await withLifecycles(options, async ({ accounts }) => {
    const drafts = [];
    for (const lifecycle of accounts) {
      await lifecycle.reconcile();
      for (const d of trackedDrafts(await allInvitations(lifecycle.store)))
        drafts.push({ account: lifecycle.account.id, ...d });
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify(drafts, null, 2)}\n`);
      return;
    }
    const rows = drafts.map((d) => [
      d.account,
      d.id,
      d.status,
      d.inviterName ?? '-',
      d.to ?? '(LinkedIn only)',
      d.createdAt?.slice(0, 16).replace('T', ' ') ?? '-',
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
    for (const { account, store } of accounts) {
      const records = await allInvitations(store);
      for (const r of key ? records.filter((r) => r.key === key) : records) {
        trails.push({
          account: account.id,
          id: r.key,
          inviterName: r.notification.inviter.name,
          status: r.draftStatus,
          events: await store.history(r.key),
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

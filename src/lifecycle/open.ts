/**
 * What the lifecycle commands (drafts, history, approve, discard, serve) need, opened from the
 * config: one Redis connection, and per account its store and a view of its mailbox whose IMAP
 * connection is opened on first use only, so listing from Redis never logs in. `close` releases
 * everything.
 */

import { type Account, pickAccount, redisTargetOf, resolveAccounts } from '../config/accounts.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { DecisionRefused } from '../errors.ts';
import { type LifecycleMailbox, lazyLifecycleMailbox } from '../imap/accountFolders.ts';
import { connectImap } from '../imap/connect.ts';
import { ImapSession } from '../imap/session.ts';
import type { Logger } from '../log.ts';
import type { DraftQueuePlace } from '../queue/draftQueues.ts';
import { connectCommandRedis } from '../store/connectRedis.ts';
import type { RedisClient } from '../store/redisClient.ts';
import { Store } from '../store/store.ts';
import { reconcile } from './reconcile.ts';

/** One account's lifecycle. */
export interface Lifecycle {
  account: Account;
  config: Config;
  store: Store;
  mailbox: LifecycleMailbox;
  /** The Redis connection. */
  redis: RedisClient;
  /** The account's draft queue: read-only views, and "draft a reply anyway". */
  draftQueue: DraftQueuePlace;
  /** The account's second IMAP connection (approvals move drafts with it). */
  session: ImapSession;
  reconcile(): ReturnType<typeof reconcile>;
}

export interface Lifecycles {
  config: Config;
  redis: RedisClient;
  accounts: Lifecycle[];
  close(): Promise<void>;
}

/** Every account of the config, or only `account` when given. */
export async function openLifecycles(
  configPath: string,
  log: Logger,
  options: { account?: string } = {},
): Promise<Lifecycles> {
  const config = await loadConfig(configPath);
  const all = resolveAccounts(config);
  const chosen = options.account === undefined ? all : [pickAccount(all, options.account)];
  const redis = await connectCommandRedis(redisTargetOf(config), log);
  const sessions: ImapSession[] = [];
  const close = async () => {
    await Promise.all(sessions.map((s) => s.close().catch(() => undefined)));
    await redis.quit().catch(() => redis.disconnect());
  };
  try {
    const accounts = chosen.map((account) => {
      const session = new ImapSession({
        connect: () => connectImap(account.imap, log),
        idleCloseMs: 60_000,
      });
      sessions.push(session);
      const store = new Store(redis, config.redis.prefix, account.id, {
        keepDays: config.history.keepDays,
      });
      const mailbox = lazyLifecycleMailbox(session, account.mailboxes);
      return {
        account,
        config,
        store,
        mailbox,
        redis,
        draftQueue: { redis, prefix: config.redis.prefix, account: account.id },
        session,
        reconcile: () =>
          reconcile({
            store,
            mailbox,
            expireAfterDays: config.drafts.expireAfterDays,
            missingGraceMs: config.drafts.missingGraceSeconds * 1000,
            log,
            now: () => new Date(),
          }),
      };
    });
    return { config, redis, accounts, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** One account's lifecycle (the first, or `account`), closed by `close`. */
export async function openLifecycle(
  configPath: string,
  log: Logger,
  options: { account?: string } = {},
): Promise<Lifecycle & { close(): Promise<void> }> {
  const opened = await openLifecycles(configPath, log, options);
  const [first] = opened.accounts;
  if (!first) throw new Error('no account');
  return { ...first, close: opened.close };
}

/** The account that has the draft `id`; a DecisionRefused when none or several do. */
export async function accountOfDraft(lifecycles: Lifecycles, id: string): Promise<Lifecycle> {
  const found: Lifecycle[] = [];
  for (const lifecycle of lifecycles.accounts)
    if (await lifecycle.store.getInvitation(id)) found.push(lifecycle);
  const [only, ...more] = found;
  if (!only) throw new DecisionRefused(`no draft with id ${id}`);
  if (more.length > 0)
    throw new DecisionRefused(
      `draft id ${id} exists in accounts ${found.map((l) => l.account.id).join(', ')}: add --account ID`,
    );
  return only;
}

/**
 * Everything a lifecycle command needs, opened from the config: Redis and the store, one IMAP
 * session and the mailbox view over it. `close` releases them all.
 */
import { Redis } from 'ioredis';
import { loadConfig, requireConnection } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { RedisUnavailableError } from '../errors.ts';
import { ImapSession } from '../imap/session.ts';
import type { Logger } from '../log.ts';
import { accountId, Store } from '../store/store.ts';
import { imapLifecycleMailbox } from './imapLifecycle.ts';
import { type LifecycleMailbox, reconcile } from './reconcile.ts';

export interface Lifecycle {
  config: Config;
  store: Store;
  mailbox: LifecycleMailbox;
  /** Redis connection and BullMQ prefix, for read-only views of the queues. */
  redis: Redis;
  bullPrefix: string;
  /** The account id that keys this mailbox's state, and its IMAP session (for approvals). */
  account: string;
  session: ImapSession;
  reconcile(): ReturnType<typeof reconcile>;
  close(): Promise<void>;
}

export async function openLifecycle(configPath: string, log: Logger): Promise<Lifecycle> {
  const config = await loadConfig(configPath);
  const connection = requireConnection(config);
  const { imap } = connection;
  const account = accountId(imap.user, imap.host, imap.port);
  const redis = new Redis(connection.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', (err) => log.debug({ err: { message: err.message } }, 'Redis error'));
  const session = new ImapSession(imap, log);
  const close = async () => {
    await session.close().catch(() => undefined);
    await redis.quit().catch(() => redis.disconnect());
  };
  try {
    await redis.connect().catch((err: Error) => {
      throw new RedisUnavailableError(
        `${redis.options.host}:${redis.options.port}`,
        err.message,
        err,
      );
    });
    const store = new Store(redis, config.redis.prefix, account);
    const mailbox = await imapLifecycleMailbox(session, config.mailboxes);
    return {
      config,
      store,
      mailbox,
      redis,
      bullPrefix: `${config.redis.prefix}:${account}:bull`,
      account,
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
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

// A private Dovecot and Redis per test file (so a test may stop, restart or break them), and the
// config and environment that point the real CLI at them.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { type DovecotOptions, type DovecotServer, startDovecot } from '../../harness/dovecot.ts';
import { waitFor } from '../../harness/freePort.ts';
import { type RedisServer, startRedis } from '../../harness/redis.ts';
import { FAST, writeConfig } from '../../integration/cli.ts';
import { type GeneratedInvitation, makeInvitations } from './invitations.ts';
import { appendAll, draftsByInvitation } from './mail.ts';

export interface Servers {
  dovecot: DovecotServer;
  redis: RedisServer;
  stop(): Promise<void>;
}

export async function startServers(options: DovecotOptions = {}): Promise<Servers> {
  const [dovecot, redis] = await Promise.all([startDovecot(options), startRedis()]);
  return {
    dovecot,
    redis,
    // The file's last word on its servers: their folders go too (the suite checks the temp folder).
    stop: async () => {
      await Promise.all([dovecot.stop(), redis.stop()]);
      await Promise.all(
        [dovecot.dir, redis.dir].map((dir) => rm(dir, { recursive: true, force: true })),
      );
    },
  };
}

export interface Account {
  user: string;
  prefix: string;
  config: string;
  env: Record<string, string>;
}

/** A fresh mailbox user and Redis prefix; `imapPort` lets the worker go through a proxy. */
export function account(
  servers: Servers,
  options: { imapPort?: number; config?: Record<string, unknown> } = {},
): Account {
  const tag = randomBytes(4).toString('hex');
  const user = `fault-${tag}`;
  const prefix = `faults-${tag}`;
  const config = writeConfig({
    'redis.prefix': prefix,
    'me.name': 'Paul Tester',
    ...FAST,
    ...options.config,
  });
  const port = options.imapPort ?? servers.dovecot.port;
  const env = {
    IMAP_URL: `imap://${user}:${encodeURIComponent(servers.dovecot.password)}@127.0.0.1:${port}`,
    REDIS_URL: servers.redis.url,
  };
  return { user, prefix, config, env };
}

export async function withRedis<T>(url: string, fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  try {
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

/** Duplicates and misses, given the invitation keys that must each have one draft. */
export function tally(expected: string[], drafts: Map<string, number>) {
  const missing = expected.filter((k) => !drafts.has(k));
  const duplicated = [...drafts].filter(([, n]) => n > 1).map(([k]) => k);
  const unexpected = [...drafts.keys()].filter((k) => !expected.includes(k));
  const total = [...drafts.values()].reduce((a, b) => a + b, 0);
  return { total, missing, duplicated, unexpected };
}

/** `count` new invitations (series `series`), delivered to the user's mailbox. */
export async function deliver(
  servers: Servers,
  user: string,
  count: number,
  series: number,
  mailbox = 'INBOX',
): Promise<GeneratedInvitation[]> {
  const invitations = makeInvitations(count, series);
  await appendAll(
    servers.dovecot,
    user,
    mailbox,
    invitations.map((i) => i.raw),
  );
  return invitations;
}

/** Waits until every one of `invitations` has a draft; the tally of the last look. */
export async function allDrafted(
  servers: Servers,
  user: string,
  invitations: GeneratedInvitation[],
  workerLog: () => string,
  timeoutMs = 30_000,
) {
  const keys = invitations.map((i) => i.key);
  let last = tally(keys, new Map());
  await waitFor(
    async () => {
      last = tally(keys, await draftsByInvitation(servers.dovecot, user));
      return last.missing.length === 0;
    },
    timeoutMs,
    () => `still missing drafts for ${last.missing.join(', ')}\n${workerLog().slice(-3000)}`,
  );
  return last;
}

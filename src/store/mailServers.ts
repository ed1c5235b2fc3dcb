/**
 * What the mailbox says about the user's mail server: for each authserv-id seen topmost on a
 * sampled mail, the distinct sender domains it was seen on (src/parse/mailServer.ts decides from
 * these). One small hash per account, `mail-servers`: field `id:<authserv-id>` (and `all` for
 * every sender sampled) → space-separated digests of sender domains. Domains are kept only as
 * salted digests, enough to count them apart; at most MAX_SERVERS ids and MAX_SENDERS digests
 * each, so the hash stays under 40 KB whatever the mailbox holds. Not fenced by the lease: it is
 * a hint that only adds, and a stale writer can only add what it saw.
 */
import { createHash } from 'node:crypto';
import type { ServerCount } from '../parse/mailServer.ts';
import { accountBase } from './keys.ts';
import type { RedisClient } from './redisClient.ts';

/** Beyond this many ids, new ones are not recorded: the user's server is among the first seen. */
const MAX_SERVERS = 32;
/** More senders than this add nothing to the decision. */
const MAX_SENDERS = 64;
/** RFC 8601's authserv-id is a domain name or similar: longer is not one. */
const MAX_ID_LENGTH = 255;
const ALL = 'all';

export interface SenderSeen {
  /** The topmost Authentication-Results' authserv-id; null when the mail has none. */
  authservId: string | null;
  senderDomain: string;
}

export class MailServerStore {
  private readonly key: string;
  private readonly salt: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    account: string,
  ) {
    this.key = `${accountBase(prefix, account)}mail-servers`;
    this.salt = `${prefix}:${account}`;
  }

  /** Adds what a sample of the mailbox showed. */
  async record(seen: SenderSeen[]): Promise<void> {
    if (seen.length === 0) return;
    const stored = await this.redis.hgetall(this.key);
    const sets = new Map(
      Object.entries(stored).map(([field, value]) => [field, new Set(value.split(' '))]),
    );
    const changed = new Set<string>();
    const add = (field: string, digest: string) => {
      let set = sets.get(field);
      if (!set) {
        const servers = [...sets.keys()].filter((f) => f !== ALL).length;
        if (field !== ALL && servers >= MAX_SERVERS) return;
        set = new Set();
        sets.set(field, set);
      }
      if (set.size >= MAX_SENDERS || set.has(digest)) return;
      set.add(digest);
      changed.add(field);
    };
    for (const { authservId, senderDomain } of seen) {
      const digest = this.digest(senderDomain);
      add(ALL, digest);
      if (authservId !== null && authservId.length <= MAX_ID_LENGTH)
        add(`id:${authservId}`, digest);
    }
    if (changed.size === 0) return;
    await this.redis.hset(
      this.key,
      Object.fromEntries([...changed].map((f) => [f, [...(sets.get(f) ?? [])].join(' ')])),
    );
  }

  /** Distinct sender domains per authserv-id, and over all senders sampled. */
  async counts(): Promise<{ servers: ServerCount[]; allSenders: number }> {
    const stored = await this.redis.hgetall(this.key);
    const size = (value: string) => (value === '' ? 0 : value.split(' ').length);
    const servers = Object.entries(stored)
      .filter(([field]) => field.startsWith('id:'))
      .map(([field, value]) => ({ authservId: field.slice(3), senders: size(value) }));
    return { servers, allSenders: size(stored[ALL] ?? '') };
  }

  private digest(domain: string): string {
    return createHash('sha256')
      .update(`${this.salt}\n${domain.toLowerCase()}`)
      .digest('hex')
      .slice(0, 16);
  }
}

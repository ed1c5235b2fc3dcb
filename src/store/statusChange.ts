/**
 * Status changes of invitations that never had a draft, or no longer do (ignore one, ask for a
 * draft anyway, record a reply made on LinkedIn): atomic compare-and-set on the store's `inv:<key>`
 * record, so two pages or a worker acting at once cannot both change it.
 */

import { markAsked } from './answers.ts';
import { accountBase } from './keys.ts';
import type { DraftStatus } from './records.ts';
import type { RedisClient } from './redisClient.ts';

/** KEYS[1]: record, KEYS[2]: text-expiry. ARGV: allowed current statuses (comma-separated), new
 * status, then field/value pairs. A draft asked for (queued) keeps the note until it is decided.
 * Returns 1 when changed, 0 when the status was not one of those allowed. */
const CHANGE_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'draftStatus') or ''
local allowed = false
for s in string.gmatch(ARGV[1], '[^,]+') do if s == status then allowed = true end end
if not allowed then return 0 end
redis.call('HSET', KEYS[1], 'draftStatus', ARGV[2], unpack(ARGV, 3))
if ARGV[2] == 'queued' then redis.call('ZREM', KEYS[2], redis.call('HGET', KEYS[1], 'key')) end
return 1
`;

type ChangingRedis = RedisClient & {
  wherewemetChangeStatus(numKeys: number, ...args: string[]): Promise<number>;
};

export class StatusChanges {
  private readonly redis: ChangingRedis;
  private readonly base: string;

  constructor(
    redis: RedisClient,
    private readonly prefix: string,
    private readonly account: string,
  ) {
    if (!('wherewemetChangeStatus' in redis))
      redis.defineCommand('wherewemetChangeStatus', { lua: CHANGE_SCRIPT });
    this.redis = redis as ChangingRedis;
    this.base = accountBase(prefix, account);
  }

  /** Sets `to` (and `fields`) only when the status is one of `from`; whether it did. */
  async change(
    key: string,
    from: DraftStatus[],
    to: DraftStatus,
    fields: Record<string, string> = {},
  ): Promise<boolean> {
    const done = await this.redis.wherewemetChangeStatus(
      2,
      `${this.base}inv:${key}`,
      `${this.base}text-expiry`,
      from.join(','),
      to,
      ...Object.entries(fields).flat(),
    );
    // Replied on LinkedIn: the question went out there, and its answer is looked for.
    if (done === 1 && to === 'replied')
      await markAsked(
        this.redis,
        this.prefix,
        this.account,
        key,
        fields.decidedAt ? new Date(fields.decidedAt) : new Date(),
      );
    return done === 1;
  }
}

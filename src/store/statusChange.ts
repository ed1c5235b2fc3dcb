/**
 * Status changes of invitations that never had a draft, or no longer do (ignore one, ask for a
 * draft anyway, record a reply made on LinkedIn): a compare-and-set on the invitation's record
 * (invitationRecords.ts), so two pages or a worker acting at once cannot both change it.
 */

import { InvitationRecords } from './invitationRecords.ts';
import type { DraftStatus, StatusChangeStore } from './records.ts';
import type { RedisClient } from './redisClient.ts';

export class StatusChanges implements StatusChangeStore {
  private readonly records: InvitationRecords;

  constructor(redis: RedisClient, prefix: string, account: string) {
    this.records = new InvitationRecords(redis, prefix, account);
  }

  /** Sets `to` (and `fields`) only when the status is one of `from`; whether it did. */
  change(
    key: string,
    from: DraftStatus[],
    to: DraftStatus,
    fields: Record<string, string> = {},
  ): Promise<boolean> {
    return this.records.changeStatus(key, from, to, fields);
  }
}

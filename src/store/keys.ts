/**
 * Every Redis key wherewemet uses. An account's keys share the hash tag `{<account id>}`, so in
 * a Redis Cluster they live in one slot and a Lua script may touch several of them (BullMQ's
 * queue keys, under the same prefix, do too). The process registry has a tag of its own.
 *
 * Per account, under `<prefix>:{<account>}:`
 *   lease                hash    token, owner, host, pid, since; expires unless renewed
 *   lease-seq            string  last fencing token handed out (INCR)
 *   sync:<mailbox>       hash    uidValidity, lastUid, lastSyncAt: where catch-up resumes
 *   alias:<alias>        string  invitation key for an invitation id, a profile or a Message-ID
 *   inv:<key>            hash    the invitation: who, category, action, draft status, claim
 *   invitations          zset    every invitation key, by first seen (ms)
 *   pending              zset    keys of drafts waiting for the user, by drafted (ms)
 *   text-expiry          zset    keys whose note and headline may be dropped, by when (ms)
 *   history:<key>        list    audit trail, JSON events oldest first
 *   hold:<key>           string  short lock while one process approves, discards or reconciles
 *   undo:<key>           string  how to undo a Discard or Replied just made, expires (undo.ts)
 *   drafts-on:<day>      string  drafts written that day (rules.dailyDraftLimit), expires
 *   unparseable          zset    messages that could not be read, by when (ms)
 *   unparseable-info     hash    the same, member → JSON details
 *   unsure               zset    keys of invitations held as unsure, by first seen (ms)
 *   unsure-read          string  `<parser version>:<frame version>` they were last read with
 *   status               hash    what the owning process reports (src/status/accountStatus.ts)
 *   mail-servers         hash    authserv-id → digests of the sender domains it was topmost on (src/store/mailServers.ts)
 *   asked                zset    invitations whose question went out, awaiting an answer (answers.ts)
 *   answer:<key>         hash    the stranger's answer and the decision after it (answers.ts)
 *   answer-text:<key>    string  its excerpt, expiring history.keepDays after it (answers.ts)
 *   answered             zset    invitations with an answer, by when it came (answers.ts)
 *   bull:drafts:*        BullMQ's keys for the account's draft queue
 *
 * Shared, under `<prefix>:{processes}:`
 *   live                 zset    process id → last heartbeat (ms)
 *   info:<process id>    hash    host, pid, startedAt
 *
 * The learned frame, per installation, under `<prefix>:{frame}:` (frameStore.ts)
 *   candidates           hash    shape hash → source hashes seen so far
 *   seen                 zset    candidate shape hash → last seen (ms)
 *   learned              zset    learned shape hash → last seen (ms)
 *   version              string  grows when a shape is learned, and on a reset
 */
export function accountBase(prefix: string, account: string): string {
  return `${prefix}:{${account}}:`;
}

/** BullMQ's prefix for the account's queues: its keys get the account's hash tag. */
export function bullPrefix(prefix: string, account: string): string {
  return `${accountBase(prefix, account)}bull`;
}

export function processesBase(prefix: string): string {
  return `${prefix}:{processes}:`;
}

export function frameBase(prefix: string): string {
  return `${prefix}:{frame}:`;
}

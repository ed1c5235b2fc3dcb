/**
 * Every Redis key wherewemet uses, grouped by the one module that writes them: the others read,
 * or ask that module. An account's keys share the hash tag `{<account id>}`, so in a Redis
 * Cluster they live in one slot and a Lua script may touch several of them (BullMQ's queue keys,
 * under the same prefix, do too). The process registry has a tag of its own.
 *
 * Per account, under `<prefix>:{<account>}:`
 *
 * invitationRecords.ts: an invitation's record and what changes atomically with it
 *   inv:<key>            hash    the invitation: category, action, draft status, claim…
 *   notification:<key>   string  who invited, and what LinkedIn's email said (JSON): apart from
 *                                the record, whose values then all stay short, so that Redis
 *                                keeps it as a compact listpack (records written before kept it
 *                                in their `notification` field, and are read so still)
 *   alias:<alias>        string  invitation key for an invitation id, a profile or a Message-ID
 *   invitations          zset    every invitation key, by first seen (ms)
 *   pending              zset    keys of drafts waiting for the user, by drafted (ms)
 *   text-expiry          zset    keys whose note and headline may be dropped, by when (ms)
 *   sending              zset    drafts an approval has taken, by when (s)
 *   unsure-taught        string  how many times a person said unplaced text is LinkedIn's
 *   It also, in the same script as the record: takes a note off store.ts' `provisional` as it
 *   places it, begins and ends sending.ts' attempts, and takes an undone reply off answers.ts'
 *   `asked`.
 *
 * store.ts: the rest of the account's own state
 *   sync:<mailbox>       hash    uidValidity, lastUid, lastSyncAt: where catch-up resumes
 *   history:<key>        list    audit trail, JSON events oldest first (answers.ts adds an
 *                                answer's event in the script that records it)
 *   hold:<key>           string  short lock while one process approves, discards or reconciles
 *   drafts-on:<day>      string  drafts written that day (rules.dailyDraftLimit), expires
 *   unparseable          zset    messages that could not be read, by when (ms)
 *   unparseable-info     hash    the same, member → JSON details
 *   unsure               zset    keys of invitations held as unsure, by first seen (ms)
 *   provisional          zset    has-context notes that are read again too, by first seen (ms)
 *   unsure-read          string  `<parser version>:<frame version>` they were last read with
 *
 * sending.ts: an approval's attempt (see there)
 *   sending:<key>        hash    token, startedAt, via, to, subject, heldUid, phase, reason
 *   sending-lease:<key>  string  the attempt's token while its process works on it
 *
 * undo.ts
 *   undo:<key>           string  how to undo a Discard or Replied just made, expires
 *
 * answers.ts: what strangers answered
 *   asked                zset    invitations whose question went out, awaiting an answer
 *   answer:<key>         hash    the stranger's answer and the decision after it
 *   answer-text:<key>    string  its excerpt, expiring history.keepDays after the answer
 *   answered             zset    invitations with an answer, by when it came
 *
 * leaseStore.ts
 *   lease                hash    token, owner, host, pid, since; expires unless renewed
 *   lease-seq            string  last fencing token handed out (INCR)
 *
 * src/status/accountStatus.ts
 *   status               hash    what the owning process reports
 *
 * mailServers.ts
 *   mail-servers         hash    authserv-id → digests of the sender domains it was topmost on
 *
 * BullMQ, on queues made by src/queue/draftQueues.ts
 *   bull:drafts:*        BullMQ's keys for the account's draft queue
 *
 * Shared, under `<prefix>:{processes}:`, by leaseStore.ts
 *   live                 zset    process id → last heartbeat (ms)
 *   info:<process id>    hash    host, pid, startedAt
 *
 * The learned frame, per installation, under `<prefix>:{frame}:`, by frameStore.ts
 *   candidates           hash    shape hash → source hashes seen so far
 *   seen                 zset    candidate shape hash → last seen (ms)
 *   learned              zset    learned shape hash → last seen (ms)
 *   version              string  grows when a shape is learned, and on a reset
 *
 * Writes a person or a worker relies on (decisions, undo, draft claims, send records) wait for a
 * replica: replicas.ts.
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

/**
 * The Lua scripts behind the store's atomic steps: every change of an `inv:<key>` record (run by
 * invitationRecords.ts only), the sync cursor and the unreadable list (store.ts). Each lists its
 * KEYS, ARGV and reply. All the keys of one call belong to one account, so they share a hash tag
 * (keys.ts) and a Cluster slot. "Fenced" scripts first check that the account's lease still
 * carries the caller's token: a process that was paused and lost the account cannot write over
 * its new owner.
 */
import { LeaseLostError } from '../errors.ts';
import type { RedisClient } from './redisClient.ts';

/** Lua that fails the script with LEASE_LOST unless KEYS[1] (lease) holds ARGV[1] (token). */
const FENCE = `
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then
  return redis.error_reply('LEASE_LOST')
end
`;

export const SCRIPTS = {
  /**
   * Finds the invitation behind any alias (the first that names one), or records a new one under
   * all of them. One MGET and one MSET of the aliases still unset, whatever their number.
   * KEYS[1] inv:<new key>, KEYS[2] invitations, KEYS[3] text-expiry, KEYS[4] notification:<new
   * key>, KEYS[5..] alias keys
   * ARGV[1] new key, ARGV[2] first seen (ms), ARGV[3] text expiry (ms, '' for none),
   * ARGV[4] the notification (JSON), ARGV[5..] field, value pairs of the new record
   * → { key, 1 if created else 0 }
   */
  claimInvitation: `
local aliases = { unpack(KEYS, 5) }
local named = redis.call('MGET', unpack(aliases))
local existing = false
for i = 1, #named do existing = existing or named[i] end
local unset = {}
for i = 1, #named do
  if not named[i] then
    unset[#unset + 1] = aliases[i]
    unset[#unset + 1] = existing or ARGV[1]
  end
end
if #unset > 0 then redis.call('MSET', unpack(unset)) end
if existing then return { existing, 0 } end
redis.call('HSET', KEYS[1], unpack(ARGV, 5))
redis.call('SET', KEYS[4], ARGV[4])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
if ARGV[3] ~= '' then redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1]) end
return { ARGV[1], 1 }
`,

  /**
   * Fenced. KEYS[1] lease, KEYS[2] sync:<mailbox>; ARGV[1] fence token, ARGV[2..] field, value
   * → 1
   */
  setCursor: `${FENCE}
redis.call('HSET', KEYS[2], unpack(ARGV, 2))
return 1
`,

  /**
   * Fenced. Claims the writing of a queued draft. A claim held by a worker under the current
   * lease and not yet expired is respected; one from an earlier lease (a paused or dead process)
   * is taken over at once. The claimed record comes back as it was read, so the writer needs no
   * read of its own.
   * KEYS[1] lease, KEYS[2] inv:<key>, KEYS[3] notification:<key>; ARGV[1] fence token, ARGV[2]
   * claim token, ARGV[3] now (ms), ARGV[4] claim length (ms)
   * → { 'claimed', 1 if an earlier attempt may have appended else 0, HGETALL of the record,
   *     the notification (JSON) } | { 'busy' } | { 'done', status } | { 'missing' }
   */
  beginDraft: `${FENCE}
local h = redis.call('HGETALL', KEYS[2])
local f = {}
for i = 1, #h, 2 do f[h[i]] = h[i + 1] end
local notification = f.notification or redis.call('GET', KEYS[3])
if not f.key or not notification then return { 'missing' } end
if f.draftStatus ~= 'queued' then return { 'done', f.draftStatus or 'none' } end
if f.claimToken and f.claimToken ~= '' and tonumber(f.claimUntil or '0') > tonumber(ARGV[3])
  and f.claimFence == ARGV[1] then
  return { 'busy' }
end
local started = ARGV[3]
local recovering = 0
if f.appendStartedAt and f.appendStartedAt ~= '' then
  started = f.appendStartedAt
  recovering = 1
end
redis.call('HSET', KEYS[2], 'claimToken', ARGV[2], 'claimFence', ARGV[1],
  'claimUntil', tonumber(ARGV[3]) + tonumber(ARGV[4]), 'appendStartedAt', started)
return { 'claimed', recovering, h, notification }
`,

  /**
   * Fenced. Whether the claim still holds; renews it when it does.
   * KEYS[1] lease, KEYS[2] inv:<key>; ARGV[1] fence token, ARGV[2] claim token, ARGV[3] now (ms),
   * ARGV[4] claim length (ms) → 1 | 0
   */
  stillClaimed: `${FENCE}
if redis.call('HGET', KEYS[2], 'claimToken') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[2], 'claimUntil', tonumber(ARGV[3]) + tonumber(ARGV[4]))
return 1
`,

  /**
   * Records the written draft while the claim holds (not fenced: the draft exists either way).
   * KEYS[1] inv:<key>, KEYS[2] pending; ARGV[1] claim token, ARGV[2] drafted (ms), ARGV[3] key,
   * ARGV[4..] field, value pairs → 1 | 0 (the claim was taken over)
   */
  confirmDraft: `
if redis.call('HGET', KEYS[1], 'claimToken') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('HDEL', KEYS[1], 'claimToken', 'claimUntil', 'claimFence', 'appendStartedAt')
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
`,

  /**
   * Gives a claim up. KEYS[1] inv:<key>; ARGV[1] claim token, ARGV[2] '1' to keep the marker that
   * an append may have happened → 1 | 0
   */
  releaseDraft: `
if redis.call('HGET', KEYS[1], 'claimToken') ~= ARGV[1] then return 0 end
redis.call('HDEL', KEYS[1], 'claimToken', 'claimUntil', 'claimFence')
if ARGV[2] ~= '1' then redis.call('HDEL', KEYS[1], 'appendStartedAt') end
return 1
`,

  /**
   * Sets the final decision, only from pending. KEYS[1] inv:<key>, KEYS[2] pending,
   * KEYS[3] text-expiry; ARGV[1] decision, ARGV[2] decided (ISO), ARGV[3] text expiry (ms)
   * → 1 | 0
   */
  decide: `
local status = redis.call('HGET', KEYS[1], 'draftStatus')
if status ~= 'pending' and status ~= 'drafted' then return 0 end
redis.call('HSET', KEYS[1], 'draftStatus', ARGV[1], 'decidedAt', ARGV[2])
local key = redis.call('HGET', KEYS[1], 'key')
redis.call('ZREM', KEYS[2], key)
redis.call('ZADD', KEYS[3], ARGV[3], key)
return 1
`,

  /**
   * Records an unreadable message, keeping the newest ARGV[4] entries.
   * KEYS[1] unparseable, KEYS[2] unparseable-info; ARGV[1] member, ARGV[2] when (ms),
   * ARGV[3] details (JSON), ARGV[4] how many to keep → 1
   */
  recordUnparseable: `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[4])
if excess > 0 then
  local old = redis.call('ZRANGE', KEYS[1], 0, excess - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
  redis.call('HDEL', KEYS[2], unpack(old))
end
return 1
`,

  /**
   * Places an unsure invitation, or a provisional note (on the `provisional` list): only while it
   * is so with no draft, so a second reading or answer changes nothing. A draft wanted is queued
   * and keeps its text until decided.
   * KEYS[1] inv:<key>, KEYS[2] text-expiry, KEYS[3] provisional, KEYS[4] notification:<key>;
   * ARGV[1] 'draft' or 'none', ARGV[2] the new notification (JSON, '' to keep it), ARGV[3..]
   * field, value pairs → 1 | 0
   */
  reclassify: `
local key = redis.call('HGET', KEYS[1], 'key')
local category = redis.call('HGET', KEYS[1], 'category')
local provisional = category == 'has-context' and redis.call('ZSCORE', KEYS[3], key)
if category ~= 'unsure' and not provisional then return 0 end
local status = redis.call('HGET', KEYS[1], 'draftStatus') or 'none'
if status ~= 'none' then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
if ARGV[2] ~= '' then
  redis.call('SET', KEYS[4], ARGV[2])
  redis.call('HDEL', KEYS[1], 'notification')
end
redis.call('ZREM', KEYS[3], key)
if ARGV[1] == 'draft' then
  redis.call('HSET', KEYS[1], 'draftStatus', 'queued')
  redis.call('ZREM', KEYS[2], key)
end
return 1
`,

  /**
   * Status changes of invitations that never had a draft, or no longer do (ignore one, ask for a
   * draft anyway, record a reply made on LinkedIn). KEYS[1] inv:<key>, KEYS[2] text-expiry.
   * ARGV[1] allowed current statuses (comma-separated), ARGV[2] new status, ARGV[3..] field,
   * value pairs. A draft asked for (queued) keeps the note until it is decided.
   * → 1 | 0 (the status was not one of those allowed)
   */
  changeStatus: `
local status = redis.call('HGET', KEYS[1], 'draftStatus') or ''
local allowed = false
for s in string.gmatch(ARGV[1], '[^,]+') do if s == status then allowed = true end end
if not allowed then return 0 end
redis.call('HSET', KEYS[1], 'draftStatus', ARGV[2], unpack(ARGV, 3))
if ARGV[2] == 'queued' then redis.call('ZREM', KEYS[2], redis.call('HGET', KEYS[1], 'key')) end
return 1
`,

  /**
   * Undoes a Discard or Replied (undo.ts). KEYS[1] inv:<key>, KEYS[2] pending, KEYS[3]
   * text-expiry, KEYS[4] asked. ARGV[1] key, ARGV[2] decision, ARGV[3] decidedAt (ISO), ARGV[4]
   * status to restore, ARGV[5] draft UID ('' unknown), ARGV[6] drafted (ms, '' when there is no
   * draft), ARGV[7] decided (ms). Only while the record still holds that decision: its status
   * back, the draft in the pending index, the question no longer out (when this decision put it
   * out). → 1 | 0
   */
  undoDecision: `
local h = redis.call('HMGET', KEYS[1], 'draftStatus', 'decidedAt')
if h[1] ~= ARGV[2] or h[2] ~= ARGV[3] then return 0 end
redis.call('HSET', KEYS[1], 'draftStatus', ARGV[4])
redis.call('HDEL', KEYS[1], 'decidedAt', 'draftMissingSince')
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[1], 'draftUid', ARGV[5])
  redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
end
local asked = redis.call('ZSCORE', KEYS[4], ARGV[1])
if ARGV[2] == 'replied' and asked and tonumber(asked) == tonumber(ARGV[7]) then
  redis.call('ZREM', KEYS[4], ARGV[1])
end
return 1
`,

  /**
   * Takes the draft for one sending attempt (sending.ts): out of the pending index, so reconcile
   * leaves it alone; into the sending index. KEYS[1] inv:<key>, KEYS[2] sending:<key>, KEYS[3]
   * sending-lease:<key>, KEYS[4] pending, KEYS[5] sending. ARGV[1] token, ARGV[2] hold (ms),
   * ARGV[3] mode, ARGV[4..] field, value pairs of the attempt. mode 'fresh': only from pending, a
   * new attempt. mode 'again': only a 'sending' draft that no process works on; the attempt's
   * heldUid is kept.
   * → 'ok' | 'busy' (a live lease) | 'stopped' (sending, no lease: needs 'again') | the status
   */
  beginSend: `
local status = redis.call('HGET', KEYS[1], 'draftStatus')
if status == 'sending' then
  if redis.call('EXISTS', KEYS[3]) == 1 then return 'busy' end
  if ARGV[3] ~= 'again' then return 'stopped' end
elseif ARGV[3] == 'again' or (status ~= 'pending' and status ~= 'drafted') then
  return status or 'missing'
else
  redis.call('DEL', KEYS[2])
end
redis.call('HSET', KEYS[1], 'draftStatus', 'sending')
redis.call('ZREM', KEYS[4], redis.call('HGET', KEYS[1], 'key'))
redis.call('ZADD', KEYS[5], 'NX', redis.call('TIME')[1], redis.call('HGET', KEYS[1], 'key'))
redis.call('HDEL', KEYS[2], 'reason', 'failedAt')
redis.call('HSET', KEYS[2], 'token', ARGV[1], unpack(ARGV, 4))
redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[2])
return 'ok'
`,

  /**
   * Ends a sending attempt with a status. KEYS[1] inv:<key>, KEYS[2] sending:<key>, KEYS[3]
   * sending-lease:<key>, KEYS[4] pending, KEYS[5] text-expiry, KEYS[6] sending. ARGV[1] token
   * ('' for any attempt no process works on), ARGV[2] status, ARGV[3] at (ISO), ARGV[4] draftUid
   * ('' keeps it), ARGV[5] now (ms), ARGV[6] text expiry (ms). 'pending' puts the draft back under
   * draftUid (and in the pending index); any other status is the decision, with decidedAt, after
   * which the text is kept until the expiry.
   * → 1 | 0 (it is not this attempt's to end)
   */
  finishSend: `
if redis.call('HGET', KEYS[1], 'draftStatus') ~= 'sending' then return 0 end
if ARGV[1] == '' then
  if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
elseif redis.call('HGET', KEYS[2], 'token') ~= ARGV[1] then
  return 0
end
local key = redis.call('HGET', KEYS[1], 'key')
if ARGV[2] == 'pending' then
  redis.call('HSET', KEYS[1], 'draftStatus', 'pending')
  if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'draftUid', ARGV[4]) end
  redis.call('ZADD', KEYS[4], ARGV[5], key)
else
  redis.call('HSET', KEYS[1], 'draftStatus', ARGV[2], 'decidedAt', ARGV[3])
  redis.call('ZADD', KEYS[5], ARGV[6], key)
end
redis.call('ZREM', KEYS[6], key)
redis.call('DEL', KEYS[2], KEYS[3])
return 1
`,
} as const;

export type ScriptName = keyof typeof SCRIPTS;

export type ScriptedRedis = RedisClient &
  Record<ScriptName, (...args: Array<string | number>) => Promise<unknown>>;

/** The client with the scripts as commands (defined once per client). */
export function withScripts(redis: RedisClient): ScriptedRedis {
  for (const [name, lua] of Object.entries(SCRIPTS)) {
    if (!(name in redis)) redis.defineCommand(name, { lua });
  }
  return redis as ScriptedRedis;
}

/**
 * Runs a fenced script: KEYS = [lease, ...keys], ARGV = [fence token, ...args]. Refused with a
 * LeaseLostError when there is no token, or the lease no longer carries it.
 */
export async function runFenced(
  redis: ScriptedRedis,
  script: ScriptName,
  fence: { account: string; lease: string; token: string | null },
  keys: string[],
  args: Array<string | number>,
): Promise<unknown> {
  if (fence.token === null) throw new LeaseLostError(fence.account);
  try {
    return await redis[script](1 + keys.length, fence.lease, ...keys, fence.token, ...args);
  } catch (err) {
    if (err instanceof Error && err.message.includes('LEASE_LOST'))
      throw new LeaseLostError(fence.account);
    throw err;
  }
}

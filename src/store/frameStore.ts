/**
 * The learned frame in Redis (src/parse/learnedFrame.ts says what it is and the rule,
 * isLearnedCount): one owner for the installation's `<prefix>:{frame}:` keys (keys.ts). Only
 * 16-hex-digit hashes and counts are kept, never text: a shape's key, a hash of its cluster (a
 * LinkedIn template and language), and up to SOURCES_TO_LEARN source keys.
 *
 *   clusters    hash   cluster hash → its mails (lessons) so far
 *   clusterSeen zset   cluster hash → last seen (ms): the least recently seen go first
 *   candidates  hash   shape → "mails,source,…" (sources capped at SOURCES_TO_LEARN)
 *   seen        zset   shape → last seen (ms), of candidates: the least recently seen go first
 *   learned     zset   shape → last seen (ms), of learned shapes, bounded the same way
 *   counts      hash   learned shape → "mails,source,…": what keeps it learned (none if taught)
 *   version     string grows whenever the learned set changes, and on a reset
 *
 * The rule is applied to a shape whenever a lesson carries it: a candidate whose sources and
 * share of its cluster's mails now suffice is learned; a learned one whose share fell below
 * SHARE_TO_LEARN (its cluster's mails grew faster) is a candidate again. A shape a person taught
 * stays learned. Bounded: at most MAX_CANDIDATES candidates, MAX_LEARNED learned shapes and
 * MAX_CLUSTERS clusters, so a few MiB whatever the mail (BENCHMARKS.md). A process keeps a
 * snapshot of the learned set and reloads it only when the version changed.
 */
import { createHash } from 'node:crypto';
import {
  type FrameLesson,
  type LearnedFrame,
  learnedFrameOf,
  MAX_LESSON_SHAPES,
  SHARE_TO_LEARN,
  SOURCES_TO_LEARN,
} from '../parse/learnedFrame.ts';
import { frameBase } from './keys.ts';
import type { RedisClient } from './redisClient.ts';

export const MAX_CANDIDATES = 20_000;
export const MAX_LEARNED = 5_000;
/** LinkedIn has a few dozen templates in a few dozen languages; the ones in use are far fewer. */
export const MAX_CLUSTERS = 256;

export interface FrameBounds {
  candidates: number;
  learned: number;
  clusters?: number;
}

export interface FrameSnapshot {
  version: number;
  frame: LearnedFrame;
}

export interface FrameCounts {
  version: number;
  candidates: number;
  learned: number;
}

export interface FrameStore {
  /** Counts the lesson in its cluster and each of its shapes; whether the learned set changed. */
  learn(lesson: FrameLesson, at: Date): Promise<boolean>;
  /** A person said these shapes are LinkedIn's: learned at once. Whether any was new. */
  teach(shapes: string[], at: Date): Promise<boolean>;
  /** The learned frame now; reloaded from Redis only when its version changed. */
  snapshot(): Promise<FrameSnapshot>;
  /** The version alone (one GET): whether unsure invitations are due to be read again. */
  version(): Promise<number>;
  counts(): Promise<FrameCounts>;
  /** Forgets everything learned; the version still grows, so nothing mistakes it for old. */
  reset(): Promise<void>;
}

/** Shape and source keys are what learnedFrame.ts makes: anything else is refused, not stored. */
const KEY = /^[0-9a-f]{16}$/;
/**
 * A cluster is clusterOf(template, language): a LinkedIn template name and a language code,
 * printable ASCII without spaces. Anything else (text, a header a stranger filled) is refused;
 * even a valid one is kept only as a hash.
 */
const CLUSTER = /^[\x21-\x7e]{1,120}$/;

/** A lesson fit to store, its cluster replaced by that cluster's hash; null if it is not one. */
export function validLesson(lesson: FrameLesson): FrameLesson | null {
  if (!KEY.test(lesson.source) || !CLUSTER.test(lesson.cluster)) return null;
  const shapes = [...new Set(lesson.shapes.filter((s) => KEY.test(s)))].slice(0, MAX_LESSON_SHAPES);
  return shapes.length > 0
    ? { cluster: clusterHash(lesson.cluster), source: lesson.source, shapes }
    : null;
}

export function validShapes(shapes: string[]): string[] {
  return [...new Set(shapes.filter((s) => KEY.test(s)))].slice(0, MAX_LESSON_SHAPES);
}

function clusterHash(cluster: string): string {
  return createHash('sha256').update(`cluster\u0000${cluster}`).digest('hex').slice(0, 16);
}

/**
 * Lua, shared by LEARN and TEACH: keeps the `max` most recently seen members of a zset and drops
 * the others from the hash beside it; true when it dropped any.
 */
const TRIM = `
local function trim(zset, hash, max)
  local excess = redis.call('ZCARD', zset) - max
  if excess <= 0 then return false end
  local old = redis.call('ZRANGE', zset, 0, excess - 1)
  redis.call('ZREMRANGEBYRANK', zset, 0, excess - 1)
  redis.call('HDEL', hash, unpack(old))
  return true
end
`;

/**
 * KEYS[1] candidates, KEYS[2] seen, KEYS[3] learned, KEYS[4] version, KEYS[5] clusters,
 * KEYS[6] clusterSeen, KEYS[7] counts
 * ARGV[1] cluster hash, ARGV[2] source, ARGV[3] now (ms), ARGV[4] sources to learn,
 * ARGV[5] share to learn, ARGV[6] max candidates, ARGV[7] max learned, ARGV[8] max clusters,
 * ARGV[9..] shapes → 1 if the learned set changed, else 0
 */
const LEARN = `${TRIM}
local cluster, source, now = ARGV[1], ARGV[2], ARGV[3]
local need, share = tonumber(ARGV[4]), tonumber(ARGV[5])
local clusterMails = redis.call('HINCRBY', KEYS[5], cluster, 1)
redis.call('ZADD', KEYS[6], now, cluster)
local changed = 0
-- "mails,source,…" read, counted with this lesson (its source if the sources are not full yet)
local function counted(entry)
  local parts = {}
  for part in string.gmatch(entry or '0', '[^,]+') do parts[#parts + 1] = part end
  local mails = tonumber(parts[1]) + 1
  local sources = { unpack(parts, 2) }
  local known = false
  for _, s in ipairs(sources) do if s == source then known = true end end
  if not known and #sources < need then sources[#sources + 1] = source end
  local learned = #sources >= need and mails >= share * clusterMails
  return table.concat({ mails, unpack(sources) }, ','), learned
end
for i = 9, #ARGV do
  local shape = ARGV[i]
  if redis.call('ZSCORE', KEYS[3], shape) then
    redis.call('ZADD', KEYS[3], now, shape)
    local entry = redis.call('HGET', KEYS[7], shape)
    if entry then
      local counts, learned = counted(entry)
      if learned then
        redis.call('HSET', KEYS[7], shape, counts)
      else
        redis.call('ZREM', KEYS[3], shape)
        redis.call('HDEL', KEYS[7], shape)
        redis.call('HSET', KEYS[1], shape, counts)
        redis.call('ZADD', KEYS[2], now, shape)
        changed = 1
      end
    end
  else
    local counts, learned = counted(redis.call('HGET', KEYS[1], shape))
    if learned then
      redis.call('HDEL', KEYS[1], shape)
      redis.call('ZREM', KEYS[2], shape)
      redis.call('ZADD', KEYS[3], now, shape)
      redis.call('HSET', KEYS[7], shape, counts)
      changed = 1
    else
      redis.call('HSET', KEYS[1], shape, counts)
      redis.call('ZADD', KEYS[2], now, shape)
    end
  end
end
trim(KEYS[2], KEYS[1], tonumber(ARGV[6]))
if trim(KEYS[3], KEYS[7], tonumber(ARGV[7])) then changed = 1 end
trim(KEYS[6], KEYS[5], tonumber(ARGV[8]))
if changed == 1 then redis.call('INCR', KEYS[4]) end
return changed
`;

/**
 * KEYS as LEARN; ARGV[1] now (ms), ARGV[2] max learned, ARGV[3..] shapes → 1 if any was new
 */
const TEACH = `${TRIM}
local grew = 0
for i = 3, #ARGV do
  if redis.call('ZADD', KEYS[3], ARGV[1], ARGV[i]) == 1 then grew = 1 end
  redis.call('HDEL', KEYS[1], ARGV[i])
  redis.call('ZREM', KEYS[2], ARGV[i])
  redis.call('HDEL', KEYS[7], ARGV[i])
end
trim(KEYS[3], KEYS[7], tonumber(ARGV[2]))
if grew == 1 then redis.call('INCR', KEYS[4]) end
return grew
`;

/** KEYS as LEARN → the new version */
const RESET = `
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[5], KEYS[6], KEYS[7])
return redis.call('INCR', KEYS[4])
`;

type FrameRedis = RedisClient & {
  wherewemetFrameLearn(numKeys: number, ...args: Array<string | number>): Promise<number>;
  wherewemetFrameTeach(numKeys: number, ...args: Array<string | number>): Promise<number>;
  wherewemetFrameReset(numKeys: number, ...args: string[]): Promise<number>;
};

export class RedisFrameStore implements FrameStore {
  private readonly redis: FrameRedis;
  private readonly keys: [string, string, string, string, string, string, string];
  private cached: FrameSnapshot | null = null;

  constructor(
    redis: RedisClient,
    prefix: string,
    private readonly bounds: FrameBounds = { candidates: MAX_CANDIDATES, learned: MAX_LEARNED },
  ) {
    const scripts = {
      wherewemetFrameLearn: LEARN,
      wherewemetFrameTeach: TEACH,
      wherewemetFrameReset: RESET,
    };
    for (const [name, lua] of Object.entries(scripts))
      if (!(name in redis)) redis.defineCommand(name, { lua });
    this.redis = redis as FrameRedis;
    const base = frameBase(prefix);
    this.keys = [
      `${base}candidates`,
      `${base}seen`,
      `${base}learned`,
      `${base}version`,
      `${base}clusters`,
      `${base}clusterSeen`,
      `${base}counts`,
    ];
  }

  async learn(lesson: FrameLesson, at: Date): Promise<boolean> {
    const valid = validLesson(lesson);
    if (!valid) return false;
    const changed = await this.redis.wherewemetFrameLearn(
      this.keys.length,
      ...this.keys,
      valid.cluster,
      valid.source,
      at.getTime(),
      SOURCES_TO_LEARN,
      SHARE_TO_LEARN,
      this.bounds.candidates,
      this.bounds.learned,
      this.bounds.clusters ?? MAX_CLUSTERS,
      ...valid.shapes,
    );
    return changed === 1;
  }

  async teach(shapes: string[], at: Date): Promise<boolean> {
    const valid = validShapes(shapes);
    if (valid.length === 0) return false;
    const grew = await this.redis.wherewemetFrameTeach(
      this.keys.length,
      ...this.keys,
      at.getTime(),
      this.bounds.learned,
      ...valid,
    );
    return grew === 1;
  }

  async version(): Promise<number> {
    return Number((await this.redis.get(this.keys[3])) ?? 0);
  }

  async snapshot(): Promise<FrameSnapshot> {
    const version = await this.version();
    if (this.cached?.version === version) return this.cached;
    // Version and set in one MULTI: a snapshot never pairs a set with a later version.
    const replies = (await this.redis
      .multi()
      .get(this.keys[3])
      .zrange(this.keys[2], '0', '-1')
      .exec()) as [[null, string | null], [null, string[]]];
    const snapshot = {
      version: Number(replies[0][1] ?? 0),
      frame: learnedFrameOf(replies[1][1]),
    };
    this.cached = snapshot;
    return snapshot;
  }

  async counts(): Promise<FrameCounts> {
    const [version, candidates, learned] = await Promise.all([
      this.version(),
      this.redis.zcard(this.keys[1]),
      this.redis.zcard(this.keys[2]),
    ]);
    return { version, candidates, learned };
  }

  async reset(): Promise<void> {
    await this.redis.wherewemetFrameReset(this.keys.length, ...this.keys);
    this.cached = null;
  }
}

const perProcess = new WeakMap<RedisClient, Map<string, RedisFrameStore>>();

/** The process's one frame store for this Redis and prefix: one snapshot cache for all accounts. */
export function frameStoreFor(redis: RedisClient, prefix: string): RedisFrameStore {
  const byPrefix = perProcess.get(redis) ?? new Map<string, RedisFrameStore>();
  perProcess.set(redis, byPrefix);
  const store = byPrefix.get(prefix) ?? new RedisFrameStore(redis, prefix);
  byPrefix.set(prefix, store);
  return store;
}

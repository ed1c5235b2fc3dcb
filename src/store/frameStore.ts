/**
 * The learned frame in Redis (src/parse/learnedFrame.ts says what it is): one owner for the
 * installation's `<prefix>:{frame}:` keys (keys.ts). Only 16-hex-digit hashes are kept, never
 * text: a shape's key, and up to SOURCES_TO_LEARN - 1 source keys while it is a candidate.
 *
 *   candidates  hash   shape → the sources that showed it so far, comma-separated
 *   seen        zset   shape → last seen (ms), of candidates: the least recently seen go first
 *   learned     zset   shape → last seen (ms), of learned shapes, bounded the same way
 *   version     string grows whenever a shape becomes learned, and on a reset
 *
 * Bounded: at most MAX_CANDIDATES candidates and MAX_LEARNED learned shapes, so at most about
 * 5 MiB whatever the mail (BENCHMARKS.md: 4.3 MiB after 10,000 LinkedIn mails, at the candidates cap).
 * A process keeps a snapshot of the learned set and reloads it only when the version changed.
 */
import type { Redis } from 'ioredis';
import {
  type FrameLesson,
  type LearnedFrame,
  learnedFrameOf,
  MAX_LESSON_SHAPES,
  SOURCES_TO_LEARN,
} from '../parse/learnedFrame.ts';
import { frameBase } from './keys.ts';

export const MAX_CANDIDATES = 20_000;
export const MAX_LEARNED = 5_000;

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
  /** Adds the lesson's source to each shape's sources; whether any shape became learned. */
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

export function validLesson(lesson: FrameLesson): FrameLesson | null {
  if (!KEY.test(lesson.source)) return null;
  const shapes = [...new Set(lesson.shapes.filter((s) => KEY.test(s)))].slice(0, MAX_LESSON_SHAPES);
  return shapes.length > 0 ? { source: lesson.source, shapes } : null;
}

export function validShapes(shapes: string[]): string[] {
  return [...new Set(shapes.filter((s) => KEY.test(s)))].slice(0, MAX_LESSON_SHAPES);
}

/**
 * KEYS[1] candidates, KEYS[2] seen, KEYS[3] learned, KEYS[4] version
 * ARGV[1] source, ARGV[2] now (ms), ARGV[3] sources to learn, ARGV[4] max candidates,
 * ARGV[5] max learned, ARGV[6..] shapes → 1 if a shape became learned, else 0
 */
const LEARN = `
local source, now, need = ARGV[1], ARGV[2], tonumber(ARGV[3])
local grew = 0
for i = 6, #ARGV do
  local shape = ARGV[i]
  if redis.call('ZSCORE', KEYS[3], shape) then
    redis.call('ZADD', KEYS[3], now, shape)
  else
    local sources = redis.call('HGET', KEYS[1], shape) or ''
    if string.find(',' .. sources .. ',', ',' .. source .. ',', 1, true) then
      redis.call('ZADD', KEYS[2], now, shape)
    else
      local count = 1
      for _ in string.gmatch(sources, '[^,]+') do count = count + 1 end
      if count >= need then
        redis.call('HDEL', KEYS[1], shape)
        redis.call('ZREM', KEYS[2], shape)
        redis.call('ZADD', KEYS[3], now, shape)
        grew = 1
      else
        if sources ~= '' then sources = sources .. ',' end
        redis.call('HSET', KEYS[1], shape, sources .. source)
        redis.call('ZADD', KEYS[2], now, shape)
      end
    end
  end
end
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if excess > 0 then
  local old = redis.call('ZRANGE', KEYS[2], 0, excess - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
  redis.call('HDEL', KEYS[1], unpack(old))
end
excess = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[5])
if excess > 0 then redis.call('ZREMRANGEBYRANK', KEYS[3], 0, excess - 1) end
if grew == 1 then redis.call('INCR', KEYS[4]) end
return grew
`;

/**
 * KEYS as LEARN; ARGV[1] now (ms), ARGV[2] max learned, ARGV[3..] shapes → 1 if any was new
 */
const TEACH = `
local grew = 0
for i = 3, #ARGV do
  if redis.call('ZADD', KEYS[3], ARGV[1], ARGV[i]) == 1 then grew = 1 end
  redis.call('HDEL', KEYS[1], ARGV[i])
  redis.call('ZREM', KEYS[2], ARGV[i])
end
local excess = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[2])
if excess > 0 then redis.call('ZREMRANGEBYRANK', KEYS[3], 0, excess - 1) end
if grew == 1 then redis.call('INCR', KEYS[4]) end
return grew
`;

/** KEYS as LEARN → the new version */
const RESET = `
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return redis.call('INCR', KEYS[4])
`;

type FrameRedis = Redis & {
  wherewemetFrameLearn(numKeys: number, ...args: Array<string | number>): Promise<number>;
  wherewemetFrameTeach(numKeys: number, ...args: Array<string | number>): Promise<number>;
  wherewemetFrameReset(numKeys: number, ...args: string[]): Promise<number>;
};

export class RedisFrameStore implements FrameStore {
  private readonly redis: FrameRedis;
  private readonly keys: [string, string, string, string];
  private cached: FrameSnapshot | null = null;

  constructor(
    redis: Redis,
    prefix: string,
    private readonly bounds = { candidates: MAX_CANDIDATES, learned: MAX_LEARNED },
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
    this.keys = [`${base}candidates`, `${base}seen`, `${base}learned`, `${base}version`];
  }

  async learn(lesson: FrameLesson, at: Date): Promise<boolean> {
    const valid = validLesson(lesson);
    if (!valid) return false;
    const grew = await this.redis.wherewemetFrameLearn(
      4,
      ...this.keys,
      valid.source,
      at.getTime(),
      SOURCES_TO_LEARN,
      this.bounds.candidates,
      this.bounds.learned,
      ...valid.shapes,
    );
    return grew === 1;
  }

  async teach(shapes: string[], at: Date): Promise<boolean> {
    const valid = validShapes(shapes);
    if (valid.length === 0) return false;
    const grew = await this.redis.wherewemetFrameTeach(
      4,
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
    await this.redis.wherewemetFrameReset(4, ...this.keys);
    this.cached = null;
  }
}

const perProcess = new WeakMap<Redis, Map<string, RedisFrameStore>>();

/** The process's one frame store for this Redis and prefix: one snapshot cache for all accounts. */
export function frameStoreFor(redis: Redis, prefix: string): RedisFrameStore {
  const byPrefix = perProcess.get(redis) ?? new Map<string, RedisFrameStore>();
  perProcess.set(redis, byPrefix);
  const store = byPrefix.get(prefix) ?? new RedisFrameStore(redis, prefix);
  byPrefix.set(prefix, store);
  return store;
}

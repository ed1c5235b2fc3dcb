/**
 * The frame learned from the mailbox (template induction). LinkedIn's frame repeats across its
 * mail to one person while a note belongs to one inviter, so a segment shape that recurs in
 * verified LinkedIn mail, from several different people and in a good share of the mail of its
 * template, is frame. The parser stays pure: it is handed what was learned (a set of shape keys)
 * and hands back what this mail can teach.
 *
 * A shape is a segment's comparable form with names, numbers, links and addresses abstracted
 * (frame.ts `tokenise`), within a cluster of mail: one LinkedIn template in one language. A segment that holds a
 * phrase of context or of a pitch is never learned: no learning may hide a note that says where
 * they met. Only short hashes leave the parser: no note text is ever stored.
 */
import { createHash } from 'node:crypto';

/** What this installation has learned: the keys of shapes that are frame. */
export interface LearnedFrame {
  has(shapeKey: string): boolean;
}

export const NOTHING_LEARNED: LearnedFrame = { has: () => false };

/** What one mail can teach: its segment shapes, and who it stands for (one vote per source). */
export interface FrameLesson {
  /** The mail's template and language (clusterOf): frame is learned within one cluster. */
  cluster: string;
  /** A hash of the inviter (profile link or name), or of the mail itself when it names no one. */
  source: string;
  /** Shape keys (of this cluster), distinct, at most MAX_LESSON_SHAPES. */
  shapes: string[];
}

/**
 * A shape is frame once SOURCES_TO_LEARN different sources showed it (so no one sender can teach
 * it) and it stood in at least SHARE_TO_LEARN of its cluster's mails. LinkedIn's frame is in
 * (nearly) every mail of a template; a note several people happen to share (a recruiter's
 * script, a conference's greeting) is in a few of them.
 */
export const SOURCES_TO_LEARN = 3;
export const SHARE_TO_LEARN = 0.2;
/** A LinkedIn mail has a few dozen frame segments; more than this is not a notification. */
export const MAX_LESSON_SHAPES = 200;
/** Segments longer than this are never frame: LinkedIn's longest footer has about 700 characters. */
export const MAX_SHAPE_CHARS = 1000;

/** What is known of one shape: how many mails showed it, and how many sources (capped). */
export interface ShapeCount {
  mails: number;
  sources: number;
}

export function isLearnedCount(shape: ShapeCount, clusterMails: number): boolean {
  return shape.sources >= SOURCES_TO_LEARN && shape.mails >= SHARE_TO_LEARN * clusterMails;
}

/** The key of a tokenised segment in its cluster: 16 hex digits of SHA-256, nothing readable. */
export function shapeKey(tokens: string, cluster: string): string {
  const text = `shape\u0000${cluster}\u0000${tokens.trim()}`;
  let key = recentKeys.get(text);
  if (key === undefined) {
    // LinkedIn's frame repeats from mail to mail: most segments were hashed moments ago.
    if (recentKeys.size >= MAX_RECENT_KEYS) recentKeys.clear();
    key = shortHash(text);
    recentKeys.set(text, key);
  }
  return key;
}

/** Mail built from the same frame: one LinkedIn template in one language ("-" for unknown). */
export function clusterOf(template: string | null, language: string | null = null): string {
  return `${template ?? '-'}|${language ?? '-'}`;
}

/**
 * Where notes are learned, apart from the frame: a note that many inviters wrote word for word
 * and that names LinkedIn is LinkedIn's default note, in a language or wording no pack knows
 * (frame.ts isLearnedDefaultNote). Counted among the cluster's notes, not all its mail: the
 * default note is common among notes, not in every mail as the frame is.
 */
export function defaultNoteCluster(cluster: string): string {
  return `${cluster}|default-note`;
}

/**
 * A shape every invitation with a note carries in its default-note cluster, so that the cluster
 * counts all notes, not only those that might be the default note: a note several inviters
 * share is then a fifth of the cluster's notes only where it is as common as the default note.
 */
export function anyNoteShape(cluster: string): string {
  return shapeKey('\u0000any note', defaultNoteCluster(cluster));
}

export function sourceKey(identity: string): string {
  return shortHash(`source\u0000${identity.toLowerCase()}`);
}

/** Shape keys of the segments read lately, in this process's memory only; bounded. */
const recentKeys = new Map<string, string>();
const MAX_RECENT_KEYS = 4096;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** A learned frame from a plain set of keys (the store's snapshot, or a test's). */
export function learnedFrameOf(keys: Iterable<string>): LearnedFrame {
  const set = new Set(keys);
  return { has: (key) => set.has(key) };
}

/**
 * The learning rule in memory (isLearnedCount). The Redis store (src/store/frameStore.ts) keeps
 * the same rule, bounded; this one serves tests and benchmarks.
 */
export class FrameTally {
  private readonly clusters = new Map<
    string,
    { mails: number; shapes: Map<string, { mails: number; sources: Set<string> }> }
  >();

  add(lesson: FrameLesson): void {
    const cluster = this.clusters.get(lesson.cluster) ?? { mails: 0, shapes: new Map() };
    this.clusters.set(lesson.cluster, cluster);
    cluster.mails++;
    for (const key of lesson.shapes) {
      const shape = cluster.shapes.get(key) ?? { mails: 0, sources: new Set<string>() };
      shape.mails++;
      if (shape.sources.size < SOURCES_TO_LEARN) shape.sources.add(lesson.source);
      cluster.shapes.set(key, shape);
    }
  }

  frame(): LearnedFrame {
    const learned: string[] = [];
    for (const { mails, shapes } of this.clusters.values())
      for (const [key, shape] of shapes)
        if (isLearnedCount({ mails: shape.mails, sources: shape.sources.size }, mails))
          learned.push(key);
    return learnedFrameOf(learned);
  }
}

/**
 * The frame learned from the mailbox (template induction). LinkedIn's frame repeats across its
 * mail to one person while a note belongs to one inviter, so a segment shape that recurs in
 * verified LinkedIn mail from several different people is frame. The parser stays pure: it is
 * handed what was learned (a set of shape keys) and hands back what this mail can teach.
 *
 * A shape is a segment's comparable form with names, numbers, links and addresses abstracted
 * (frame.ts `tokenise`). Only a short hash of it leaves the parser: no note
 * text is ever stored, and one inviter's mails count once (`source`).
 */
import { createHash } from 'node:crypto';

/** What this installation has learned: the keys of shapes seen from enough different sources. */
export interface LearnedFrame {
  has(shapeKey: string): boolean;
}

export const NOTHING_LEARNED: LearnedFrame = { has: () => false };

/** What one mail can teach: its segment shapes, and who it stands for (one vote per source). */
export interface FrameLesson {
  /** A hash of the inviter (profile link or name), or of the mail itself when it names no one. */
  source: string;
  /** Shape keys, distinct, at most MAX_LESSON_SHAPES. */
  shapes: string[];
}

/** How many different sources must show a shape before it counts as frame. */
export const SOURCES_TO_LEARN = 3;
/** A LinkedIn mail has a few dozen frame segments; more than this is not a notification. */
export const MAX_LESSON_SHAPES = 200;
/** Segments longer than this are never frame: LinkedIn's longest footer has about 330 characters. */
export const MAX_SHAPE_CHARS = 600;

/**
 * The key of a tokenised segment: 16 hex digits of SHA-256, nothing readable. Not keyed by
 * language or template: the words already say the language, and LinkedIn shares its footers and
 * buttons across templates, so a redesign is learned from all its mail at once.
 */
export function shapeKey(tokens: string): string {
  return shortHash(`shape\u0000${tokens.trim()}`);
}

export function sourceKey(identity: string): string {
  return shortHash(`source\u0000${identity.toLowerCase()}`);
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** A learned frame from a plain set of keys (the store's snapshot, or a test's). */
export function learnedFrameOf(keys: Iterable<string>): LearnedFrame {
  const set = new Set(keys);
  return { has: (key) => set.has(key) };
}

/**
 * The learned-frame shapes of a text a person placed as LinkedIn's ("That is LinkedIn's text" on
 * the review page): each line tokenised as the parser tokenises it (FrameReader), so that what is
 * taught is what the parser asks the learned frame about.
 *
 * Provisional: the parser's own `shapesOfText` replaces this module once it is exported
 * (src/parse/learnedFrame.ts or frame.ts); its callers import only this name.
 */
import { FrameReader, type KnownNames } from './frame.ts';

export function shapesOfText(text: string, names: KnownNames): string[] {
  const shapes = new Set<string>();
  const reader = new FrameReader(names, { shapes });
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed !== '') reader.isLearned(reader.tokenise(trimmed).tokens);
  }
  return [...shapes];
}

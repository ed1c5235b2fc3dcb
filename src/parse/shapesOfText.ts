/**
 * The learned-frame shapes of a text a person placed as LinkedIn's ("That is LinkedIn's text" on
 * the review page): each line tokenised as the parser tokenises it (FrameReader), in the mail's
 * own cluster (its template and language, as parseMail found them), so that what is taught is what
 * the parser asks the learned frame about.
 *
 * Provisional: the parser's own `shapesOfText` replaces this module once it is exported
 * (src/parse/learnedFrame.ts or frame.ts); its callers import only this name.
 */
import { FrameReader, type KnownNames } from './frame.ts';
import { cleanName } from './names.ts';
import type { ParsedMail } from './parseNotification.ts';
import { readMessage } from './readMessage.ts';

export function shapesOfText(text: string, names: KnownNames, cluster: string): string[] {
  const shapes = new Set<string>();
  const reader = new FrameReader(names, { shapes, cluster });
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed !== '') reader.isLearned(reader.tokenise(trimmed).tokens);
  }
  return [...shapes];
}

/**
 * The shapes of a parsed mail's unplaced texts, with the names its parse abstracted (the inviter,
 * and the recipient as the mail's To names them) and its cluster: what "That is LinkedIn's text"
 * teaches.
 */
export async function shapesOfUnplaced(
  raw: Buffer,
  { notification, cluster }: Pick<ParsedMail, 'notification' | 'cluster'>,
  maxBytes?: number,
): Promise<string[]> {
  const mail = await readMessage(raw, maxBytes);
  const recipient = cleanName(mail.to[0]?.name ?? '') || null;
  return notification.unrecognised.flatMap((text) =>
    shapesOfText(text, { inviter: notification.inviter.name, recipient }, cluster),
  );
}

/**
 * A new version of a draft with the subject and text the user typed on the review page. The
 * addresses, threading headers, Message-ID and our invitation header are carried over from the
 * current version, so the revision is the same draft to every matcher.
 */
import { type AddressObject, simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { singleLine } from '../text.ts';
import { INVITATION_HEADER } from './headers.ts';

export async function reviseDraft(
  current: Buffer,
  change: { subject: string; text: string; invitationKey: string; now: Date },
): Promise<Buffer> {
  const parsed = await simpleParser(current, { skipHtmlToText: true, skipImageLinks: true });
  const list = (field: AddressObject | AddressObject[] | undefined) =>
    (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) =>
      a.value.map((v) => ({ name: v.name, address: v.address ?? '' })),
    );
  const references = parsed.references;
  const composer = new MailComposer({
    from: list(parsed.from)[0],
    to: list(parsed.to),
    cc: list(parsed.cc),
    subject: singleLine(change.subject),
    // Browsers submit textarea lines with CRLF; the composer encodes line ends itself.
    text: `${change.text.replace(/\r\n?/g, '\n').trimEnd()}\n`,
    messageId: parsed.messageId,
    date: change.now,
    inReplyTo: parsed.inReplyTo,
    references: Array.isArray(references) ? references : references ? [references] : [],
    headers: { [INVITATION_HEADER]: change.invitationKey },
  });
  return composer.compile().build();
}

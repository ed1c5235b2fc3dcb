/**
 * Invitation + template → the RFC 822 reply draft. Composition (encoding, folding, encoded-words)
 * is nodemailer's MailComposer: it only builds bytes and never opens a connection. Text from the
 * inviter enters as single-line values in headers and as plain text in the body. Nodemailer folds
 * headers at spaces but cannot fold a long word, so header values are cut to fit the 998-octet
 * line limit of RFC 5322 (section 2.1.1) whatever they hold.
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { TemplateConfig, TemplateText } from '../config/schema.ts';
import type { KeptNotification } from '../parse/parseNotification.ts';
import { fitOctets, safeInline, singleLine, stripBidi } from '../text.ts';
import { INVITATION_HEADER } from './headers.ts';
import { cleanProfileUrl, INVITATION_MANAGER, linkedInLinks } from './linkedInLinks.ts';
import { escapeHtml, renderHtmlTemplate, renderTemplate, type TemplateValues } from './template.ts';

export interface DraftRequest {
  notification: KeptNotification;
  invitationKey: string;
  template: TemplateConfig;
  me: { name: string | null; address: string; signature: string | null };
  now: Date;
}

export interface ComposedDraft {
  raw: Buffer;
  messageId: string;
  to: string | null;
  subject: string;
  text: string;
}

export async function composeDraft(request: DraftRequest): Promise<ComposedDraft> {
  const { notification, template, me } = request;
  const inviter = notification.inviter;
  const text = pickLanguage(template, notification.language);
  const linkedInUrl = cleanProfileUrl(inviter.profileUrl);
  // Records written before names were cut and cleaned in the parser get the same treatment here.
  const name = inviter.name && safeInline(inviter.name);
  const firstName = safeInline(inviter.firstName ?? name ?? '');
  const values: TemplateValues = {
    firstName,
    // Drafts recorded before greetingName existed greet by first name, as they did.
    greetingName: safeInline(inviter.greetingName ?? firstName),
    fullName: name ?? '',
    headline: safeInline(inviter.headline ?? ''),
    location: safeInline(inviter.location ?? ''),
    note: notification.note ?? '',
    profileUrl: linkedInUrl ?? '',
    myName: me.name ?? '',
  };
  const subject = headerText(renderTemplate(text.subject, values));
  const to = replyAddress(notification);
  // The same "open" link as the review page's: the profile, else the invitation manager; never
  // the accept link, which would connect to a stranger before they said where we met.
  const hint = to
    ? null
    : replyOnLinkedInHint(
        name,
        linkedInLinks(notification, null)?.open.url ?? INVITATION_MANAGER,
        inviter.email !== null,
      );
  const signature = me.signature?.trimEnd() || null;
  const body = [hint, renderTemplate(text.body, values).trimEnd(), signature && `-- \n${signature}`]
    .filter(Boolean)
    .join('\n\n')
    .concat('\n');
  const html = text.html
    ? htmlBody(hint, renderHtmlTemplate(text.html, values), signature)
    : undefined;

  const messageId = `<wherewemet-${digest(request.invitationKey)}@${me.address.split('@')[1] ?? 'localhost'}>`;
  // A Message-ID too long for one header line cannot be threaded on; the draft goes without.
  const inReplyTo =
    notification.messageId && Buffer.byteLength(notification.messageId) <= MAX_HEADER_TEXT
      ? notification.messageId
      : undefined;
  const references = inReplyTo ? [inReplyTo] : [];
  const composer = new MailComposer({
    from: { name: headerText(me.name ?? ''), address: me.address },
    to: to ? [{ name: headerText(name ?? ''), address: to }] : [],
    subject,
    text: body,
    html,
    messageId,
    date: request.now,
    inReplyTo,
    references,
    headers: { [INVITATION_HEADER]: request.invitationKey },
  });
  const raw = await composer.compile().build();
  return { raw, messageId, to, subject, text: body };
}

/**
 * The address a draft is written to: the inviter's own, only when the mail is proven to be
 * LinkedIn's (by the user's server or our DKIM check). Anyone can write a Reply-To into an
 * imitation, and a reply to it would confirm the user's address to whoever wrote it.
 */
export function replyAddress(notification: KeptNotification): string | null {
  return notification.authenticity === 'verified' ? notification.inviter.email : null;
}

/** The rendered HTML template, with the hint above and the signature below as escaped text. */
function htmlBody(hint: string | null, rendered: string, signature: string | null): string {
  const paragraph = (text: string) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
  return [hint && paragraph(hint), rendered, signature && paragraph(`-- \n${signature}`)]
    .filter(Boolean)
    .join('\n');
}

/**
 * Text for a header: one line, no bidi controls, and no "=?" left to open an encoded word.
 * Nodemailer leaves ASCII as it is, so a name that holds "=?UTF-8?B?DQpCY2M6…?=" would reach the
 * header literally and a mail client would decode it to a line break and a Bcc. "= ?" reads the
 * same and decodes to itself. At most 700 octets: with the field name and an address, the line
 * stays within 998 even where nodemailer has no space to fold at.
 */
function headerText(text: string): string {
  return fitOctets(stripBidi(singleLine(text)).replace(/=\?/g, '= ?'), MAX_HEADER_TEXT).trim();
}

const MAX_HEADER_TEXT = 700;

function pickLanguage(template: TemplateConfig, language: string | null): TemplateText {
  return (language && template.languages[language]) || template;
}

/**
 * LinkedIn's notification comes from an address that reaches nobody. Without the inviter's own
 * address (or with one the mail cannot vouch for) the user replies on LinkedIn, so the draft says
 * where, in one line they delete.
 */
function replyOnLinkedInHint(name: string | null, url: string | null, unproven: boolean): string {
  const who = name ? singleLine(name) : 'the inviter';
  const why = unproven
    ? `The address in this invitation is left out: nothing proves that LinkedIn sent it. Reply to ${who} on LinkedIn`
    : `No email address for ${who}: reply on LinkedIn`;
  return url ? `[${why} at ${url} and delete this line.]` : `[${why} and delete this line.]`;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

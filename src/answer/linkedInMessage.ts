/**
 * LinkedIn's "new message" notification (X-LinkedIn-Template email_member_message_v2 and its
 * successors; From "<Name> via LinkedIn"; subject "<First> just messaged you", localised): who
 * wrote, their profile link where the mail carries one, and the message text where it does. Pure.
 *
 * The mail is read from its own structure: the sender's identity line ("<Name> (<headline>)"),
 * then the message, then the "View message" button. A notification that only says "You have 1 new
 * message" has no text: the answer is recorded without an excerpt.
 */
import { profileVanity } from '../classify/classify.ts';
import { domainOf, isLinkedInDomain } from '../parse/authenticity.ts';
import { ParseBudget } from '../parse/budget.ts';
import { htmlLines, type Line } from '../parse/htmlLines.ts';
import type { LabelledLink } from '../parse/links.ts';
import { cleanName, nameKey } from '../parse/names.ts';
import type { MailInput } from '../parse/readMessage.ts';
import { readTextPart } from '../parse/textPart.ts';
import type { MessageSender } from './recognize.ts';

export interface LinkedInMessage {
  sender: MessageSender;
  /** The message as the mail shows it, or null when it only announces one. */
  text: string | null;
}

/** Template names of message notifications, then and now; never an invitation's. */
const MESSAGE_TEMPLATE = /member_message|messaging|new_message|inmail|msg_/i;

/** "Jane just messaged you" and its translations (LinkedIn's subjects, 2019-2026). */
const MESSAGE_SUBJECT = new RegExp(
  [
    'just messaged you',
    'sent you a (?:new )?message',
    'sent you an? inmail',
    'hat (?:ihnen|dir) (?:eine|gerade eine) nachricht',
    'vous a envoy[ée] un message',
    "t[’']a envoy[ée] un message",
    'te ha enviado un mensaje',
    'te envi[óo] un mensaje',
    'ti ha (?:appena )?inviato un messaggio',
    'enviou uma mensagem',
    'heeft (?:je|u) (?:een )?bericht',
    'mengirimi anda pesan',
    'mengirim pesan',
  ].join('|'),
  'i',
);

/** "Jane Doe via LinkedIn", localised; the name before it is the sender's. */
const VIA_LINKEDIN =
  /^(.+?)\s+(?:via|über|uber|par l[’']interm[ée]diaire de|por medio de|por meio de|tramite|melalui)\s+linked\s*in$/i;

/** The button after the message: where the message ends. */
const CALL_TO_ACTION =
  /^(?:view message|reply|see message|read message|nachricht anzeigen|antworten|voir le message|r[ée]pondre|ver mensaje|responder|visualizza (?:il )?messaggio|rispondi|ver mensagem|bericht bekijken|beantwoorden|lihat pesan|balas)\b/i;

/** LinkedIn's own lines around a message, never the sender's words. */
const FRAME_LINE =
  /^(?:you have \d+ new messages?|sie haben \d+ neue nachrichten?|vous avez \d+ nouveaux? messages?|tienes \d+ mensajes? nuevos?|hai \d+ nuovi? messaggi?o?|voc[êe] tem \d+ novas? mensage(?:m|ns)|u hebt \d+ nieuwe? berichten?|je hebt \d+ nieuwe? berichten?|anda memiliki \d+ pesan baru|[.\-_=·•]{3,}|[}{])$/i;

/** Whether the mail presents itself as LinkedIn's notice of a message someone sent the user. */
export function isLinkedInMessage(mail: MailInput): boolean {
  const fromDomain = domainOf(mail.from?.address ?? null);
  const templates = mail.headers.get('x-linkedin-template') ?? [];
  const fromLinkedIn =
    (fromDomain !== null && isLinkedInDomain(fromDomain)) ||
    VIA_LINKEDIN.test(mail.from?.name ?? '') ||
    templates.length > 0;
  if (!fromLinkedIn) return false;
  if (templates.some((t) => /invit|inv_|remind|accept/i.test(t))) return false;
  return (
    templates.some((t) => MESSAGE_TEMPLATE.test(t)) || MESSAGE_SUBJECT.test(mail.subject ?? '')
  );
}

/** Who wrote and what, from a mail `isLinkedInMessage` accepted. */
export function readLinkedInMessage(mail: MailInput): LinkedInMessage {
  // The parser's own limits: a notification with thousands of links is no notification.
  const budget = new ParseBudget();
  const viaName = VIA_LINKEDIN.exec((mail.from?.name ?? '').trim())?.[1] ?? null;
  const name = viaName ? cleanName(viaName) || null : null;
  const text = mail.text ? readTextPart(mail.text, budget) : null;
  const html = mail.html ? htmlLines(mail.html, budget) : null;
  const links: LabelledLink[] = [...(text?.links ?? []), ...(html?.links ?? [])];
  const recipient = mail.to[0]?.name ? nameKey(cleanName(mail.to[0].name)) : null;
  const lines = text?.lines ?? html?.lines ?? [];
  return {
    sender: { name, profileUrl: senderProfile(links, lines, name, recipient) },
    text: messageText(lines, name),
  };
}

/**
 * The sender's profile link: one labelled with their name, else the one on (or right after) their
 * identity line. Never one labelled with the recipient's name: the header links to the user's own.
 */
function senderProfile(
  links: LabelledLink[],
  lines: Line[],
  name: string | null,
  recipient: string | null,
): string | null {
  const profiles = links.filter((l) => profileVanity(l.href));
  if (name) {
    const key = nameKey(name);
    const labelled = profiles.find((l) => nameKey(l.text).startsWith(key));
    if (labelled) return labelled.href;
    const at = lines.findIndex((l) => nameKey(l.text).startsWith(key));
    for (const line of at >= 0 ? lines.slice(at, at + 2) : []) {
      const url = /https?:\/\/[^\s()<>]+/.exec(line.text)?.[0];
      if (url && profileVanity(url)) return url;
    }
  }
  const others = profiles.filter((l) => !(recipient && nameKey(l.text).startsWith(recipient)));
  return others.length === 1 ? (others[0]?.href ?? null) : null;
}

/** The lines between the sender's identity and the call to action, LinkedIn's own lines aside. */
function messageText(lines: Line[], name: string | null): string | null {
  const texts = lines.map((l) => l.text.trim());
  const end = texts.findIndex((t) => CALL_TO_ACTION.test(t));
  if (end < 0) return null;
  const key = name ? nameKey(name) : null;
  const identity = key ? texts.findIndex((t, i) => i < end && nameKey(t).startsWith(key)) : -1;
  const start = identity >= 0 ? identity + 1 : 0;
  const words = texts
    .slice(start, end)
    .filter((t) => t !== '' && !FRAME_LINE.test(t) && !/^\(?https?:\/\/\S+\)?$/.test(t));
  return words.length > 0 ? words.join('\n') : null;
}

/**
 * An invitation's history and status as a person reads them: sentences, not field dumps. Pure;
 * the page escapes what these return (names and subjects come from strangers).
 */
import { localTime } from '../lifecycle/listing.ts';
import type { HistoryEvent, InvitationRecord } from '../store/store.ts';

const CATEGORY: Record<string, string> = {
  'no-context': 'a stranger without a personal note',
  'has-context': 'a personal note',
  pitch: 'a pitch (selling, recruiting or asking for work)',
  known: 'someone you know',
  suspicious: 'an imitation of LinkedIn',
  unsure: "unsure: text not yet placed as LinkedIn's or their note",
};

const VIA: Record<string, string> = {
  'review page': 'on the review page',
  cli: 'with the command line',
  'mail client': 'in your mail client',
  wherewemet: 'by wherewemet',
};

export function categoryLabel(category: string | null): string {
  return (category && CATEGORY[category]) ?? 'not sorted';
}

/**
 * "note gives context: \"met at\"" → "Note gives context: \"met at\"." A reason that starts
 * with a term keeps it as written, an acronym in capitals: "DKIM=fail for linkedin.com", not
 * "Dkim=fail".
 */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  const end = /[.!?]$/.test(trimmed) ? '' : '.';
  const acronym = /^(dkim|spf|dmarc|arc)(?=[^\p{L}]|$)/iu.exec(trimmed)?.[1];
  if (acronym) return `${acronym.toUpperCase()}${trimmed.slice(acronym.length)}${end}`;
  const word = /^\p{Ll}+(?=[\s:,]|$)/u.test(trimmed);
  const first = (word ? trimmed[0]?.toLocaleUpperCase() : trimmed[0]) ?? '';
  return `${first}${trimmed.slice(1)}${end}`;
}

const via = (v: unknown) => (typeof v === 'string' ? (VIA[v] ?? `(${v})`) : '');
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) =>
  Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(', ') : str(v);
const quoted = (v: unknown) => (str(v) ? ` “${str(v)}”` : '');

export function eventSentence(e: HistoryEvent): string {
  switch (e.event) {
    case 'received':
      return e.kind === 'reminder'
        ? `A LinkedIn reminder about it arrived in ${str(e.mailbox)}.`
        : `LinkedIn's invitation email arrived in ${str(e.mailbox)}.`;
    case 'seen-again':
      return `LinkedIn mentioned it again (${e.kind === 'reminder' ? 'a reminder' : 'another copy'}) in ${str(e.mailbox)}.`;
    case 'classified': {
      const reasons = Array.isArray(e.reasons)
        ? e.reasons.map((r) => asSentence(String(r))).join(' ')
        : '';
      const then =
        e.action === 'draft' ? 'A reply was to be drafted.' : 'No reply was drafted on its own.';
      return `Sorted as ${categoryLabel(str(e.category) || null)}. ${reasons} ${then}`.replace(
        /\s+/g,
        ' ',
      );
    }
    case 'drafted':
      if (e.takenOut) return 'The reply draft was found already taken out of Drafts.';
      if (e.recovered) return 'The reply draft was found already in Drafts.';
      return e.to
        ? `Reply${quoted(e.subject)} drafted to ${str(e.to)}.`
        : `Reply${quoted(e.subject)} drafted; there is no email address, so it is answered on LinkedIn.`;
    case 'edited':
      return `The draft was edited ${via(e.via)}.`;
    case 'draft-requested':
      return `You asked for a reply from the “${str(e.template)}” template ${via(e.via)}.`;
    case 'send-failed':
      return `Sending failed and nothing was sent (${str(e.reason)}).`;
    case 'send-uncertain':
      return `Sending to ${list(e.to)} may have succeeded: the connection failed after the message was handed over (${str(e.reason)}).`;
    case 'decided':
      return decisionSentence(e);
    case 'undone':
      return e.decision === 'discarded'
        ? `You undid the discard ${via(e.via)}: the draft is back in Drafts.`
        : `You undid “replied on LinkedIn” ${via(e.via)}.`;
    case 'answered':
    case 'possible-answer':
      return answerSentence(e);
    case 'reclassified':
      return `Read again as LinkedIn's frame was learned: sorted as ${categoryLabel(str(e.category) || null)}. ${
        e.action === 'draft' ? 'A reply was to be drafted.' : 'No reply was drafted on its own.'
      }`;
    case 'to-read':
      return `Left for you to read: ${str(e.reason)}.`;
    case 'taught':
      return `You said its unplaced text is LinkedIn's ${via(e.via)}; it is read again.`;
    case 'placed':
      return `You said its unplaced text is their note ${via(e.via)}.`;
    default:
      return `${asSentence(e.event.replace(/-/g, ' '))} ${details(e)}`.trim();
  }
}

function decisionSentence(e: HistoryEvent): string {
  switch (e.decision) {
    case 'approved':
      return e.confirmedBy
        ? `It was sent after all: ${str(e.confirmedBy)}.`
        : `Sent${quoted(e.subject)} to ${list(e.to)} ${via(e.via)}.`;
    case 'sent':
      return 'You sent it from your mail client.';
    case 'discarded':
      return e.via === 'mail client'
        ? 'You deleted the draft in your mail client.'
        : `You discarded the draft ${via(e.via)}; it went to Trash.`;
    case 'expired':
      return `The draft was removed after ${String(e.afterDays ?? '?')} days untouched (drafts.expireAfterDays).`;
    case 'replied':
      return `You replied on LinkedIn (recorded ${via(e.via)}).`;
    case 'ignored':
      return e.after
        ? `After ${str(e.after) === 'no answer' ? 'no answer' : 'their answer'}, you chose to ignore it on LinkedIn (recorded ${via(e.via)}).`
        : `You chose not to answer it (recorded ${via(e.via)}).`;
    case 'accepted':
      return `After ${str(e.after) === 'no answer' ? 'no answer' : 'their answer'}, you chose to accept it on LinkedIn (recorded ${via(e.via)}).`;
    default:
      return `Decided: ${str(e.decision)} ${via(e.via)}.`;
  }
}

/** A stranger's answer to our question; the excerpt, while kept, is shown beside it by the page. */
function answerSentence(e: HistoryEvent): string {
  const where = e.via === 'linkedin' ? 'in a LinkedIn message' : 'by email';
  const pitch = Array.isArray(e.pitch) && e.pitch.length > 0 ? ' It reads as a pitch.' : '';
  const said = typeof e.excerpt === 'string' ? ` “${e.excerpt}”` : '';
  return e.event === 'possible-answer'
    ? `Maybe their answer, ${where}: the sender's name is also another invitation's, so it is not taken for sure.${said}${pitch}`
    : `They answered ${where}.${said}${pitch}`;
}

/** Anything else an event carries, as "key: value" text; never JSON. */
function details(e: HistoryEvent): string {
  const { at: _at, event: _event, ...rest } = e;
  return Object.entries(rest)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .join('; ');
}

/** One line on where an invitation stands, with the time of the decision. */
export function statusSentence(record: InvitationRecord): string {
  const line = statusText(record);
  return record.decidedAt && DECIDED.has(record.draftStatus)
    ? line.replace(/\.$/, ` (${localTime(record.decidedAt)}).`)
    : line;
}

const DECIDED = new Set(['approved', 'sent', 'discarded', 'expired', 'replied', 'ignored']);

function statusText(record: InvitationRecord): string {
  switch (record.draftStatus) {
    case 'none':
      return noDraftReason(record);
    case 'queued':
      return 'A reply is being drafted: it appears in Drafts once the worker has written it.';
    case 'pending':
      return 'Waiting for you: the reply is in Drafts.';
    case 'sending':
      return 'An approval is sending the reply, or may have sent it.';
    case 'approved':
      return `Sent by wherewemet on your approval${record.draftTo ? ` to ${record.draftTo}` : ''}.`;
    case 'sent':
      return 'You sent the reply from your mail client.';
    case 'discarded':
      return 'You discarded the draft.';
    case 'expired':
      return 'The draft was removed after the age limit.';
    case 'replied':
      return 'You replied on LinkedIn.';
    case 'ignored':
      return 'You chose not to answer it.';
  }
}

function noDraftReason(record: InvitationRecord): string {
  switch (record.category) {
    case 'has-context':
      return 'No draft: a personal note. Read it and answer it yourself.';
    case 'known':
      return 'No draft: someone you know.';
    case 'suspicious':
      return 'No draft: this looks like an imitation of LinkedIn, and is never answered.';
    default:
      return 'No draft: your rules say none for this kind of invitation.';
  }
}

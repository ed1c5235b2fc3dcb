/**
 * The IMAP side of a catch-up, over the watcher's own connection with the mailbox selected (so
 * its view includes every UID its SEARCH returned): one SEARCH for the range, one for the
 * candidates, one header FETCH over all of them, then body FETCHes in batches, streamed.
 * A UID the server does not answer for is looked up again after NOOP before it counts as gone:
 * only a fresh view of the server decides that a message no longer exists.
 */
import type { FetchMessageObject, FetchQueryObject, ImapFlow, SearchObject } from 'imapflow';
import type { HeaderSummary } from '../decide/choose.ts';
import { MessageNotServedError, SearchUnansweredError } from '../errors.ts';

/**
 * The addresses LinkedIn sends invitations from (2011-2026). A forward comes from a person, so
 * only its text names them: the quoted header block, or the attached original's own headers.
 */
const INVITATION_SENDERS = ['invitations@linkedin.com', 'member@linkedin.com'];

/**
 * Forwarding clients' subject prefixes: "Fwd:" and "FW:" (Gmail and Apple Mail in every
 * language), Outlook's in the packs' other languages (WG: de, TR: fr, RV: es, ENC: pt, I: it,
 * Doorst: nl).
 */
const FORWARD_SUBJECTS = ['fw', 'wg:', 'tr:', 'rv:', 'enc:', 'i:', 'doorst:'];

/**
 * Candidates for LinkedIn mail, selected by the server so other mail is never downloaded:
 * a From that mentions LinkedIn (its own domain, "via LinkedIn", imitations spelled the same),
 * LinkedIn's own headers, or a forward: a forward's subject and a text that names LinkedIn's
 * invitation sender. Asking for the subject too lets the server read the text of forwards alone
 * (Dovecot, the 20,000 messages of `npm run bench`: 5 s for TEXT over all of them, 0.05 s more
 * than without it behind the subject). TEXT, not BODY: Dovecot's BODY leaves out the headers of
 * an attached message, where an attached original names its sender. Look-alike spellings are
 * included to catch imitations.
 */
const CANDIDATES: SearchObject['or'] = [
  { from: 'linkedin' },
  { from: 'linkedln' },
  { from: 'linkdin' },
  { from: 'linnkedin' },
  { header: { 'X-LinkedIn-Class': true } },
  { header: { 'X-LinkedIn-Template': true } },
  ...INVITATION_SENDERS.map((address) => ({
    text: address,
    or: FORWARD_SUBJECTS.map((prefix) => ({ subject: prefix })),
  })),
];

/**
 * The same on Gmail, in its own search syntax (X-GM-EXT-1), which its index answers quickly. A
 * whole address is matched as one, in the text as in the headers; "@linkedin.com" alone would be
 * read as "linkedin.com" and match every profile link in a signature.
 */
const GMAIL_CANDIDATES = [
  'from:linkedin OR from:linkedln OR from:linkdin OR from:linnkedin',
  ...INVITATION_SENDERS.map((address) => `"${address}"`),
].join(' OR ');

/**
 * Where answers to our questions may be (src/answer/): mail in the thread of a question (its
 * In-Reply-To or References name our reply or the notification it replied to) and mail from an
 * inviter's address. Few terms: only invitations asked and not answered yet.
 */
export interface AnswerTerms {
  threadIds: string[];
  addresses: string[];
}

/** More terms than this in one SEARCH would make a query servers answer slowly; the newest win. */
const MAX_ANSWER_TERMS = 400;

/** The SEARCH for candidates in the range: Gmail's own syntax where the server offers it. */
export function candidateQuery(
  range: { afterUid: number; highUid: number; since: Date | null },
  gmail: boolean,
  answers: AnswerTerms = { threadIds: [], addresses: [] },
): SearchObject {
  const linkedIn: SearchObject[] = gmail ? [{ gmraw: GMAIL_CANDIDATES }] : (CANDIDATES ?? []);
  const answerTerms: SearchObject[] = [
    ...answers.threadIds.flatMap((id): SearchObject[] => [
      { header: { 'in-reply-to': id } },
      { header: { references: id } },
    ]),
    ...answers.addresses.map((address) => ({ from: address })),
  ].slice(-MAX_ANSWER_TERMS);
  const base = {
    uid: `${range.afterUid + 1}:${range.highUid}`,
    ...(range.since ? { since: range.since } : {}),
  };
  if (answerTerms.length === 0)
    return { ...base, ...(gmail ? { gmraw: GMAIL_CANDIDATES } : { or: CANDIDATES }) };
  return { ...base, or: [...linkedIn, ...answerTerms] };
}

/**
 * UIDs matching `query` in the selected mailbox. imapflow answers false, not an error, when no
 * mailbox is selected (a connection closing under a stop) or the server refuses: read as "none",
 * that would make messages gone (cursor moved past them) and drafts not yet written.
 */
export async function searchUids(client: ImapFlow, query: SearchObject): Promise<number[]> {
  const found = await client.search(query, { uid: true });
  if (!Array.isArray(found))
    throw new SearchUnansweredError(client.mailbox ? client.mailbox.path : null);
  return found;
}

/** The highest UID above `afterUid` now in the mailbox; `afterUid` when there is none. */
export async function highestUid(client: ImapFlow, afterUid: number): Promise<number> {
  const found = await searchUids(client, { uid: `${afterUid + 1}:*` });
  // "N:*" always matches the last message, even below N (RFC 3501 6.4.8).
  return found.reduce((high, uid) => Math.max(uid, high), afterUid);
}

/** Candidate UIDs in (afterUid, highUid], arrived since `since` when given; ascending. */
export async function searchCandidates(
  client: ImapFlow,
  range: { afterUid: number; highUid: number; since: Date | null },
  answers?: AnswerTerms,
): Promise<number[]> {
  if (range.highUid <= range.afterUid) return [];
  const query = candidateQuery(range, client.capabilities.has('X-GM-EXT-1'), answers);
  const found = await searchUids(client, query);
  return found.filter((uid) => uid > range.afterUid && uid <= range.highUid).sort((a, b) => a - b);
}

/**
 * Size, arrival, sender, subject and LinkedIn's template name of each UID, in one FETCH, and the
 * UIDs that are gone (see fetchEvery).
 */
export async function fetchHeaderSummaries(
  client: ImapFlow,
  uids: number[],
): Promise<{ summaries: HeaderSummary[]; gone: number[] }> {
  const summaries: HeaderSummary[] = [];
  const gone = await fetchEvery(
    client,
    uids,
    { uid: true, size: true, internalDate: true, envelope: true, headers: ['x-linkedin-template'] },
    async (msg) => {
      // A message another client expunged may still be answered, empty (RFC 2180 4.1.3;
      // Dovecot: size 0, no envelope): not an answer. No candidate is empty (SEARCH FROM).
      if (!msg.size) return false;
      const template = /^x-linkedin-template:\s*(.+)$/im.exec(msg.headers?.toString('utf8') ?? '');
      const arrived = msg.internalDate ? new Date(msg.internalDate) : null;
      summaries.push({
        uid: msg.uid,
        size: msg.size ?? 0,
        arrivedAt: arrived && !Number.isNaN(arrived.getTime()) ? arrived : null,
        fromAddress: msg.envelope?.from?.[0]?.address ?? null,
        subject: msg.envelope?.subject ?? null,
        template: template?.[1]?.trim() || null,
      });
      return true;
    },
  );
  return { summaries: summaries.sort((a, b) => a.uid - b.uid), gone };
}

export interface FetchedSource {
  uid: number;
  source: Buffer;
}

/** The sources of `uids` (one FETCH), handed to `each` as they arrive; returns those gone. */
export function fetchSources(
  client: ImapFlow,
  uids: number[],
  each: (message: FetchedSource) => Promise<void>,
): Promise<number[]> {
  return fetchEvery(client, uids, { uid: true, source: true }, async (msg) => {
    if (!msg.source) return false;
    await each({ uid: msg.uid, source: msg.source });
    return true;
  });
}

/**
 * One FETCH of `query` for `uids`; `take` says whether an answer was complete. Returns the UIDs
 * that are gone, and throws MessageNotServedError for one the server still lists but will not
 * answer for: a UID not answered for is gone only when a fresh view says so.
 */
async function fetchEvery(
  client: ImapFlow,
  uids: number[],
  query: FetchQueryObject,
  take: (msg: FetchMessageObject) => Promise<boolean>,
): Promise<number[]> {
  if (uids.length === 0) return [];
  const received = new Set<number>();
  const read = async (set: number[]) => {
    for await (const msg of client.fetch(uidSet(set), query, { uid: true })) {
      if (received.has(msg.uid) || !(await take(msg))) continue;
      received.add(msg.uid);
    }
  };
  await read(uids);
  const missing = uids.filter((uid) => !received.has(uid));
  if (missing.length === 0) return [];
  // A fresh view: NOOP lets the server report what changed, then SEARCH says what exists.
  await client.noop();
  const listed = new Set(await searchUids(client, { uid: uidSet(missing) }));
  const again = missing.filter((uid) => listed.has(uid));
  if (again.length > 0) await read(again);
  const unserved = again.find((uid) => !received.has(uid));
  if (unserved !== undefined) throw new MessageNotServedError(unserved);
  return missing.filter((uid) => !listed.has(uid));
}

/** An IMAP sequence set for UIDs: [1, 2, 3, 7, 9, 10] → "1:3,7,9:10" (RFC 3501 9, sequence-set). */
export function uidSet(uids: number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

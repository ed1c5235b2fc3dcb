/**
 * The review page's HTML. Every value goes through hono/html's `html`, which escapes it: text
 * from strangers (names, headlines, notes) can only ever appear as text. Nothing uses raw().
 * Buttons and links carry the inviter's name (visually hidden where the card already shows it),
 * so that a screen reader's list of controls says which invitation each one acts on. Browsers
 * put a space before the hidden part, so it never starts with punctuation.
 */
import { html } from 'hono/html';
import type { LinkedInLinks } from '../draft/linkedInLinks.ts';
import { localTime } from '../lifecycle/listing.ts';
import type { SendingAttempt } from '../store/sending.ts';
import type { DraftStatus, HistoryEvent } from '../store/store.ts';
import { UNDO_MS } from '../store/undo.ts';
import { type AnswerItem, answersSection } from './answersPart.ts';
import { FILTER_LABELS, FILTERS, type Filter, type ListQuery, queryUrl, tabsOf } from './select.ts';
import { asSentence, categoryLabel, eventSentence } from './timeline.ts';

type Html = ReturnType<typeof html>;

export interface DraftView {
  /** The draft's UID when the page was made: a decision applies to this version only. */
  version: number;
  to: string | null;
  subject: string;
  text: string;
}

export interface InvitationView {
  id: string;
  inviterName: string | null;
  headline: string | null;
  location: string | null;
  note: string | null;
  category: string | null;
  reasons: string[];
  /** Unsure: the texts not yet placed as LinkedIn's or the inviter's, highlighted in the note. */
  unplaced?: string[];
  authenticity: string;
  receivedAt: string;
  status: DraftStatus;
  /** Where it stands, in one sentence (timeline.ts statusSentence). */
  statusLine: string;
  /** Where to answer on LinkedIn without accepting, and the accept link for known people only. */
  linkedIn: LinkedInLinks | null;
  /** The pending draft as it is in Drafts now; null when there is none to act on. */
  draft: DraftView | null;
  sending: SendingAttempt | null;
}

export interface ListView {
  query: ListQuery;
  counts: Record<Filter, number>;
  items: InvitationView[];
  page: number;
  pages: number;
  total: number;
  /** Strangers' answers and invitations without one, shown above the list (answersPart.ts). */
  answers?: AnswerItem[];
}

/** What every page needs to render its forms. */
export interface PageContext {
  csrf: string;
  /** The list URL a form returns to after it posts. */
  back: string;
  /** Why "Approve and send" cannot work here, or null when it can. */
  approveUnavailable: string | null;
  templates: string[];
  /** The search the list shows, '' for none: each result then says which tabs hold it. */
  search: string;
}

/** `undo`: the invitation whose decision the notice offers to undo. */
export type Message = { kind: 'notice' | 'error'; text: string; undo?: string } | null;

export function layout(title: string, body: Html, options: { signedIn: boolean; csrf?: string }) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} · wherewemet</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/review.css">
<script src="/assets/review.js" defer></script></head>
<body><a class="skip" href="#main">Skip to the content</a>
<header class="top"><div class="top-inner"><a class="brand" href="/">wherewemet</a>
${
  options.signedIn
    ? html`<nav aria-label="Pages"><a href="/">Invitations</a><a href="/history">Decided</a><a href="/queues">Queues</a><a href="/device">Another device</a></nav>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="${options.csrf ?? ''}"><button type="submit">Sign out</button></form>`
    : ''
}
</div></header>
<main id="main"><h1>${title}</h1>
${body}
</main>
</body></html>`;
}

export function listPage(view: ListView, ctx: PageContext, message: Message): Html {
  const { query } = view;
  const everywhere = query.q !== '' && query.show === 'all';
  const title = everywhere
    ? `Search: “${query.q}”`
    : `${FILTER_LABELS[query.show]}${query.q ? `: “${query.q}”` : ''}`;
  return layout(
    title,
    html`${messageBlock(message, ctx)}
${view.answers ? answersSection(view.answers, ctx.csrf, ctx.back) : ''}
<nav class="tabs" aria-label="Filter invitations"><ul>
${FILTERS.map(
  (f) =>
    html`<li><a href="${queryUrl({ show: f, q: query.q })}" ${f === query.show ? html`aria-current="page"` : ''}>${FILTER_LABELS[f]} <span class="count">${view.counts[f]}</span></a></li>`,
)}
</ul></nav>
<form class="search" method="get" action="/" role="search">
<input type="search" name="q" value="${query.q}" aria-label="Search every tab by name, headline, note or address" placeholder="Search all invitations">
<button type="submit">Search</button>
</form>
${everywhere && view.total > 0 ? html`<p class="state">${view.total === 1 ? '1 invitation matches' : `${view.total} invitations match`}, from every tab; each says where it is. The tabs above count the matches they hold.</p>` : ''}
${view.items.length === 0 ? html`<p>${emptyText(query)}</p>` : ''}
${view.items.map((item, i) => card(item, `c${i}`, ctx))}
${pager(view)}`,
    { signedIn: true, csrf: ctx.csrf },
  );
}

function emptyText(query: ListQuery): string {
  if (query.q)
    return query.show === 'all'
      ? 'No invitation matches that search.'
      : 'Nothing matches that search here.';
  return query.show === 'waiting' ? 'No draft is waiting for you.' : 'None here.';
}

function pager(view: ListView): Html | string {
  if (view.pages <= 1) return '';
  const at = (page: number) => queryUrl({ ...view.query, page });
  return html`<nav class="pager" aria-label="Pages of invitations">
${view.page > 1 ? html`<a href="${at(view.page - 1)}" rel="prev">Previous page</a>` : html`<span></span>`}
<span>Page ${view.page} of ${view.pages} (${view.total} invitations)</span>
${view.page < view.pages ? html`<a href="${at(view.page + 1)}" rel="next">Next page</a>` : html`<span></span>`}
</nav>`;
}

function messageBlock(message: Message, ctx: PageContext): Html | string {
  if (!message) return '';
  if (message.kind === 'error') return html`<p class="error" role="alert">${message.text}</p>`;
  if (!message.undo) return html`<p class="notice" role="status">${message.text}</p>`;
  return html`<div class="notice" role="status"><p>${message.text}</p>
<form method="post" action="/invitations/${encodeURIComponent(message.undo)}/undo">${hidden(ctx)}<button type="submit">Undo</button> <span class="hint">(for ${UNDO_MS / 60_000} minutes; nothing is sent)</span></form></div>`;
}

function card(item: InvitationView, key: string, ctx: PageContext): Html {
  if (item.draft) return draftCard(item, item.draft, key, ctx);
  if (item.sending) return sendingCard(item, item.sending, key, ctx);
  return invitationCard(item, key, ctx);
}

const nameOf = (item: InvitationView) => item.inviterName ?? 'the inviter';

/** A search result's place: the tabs that list it (its state among them). */
function foundIn(item: InvitationView): Html {
  const tabs = tabsOf({ draftStatus: item.status, category: item.category });
  return html`<p class="found-in">In ${tabs.map((f, i) => html`${i > 0 ? ', ' : ''}<a href="${queryUrl({ show: f })}">${FILTER_LABELS[f]}</a>`)}</p>`;
}

function invitationPart(item: InvitationView, key: string, ctx: PageContext): Html {
  const name = nameOf(item);
  return html`<div class="invitation">
<h2 class="inviter" id="${key}-name">${item.inviterName ?? '(no name)'}</h2>
${ctx.search ? foundIn(item) : ''}
${item.headline ? html`<p class="headline">${item.headline}</p>` : ''}
<ul class="badges">
<li class="badge ${item.category === 'suspicious' ? 'bad' : ''}">${asSentence(categoryLabel(item.category)).replace(/\.$/, '')}</li>
<li class="badge ${item.authenticity === 'verified' ? 'good' : item.authenticity === 'suspicious' ? 'bad' : ''}">${AUTHENTICITY[item.authenticity] ?? item.authenticity}</li>
</ul>
${
  item.unplaced?.length
    ? unplacedPart(item.note, item.unplaced)
    : item.note
      ? html`<p class="vh">Their note:</p><blockquote class="note">${item.note}</blockquote>`
      : html`<p class="state">No note.</p>`
}
<ul class="reasons">${item.reasons
    // "No note." is said once, above, where the note would be.
    .filter((r) => item.note || asSentence(r) !== 'No note.')
    .map((r) => html`<li>${asSentence(r)}</li>`)}</ul>
<p class="meta">Received <time datetime="${item.receivedAt}">${localTime(item.receivedAt)}</time>
· <a href="/history/${encodeURIComponent(item.id)}">History<span class="vh"> of ${name}'s invitation</span></a></p>
</div>`;
}

/**
 * An unsure invitation's text with the parts not yet placed marked, each still escaped by html``:
 * the marks split the text, they never let any of it through as markup.
 */
function unplacedPart(note: string | null, unplaced: string[]): Html {
  const text = note ?? '';
  const marks: Array<[number, number]> = [];
  const elsewhere: string[] = [];
  for (const u of unplaced) {
    const at = u ? text.indexOf(u) : -1;
    if (at < 0 || marks.some(([s, e]) => at < e && at + u.length > s)) elsewhere.push(u);
    else marks.push([at, at + u.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  const parts: Array<Html | string> = [];
  let from = 0;
  for (const [start, end] of marks) {
    parts.push(text.slice(from, start), html`<mark>${text.slice(start, end)}</mark>`);
    from = end;
  }
  parts.push(text.slice(from));
  return html`<p class="state">Not yet placed as LinkedIn's text or their note (marked):</p>
${text ? html`<blockquote class="note unsure">${parts}</blockquote>` : ''}
${elsewhere.length ? html`<ul class="unplaced">${elsewhere.map((u) => html`<li><mark>${u}</mark></li>`)}</ul>` : ''}`;
}

const AUTHENTICITY: Record<string, string> = {
  verified: 'From LinkedIn (verified)',
  unverified: 'From LinkedIn (not verified)',
  suspicious: 'Not from LinkedIn',
};

function hidden(ctx: PageContext, extra: Record<string, string | number> = {}): Html {
  return html`<input type="hidden" name="csrf" value="${ctx.csrf}"><input type="hidden" name="back" value="${ctx.back}">${Object.entries(
    extra,
  ).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}`;
}

/**
 * "Open on LinkedIn" never accepts (the profile, else the invitation manager); LinkedIn's accept
 * link is a button of its own, named so, and only for someone the rules call known.
 */
function linkedInLink(item: InvitationView): Html | string {
  if (!item.linkedIn) return '';
  const { open, accept } = item.linkedIn;
  const where = open.what === 'profile' ? `${nameOf(item)}'s profile` : 'your invitations';
  return html`<a class="button" href="${open.url}" target="_blank" rel="noopener noreferrer">Open on LinkedIn<span class="vh"> (${where})</span></a>${
    accept
      ? html`
<a class="button" href="${accept}" target="_blank" rel="noopener noreferrer" data-accept>Accept on LinkedIn<span class="vh"> (connect with ${nameOf(item)})</span></a>`
      : ''
  }`;
}

function draftCard(item: InvitationView, draft: DraftView, key: string, ctx: PageContext): Html {
  const name = nameOf(item);
  const action = (what: string) => `/drafts/${encodeURIComponent(item.id)}/${what}`;
  const text = draft.to ? draft.text : withoutLinkedInHint(draft.text);
  return html`<article class="card" data-id="${item.id}" aria-labelledby="${key}-name">
${invitationPart(item, key, ctx)}
<form class="reply" method="post" action="${action('edit')}" data-draft>
${hidden(ctx, { version: draft.version })}
${
  draft.to
    ? html`<p class="to">To: <strong>${draft.to}</strong></p>`
    : html`<p class="to">No email address: LinkedIn gave none for ${name}. Answer on LinkedIn: copy the reply, open LinkedIn, paste it there, then record it here.</p>`
}
<label for="${key}-subject">Subject</label>
<input type="text" id="${key}-subject" name="subject" value="${draft.subject}">
<label for="${key}-text">${draft.to ? 'Reply' : 'Reply, to paste on LinkedIn'}</label>
<textarea id="${key}-text" name="text">
${text}</textarea>
<div class="actions">
${
  draft.to
    ? html`<button type="submit">Save edit<span class="vh"> of the reply to ${name}</span></button>
${
  ctx.approveUnavailable
    ? html`<button type="submit" class="primary" disabled aria-describedby="${key}-why">Approve and send<span class="vh"> the reply to ${name}</span></button>`
    : html`<button type="submit" class="primary" formaction="${action('approve')}">Approve and send<span class="vh"> the reply to ${name}</span></button>`
}`
    : html`<button type="button" data-copy="${key}-text" data-status="${key}-copied" hidden>Copy reply<span class="vh"> to ${name}</span></button>
${linkedInLink(item)}
<button type="submit">Save edit<span class="vh"> of the reply to ${name}</span></button>
<button type="submit" formaction="${action('replied')}">Replied on LinkedIn<span class="vh"> to ${name}</span></button>`
}
<details class="discard"><summary>Discard…<span class="vh"> the reply to ${name}</span></summary>
<div class="confirm-box"><p>The draft goes to Trash and ${name} gets no reply from wherewemet.</p>
<button type="submit" class="danger confirm" formaction="${action('discard')}">Discard the reply to ${name}</button></div></details>
${
  draft.to
    ? ctx.approveUnavailable
      ? html`<p class="why" id="${key}-why">Approve and send is unavailable: ${ctx.approveUnavailable}</p>`
      : html`<p class="why">Approve and send sends the subject and text as they stand in the boxes, edited or not.</p>`
    : html`<p class="why" id="${key}-copied" role="status">Approve and send is not offered: there is no email address to send to.</p>`
}
</div>
</form>
</article>`;
}

/** The line composeDraft puts first in a draft without a recipient; the page has buttons instead. */
export function withoutLinkedInHint(text: string): string {
  return text.replace(/^\[No email address for [^\]\n]*\]\r?\n(\r?\n)?/, '');
}

function sendingCard(
  item: InvitationView,
  attempt: SendingAttempt,
  key: string,
  ctx: PageContext,
): Html {
  const name = nameOf(item);
  const to = attempt.to.join(', ');
  const action = (what: string) => `/drafts/${encodeURIComponent(item.id)}/${what}`;
  if (attempt.live)
    return html`<article class="card" data-id="${item.id}" aria-labelledby="${key}-name">
${invitationPart(item, key, ctx)}
<div class="reply"><p class="state" role="status">Being sent to <strong>${to}</strong> since ${localTime(attempt.startedAt)} (from the ${attempt.via}). Reload the page in a moment.</p></div>
</article>`;
  const notSent = attempt.phase === 'not-sent';
  return html`<article class="card" data-id="${item.id}" aria-labelledby="${key}-name">
${invitationPart(item, key, ctx)}
<div class="reply">
${
  notSent
    ? html`<p class="warning">Nothing was sent to <strong>${to}</strong> (${attempt.reason ?? 'sending failed'}). The draft is set aside in Trash.</p>`
    : html`<p class="warning"><strong>May have been sent</strong> to <strong>${to}</strong>: ${
        attempt.reason
          ? `the connection failed after the message was handed over (${attempt.reason})`
          : 'wherewemet stopped while sending it'
      }${attempt.failedAt ? ` on ${localTime(attempt.failedAt)}` : ''}. Check Sent, or ask ${name}, before you send it again. The draft is set aside in Trash.</p>`
}
<div class="actions">
<form method="post" action="${action('approve')}">${hidden(ctx, { force: '1' })}
${
  ctx.approveUnavailable
    ? html`<button type="submit" disabled aria-describedby="${key}-why">${notSent ? 'Send it' : 'Send again anyway'}<span class="vh"> to ${name}</span></button>`
    : html`<button type="submit">${notSent ? 'Send it' : 'Send again anyway'}<span class="vh"> to ${name}</span></button>`
}</form>
<form method="post" action="${action('discard')}">${hidden(ctx)}
<details class="ask"><summary>Leave it…<span class="vh"> (do not send the reply to ${name} again)</span></summary>
<div class="confirm-box"><p>Records the draft as discarded; its copy stays in Trash.</p>
<button type="submit">Do not send the reply to ${name} again</button></div></details></form>
${ctx.approveUnavailable ? html`<p class="why" id="${key}-why">Sending is unavailable: ${ctx.approveUnavailable}</p>` : ''}
</div></div>
</article>`;
}

function invitationCard(item: InvitationView, key: string, ctx: PageContext): Html {
  const name = nameOf(item);
  const action = (what: string) => `/invitations/${encodeURIComponent(item.id)}/${what}`;
  const open = item.status === 'none' || item.status === 'ignored';
  // Never for an imitation, whatever category a record stored before this rule holds.
  const imitation = item.category === 'suspicious' || item.authenticity === 'suspicious';
  const canDraft = open && !imitation && ctx.templates.length > 0;
  return html`<article class="card simple" data-id="${item.id}" aria-labelledby="${key}-name">
${invitationPart(item, key, ctx)}
<p class="state status">${item.statusLine}</p>
${
  open
    ? html`<div class="actions">
${item.category === 'suspicious' ? '' : linkedInLink(item)}
${
  item.category === 'suspicious'
    ? ''
    : html`<form method="post" action="${action('replied')}">${hidden(ctx)}<button type="submit">Replied on LinkedIn<span class="vh"> to ${name}</span></button></form>`
}
${
  item.category === 'unsure' && item.status === 'none'
    ? html`<form method="post" action="${action('linkedin-text')}">${hidden(ctx)}<button type="submit" class="primary">That is LinkedIn's text<span class="vh"> in ${name}'s invitation</span></button></form>
<form method="post" action="${action('their-note')}">${hidden(ctx)}<button type="submit">That is their note<span class="vh">: ${name}'s own words</span></button></form>`
    : ''
}
${
  item.status === 'none'
    ? html`<form method="post" action="${action('ignore')}">${hidden(ctx)}<button type="submit">Ignore<span class="vh"> ${name}'s invitation</span></button></form>`
    : ''
}
${
  canDraft
    ? html`<form class="inline" method="post" action="${action('draft')}">${hidden(ctx)}
<label for="${key}-template">Template</label>
<select id="${key}-template" name="template">${ctx.templates.map((t) => html`<option>${t}</option>`)}</select>
<button type="submit">Draft a reply anyway<span class="vh"> to ${name}</span></button></form>`
    : ''
}
</div>`
    : ''
}
</article>`;
}

export function historyPage(
  id: string,
  found: { inviterName: string | null; statusLine: string; events: HistoryEvent[] },
  csrf: string,
): Html {
  const name = found.inviterName ?? id;
  return layout(
    `History of ${name}'s invitation`,
    html`<p class="state status">${found.statusLine}</p>
<ol class="timeline">
${found.events.map(
  (e) =>
    html`<li><time datetime="${e.at}">${localTime(e.at)}</time><p>${eventSentence(e)}</p></li>`,
)}
</ol>
<p><a href="/?show=all">All invitations</a></p>`,
    { signedIn: true, csrf },
  );
}

/** Sign in on another device: a button that shows a code, then the code and how to use it. */
export function devicePage(shown: { code: string; minutes: number } | null, csrf: string): Html {
  return layout(
    'Sign in on another device',
    html`<div class="signin">
${
  shown
    ? html`<p>On the other device, open this page's address, and under <strong>Code from another device</strong> enter:</p>
<p class="device-code"><code>${shown.code}</code></p>
<p class="hint">It works once, for ${shown.minutes} minutes. Nobody asks you for it: do not read it out or send it to anyone.</p>`
    : html`<p>Sign in on a phone or another computer with a short code, instead of a link or the access token.</p>`
}
<form method="post" action="/device"><input type="hidden" name="csrf" value="${csrf}"><button type="submit">${shown ? 'Show a new code' : 'Show a code'}</button></form>
</div>`,
    { signedIn: true, csrf },
  );
}

export function signInPage(message: string | null, canUseToken: boolean): Html {
  return layout(
    'Sign in',
    html`${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<div class="signin">
<p>Open the one-time link that <code>wherewemet serve</code> printed when it started${canUseToken ? ', or enter your access token (review.token)' : ''}.</p>
<form method="post" action="/login/code">
<label for="code">Code from another device</label>
<input type="text" id="code" name="code" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" inputmode="text" maxlength="20" required>
<p class="hint">Signed in elsewhere? There, choose <strong>Another device</strong> for a code.</p>
<button type="submit">Use the code</button>
</form>
${
  canUseToken
    ? html`<form method="post" action="/login">
<label for="token">Access token</label>
<input type="password" id="token" name="token" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`
    : html`<p>No access token is set (review.token). For a new one-time link, press Enter in the terminal where <code>wherewemet serve</code> (or the demo) runs: no restart needed.</p>`
}
</div>`,
    { signedIn: false },
  );
}

export function messagePage(title: string, text: string): Html {
  return layout(title, html`<p>${text}</p><p><a href="/">Invitations</a></p>`, { signedIn: false });
}

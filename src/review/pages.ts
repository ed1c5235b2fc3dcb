/**
 * The review page's HTML. Every value goes through hono/html's `html`, which escapes it: text
 * from strangers (names, headlines, notes) can only ever appear as text. Nothing uses raw().
 */
import { html } from 'hono/html';
import type { HistoryEvent } from '../store/store.ts';

export interface ReviewItem {
  id: string;
  /** The draft's UID when the page was made: a decision applies to this version only. */
  version: number;
  inviterName: string | null;
  headline: string | null;
  note: string | null;
  authenticity: string;
  category: string | null;
  reasons: string[];
  to: string | null;
  subject: string;
  text: string;
  draftedAt: string | null;
}

export interface DecidedItem {
  id: string;
  inviterName: string | null;
  status: string;
  decidedAt: string | null;
}

type Html = ReturnType<typeof html>;

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 68rem; padding: 0 1rem; color: #222; }
.draft { display: grid; grid-template-columns: 1fr 1.4fr; gap: 1.5rem; border: 1px solid #ccc; border-radius: 6px; padding: 1rem; margin: 1rem 0; }
.note { white-space: pre-wrap; background: #f6f6f6; padding: .5rem; border-radius: 4px; }
textarea { width: 100%; min-height: 14rem; font: inherit; }
input[type=text] { width: 100%; font: inherit; }
.actions { display: flex; gap: .5rem; margin-top: .5rem; }
.notice { background: #e8f5e9; padding: .5rem 1rem; } .error { background: #fdecea; padding: .5rem 1rem; }
table { border-collapse: collapse; } td, th { padding: .2rem .6rem; text-align: left; border-bottom: 1px solid #eee; }
`;

export function layout(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} · wherewemet</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style></head>
<body><header><a href="/">Pending drafts</a> · <a href="/queues">Queues</a></header>
<h1>${title}</h1>
${body}
</body></html>`;
}

export function listPage(
  items: ReviewItem[],
  decided: DecidedItem[],
  csrf: string,
  message: { kind: 'notice' | 'error'; text: string } | null,
): Html {
  return layout(
    'Pending drafts',
    html`${message ? html`<p class="${message.kind}" role="status">${message.text}</p>` : ''}
${items.length === 0 ? html`<p>No draft is waiting for you.</p>` : ''}
${items.map((item) => draftCard(item, csrf))}
<h2>Decided</h2>
<table><tr><th>Inviter</th><th>Status</th><th>When</th><th></th></tr>
${decided.map(
  (
    d,
  ) => html`<tr data-id="${d.id}"><td>${d.inviterName ?? '(no name)'}</td><td class="status">${d.status}</td>
<td>${d.decidedAt ?? ''}</td><td><a href="/history/${encodeURIComponent(d.id)}">history</a></td></tr>`,
)}
</table>`,
  );
}

function draftCard(item: ReviewItem, csrf: string): Html {
  const action = (what: string) => `/drafts/${encodeURIComponent(item.id)}/${what}`;
  return html`<section class="draft" data-id="${item.id}">
<div class="invitation">
<h2 class="inviter">${item.inviterName ?? '(no name)'}</h2>
<p class="headline">${item.headline ?? ''}</p>
<p>Note:</p><p class="note">${item.note ?? '(no note)'}</p>
<p>Authenticity: <strong>${item.authenticity}</strong> · Category: <strong>${item.category ?? '-'}</strong></p>
<ul class="reasons">${item.reasons.map((r) => html`<li>${r}</li>`)}</ul>
<p><a href="/history/${encodeURIComponent(item.id)}">History</a></p>
</div>
<div class="reply">
<p>To: <span class="to">${item.to ?? '(no address: reply on LinkedIn)'}</span></p>
<form method="post" action="${action('edit')}">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="version" value="${item.version}">
<label>Subject <input type="text" name="subject" value="${item.subject}"></label>
<label>Text <textarea name="text">${item.text}</textarea></label>
<div class="actions">
<button type="submit">Save edit</button>
<button type="submit" formaction="${action('approve')}" ${item.to ? '' : 'disabled'}>Approve and send</button>
<button type="submit" formaction="${action('discard')}">Discard</button>
</div>
</form>
</div>
</section>`;
}

export function historyPage(
  id: string,
  inviterName: string | null,
  status: string,
  events: HistoryEvent[],
): Html {
  return layout(
    `History of ${inviterName ?? id}`,
    html`<p>Status: <strong class="status">${status}</strong></p>
<table><tr><th>When</th><th>Event</th><th>Details</th></tr>
${events.map(({ at, event, ...details }) => {
  const text = Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
  return html`<tr><td>${at}</td><td>${event}</td><td>${text}</td></tr>`;
})}
</table>`,
  );
}

export function messagePage(title: string, text: string): Html {
  return layout(title, html`<p>${text}</p>`);
}

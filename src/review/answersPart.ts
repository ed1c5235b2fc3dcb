/**
 * The review page's answers: each stranger's answer beside the question we asked, newest first,
 * with the decision after it in one step. "Accept on LinkedIn" and "Ignore" post (the decision is
 * recorded) and the answer opens LinkedIn's page in a new tab: the invitation's own accept link,
 * or the invitation manager. "Keep waiting" changes nothing. Invitations that had no answer in
 * rules.answerWaitDays follow, with the same buttons. Every value goes through hono/html's
 * `html`: an answer is a stranger's text.
 */
import { html } from 'hono/html';
import type { AnswerView } from '../lifecycle/answers.ts';
import { localTime } from '../lifecycle/listing.ts';

type Html = ReturnType<typeof html>;

export interface AnswerItem extends AnswerView {
  inviterName: string | null;
  headline: string | null;
  /** How the question went: by email (and its subject) or on LinkedIn. */
  askedBy: 'email' | 'linkedin';
  subject: string | null;
  /** Names of the other invitations a possible answer may belong to. */
  possibleNames: string[];
}

export function answersSection(items: AnswerItem[], csrf: string, back: string): Html | string {
  const answered = items.filter((i) => i.state === 'answered' || i.state === 'possible answer');
  const silent = items.filter((i) => i.state === 'no answer');
  if (answered.length === 0 && silent.length === 0) return '';
  return html`<section class="answers" aria-labelledby="answers-title">
<h2 id="answers-title">Their answers <span class="count">${answered.length}</span></h2>
${answered.length === 0 ? html`<p>No answer yet.</p>` : ''}
${answered.map((item, i) => answerCard(item, `a${i}`, csrf, back))}
${
  silent.length > 0
    ? html`<h2 id="silent-title">No answer <span class="count">${silent.length}</span></h2>
${silent.map((item, i) => answerCard(item, `s${i}`, csrf, back))}`
    : ''
}
</section>`;
}

function answerCard(item: AnswerItem, key: string, csrf: string, back: string): Html {
  const name = item.inviterName ?? 'the inviter';
  const action = (what: string) => `/answers/${encodeURIComponent(item.id)}/${what}`;
  const hidden = html`<input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="back" value="${back}">`;
  return html`<article class="card answer" data-id="${item.id}" data-state="${item.state}" aria-labelledby="${key}-name">
<h3 class="inviter" id="${key}-name">${item.inviterName ?? '(no name)'}</h3>
${item.headline ? html`<p class="headline">${item.headline}</p>` : ''}
<div class="exchange">
<div class="asked"><p class="label">You asked${item.askedBy === 'email' ? ' by email' : ' on LinkedIn'}${item.askedAt ? html`, <time datetime="${item.askedAt}">${localTime(item.askedAt)}</time>` : ''}</p>
<p>${item.subject ? html`“${item.subject}”: ` : ''}could they remind you where you met?</p></div>
<div class="said">${said(item)}</div>
</div>
<div class="actions">
<form method="post" action="${action('accept')}" target="_blank">${hidden}<button type="submit" class="primary">Accept on LinkedIn<span class="vh"> ${name}'s invitation</span></button></form>
<form method="post" action="${action('ignore')}" target="_blank">${hidden}<button type="submit">Ignore<span class="vh"> ${name}'s invitation on LinkedIn</span></button></form>
<a class="button" href="${back}">Keep waiting<span class="vh"> for ${name}</span></a>
</div>
<p class="why">Accept and Ignore record your decision and open LinkedIn in a new tab, where you do it; wherewemet sends nothing.</p>
</article>`;
}

function said(item: AnswerItem): Html {
  if (item.state === 'no answer')
    return html`<p class="label">No answer</p><p>Nothing came back${item.askedAt ? html` since <time datetime="${item.askedAt}">${localTime(item.askedAt)}</time>` : ''}.</p>`;
  const where = item.via === 'linkedin' ? 'in a LinkedIn message' : 'by email';
  return html`<p class="label">${item.state === 'possible answer' ? 'Maybe their answer' : 'They answered'} ${where}${item.answeredAt ? html`, <time datetime="${item.answeredAt}">${localTime(item.answeredAt)}</time>` : ''}</p>
${
  item.state === 'possible answer'
    ? html`<p class="warning">From someone named ${item.inviterName ?? '?'}; ${item.possibleNames.length > 0 ? html`another invitation has that name too (${item.possibleNames.join(', ')})` : 'another invitation has that name too'}, so it is not taken for sure.</p>`
    : ''
}
${item.pitch.length > 0 ? html`<p class="badge bad">Reads as a pitch: “${item.pitch.slice(0, 3).join('”, “')}”</p>` : ''}
${item.excerpt ? html`<blockquote class="note">${item.excerpt}</blockquote>` : html`<p class="state">The notification did not carry the message: read it on LinkedIn.</p>`}`;
}

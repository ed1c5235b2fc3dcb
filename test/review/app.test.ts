// Every route of the review page and every refusal, through hono's app.request() (no port): the
// functions behind the page are stand-ins that record what they were asked to do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedInLinks } from '../../src/draft/linkedInLinks.ts';
import { DecisionRefused, SendFailed, SendUncertain } from '../../src/errors.ts';
import {
  FORM_BODY_BYTES,
  LOGIN_BODY_BYTES,
  type ReviewDeps,
  reviewApp,
} from '../../src/review/app.ts';
import type { InvitationView, ListView } from '../../src/review/pages.ts';
import { FILTERS, type ListQuery } from '../../src/review/select.ts';
import { DEVICE_CODE_MS } from '../../src/review/sessions.ts';
import { SIGN_IN_LIMITS } from '../../src/review/throttle.ts';
import type { HistoryEvent } from '../../src/store/store.ts';
import { invitation as notification } from '../support/notifications.ts';

const ORIGIN = 'http://127.0.0.1:8025';
const HOST = '127.0.0.1:8025';
const TOKEN = 'a-long-access-token-for-tests';
const HOUR = 3600 * 1000;

function invitation(over: Partial<InvitationView> = {}): InvitationView {
  return {
    id: 'id-anna',
    inviterName: 'Anna Tester',
    headline: 'Engineer',
    location: 'Berlin',
    note: null,
    category: 'no-context',
    reasons: ['no note'],
    authenticity: 'verified',
    receivedAt: '2026-03-01T09:00:00.000Z',
    status: 'pending',
    statusLine: 'Waiting for you: the reply is in Drafts.',
    linkedIn: null,
    draft: { version: 7, to: 'Anna Tester <anna@example.org>', subject: 'Hi', text: 'Hi Anna,' },
    sending: null,
    ...over,
  };
}

/** An invitation without a draft, open to "Draft a reply anyway". */
const OPEN: Partial<InvitationView> = {
  category: 'has-context',
  status: 'none',
  statusLine: 'No draft: a personal note.',
  draft: null,
};

function setup(over: Partial<ReviewDeps> = {}) {
  const calls: Array<[string, ...unknown[]]> = [];
  const queries: ListQuery[] = [];
  let clock = Date.parse('2026-03-01T10:00:00Z');
  const items = [
    invitation(),
    invitation({
      id: 'id-steven',
      inviterName: 'Steven <b>Tester</b>',
      draft: { version: 9, to: null, subject: 'Hi', text: 'Hi Steven,' },
      linkedIn: {
        open: { url: 'https://www.linkedin.com/in/steven', what: 'profile' },
        accept: null,
      },
    }),
    invitation({
      id: 'id-hana',
      inviterName: 'Hana Tester',
      category: 'has-context',
      note: 'We met at RustConf',
      status: 'none',
      statusLine: 'No draft: a personal note.',
      draft: null,
    }),
  ];
  const events: HistoryEvent[] = [
    {
      at: '2026-03-01T09:00:00.000Z',
      event: 'received',
      kind: 'invitation',
      mailbox: 'INBOX',
      uid: 7,
    },
    {
      at: '2026-03-01T09:00:00.000Z',
      event: 'classified',
      category: 'no-context',
      reasons: ['no note'],
      action: 'draft',
    },
    { at: '2026-03-01T09:01:00.000Z', event: 'drafted', uid: 3, to: null, subject: 'Hi' },
  ];
  const deps: ReviewDeps = {
    token: TOKEN,
    sessionMs: 12 * HOUR,
    allowedHosts: ['review.example.net'],
    secure: false,
    now: () => clock,
    approveUnavailable: null,
    templates: ['where-we-met', 'not-now'],
    async list(query) {
      queries.push(query);
      const view: ListView = {
        query,
        counts: Object.fromEntries(FILTERS.map((f) => [f, 1])) as ListView['counts'],
        items,
        page: query.page,
        pages: 3,
        total: 120,
      };
      return view;
    },
    history: async (id) =>
      id === 'id-anna' || id === 'id-hana'
        ? {
            inviterName: id === 'id-anna' ? 'Anna Tester' : 'Hana Tester',
            statusLine: 'Waiting.',
            events,
          }
        : null,
    approve: async (id, request) => {
      calls.push(['approve', id, request]);
      return { to: ['anna@example.org'] };
    },
    discard: async (...args) => void calls.push(['discard', ...args]),
    edit: async (...args) => void calls.push(['edit', ...args]),
    replied: async (...args) => void calls.push(['replied', ...args]),
    ignore: async (...args) => void calls.push(['ignore', ...args]),
    undo: async (id) => {
      calls.push(['undo', id]);
      return 'discarded';
    },
    requestDraft: async (...args) => void calls.push(['requestDraft', ...args]),
    placeUnsure: async (...args) => void calls.push(['placeUnsure', ...args]),
    ...over,
  };
  const warnings: string[] = [];
  const { app, issueLoginCode } = reviewApp({
    log: { warn: (line: string) => warnings.push(line) },
    ...deps,
  });
  /** `from`: the client's address, as @hono/node-server hands the socket to the app. */
  const request = (path: string, init: RequestInit = {}, from?: string) =>
    app.request(
      `${ORIGIN}${path}`,
      { ...init, headers: { host: HOST, ...(init.headers as Record<string, string>) } },
      from ? { incoming: { socket: { remoteAddress: from } } } : undefined,
    );
  /** A signed-in session: its cookie and CSRF token. */
  const signIn = async () => {
    const res = await request(`/login?code=${issueLoginCode()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = await (await request('/', { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    return { cookie, csrf };
  };
  const post = async (
    path: string,
    session: { cookie: string; csrf: string },
    form: Record<string, string> = {},
    headers: Record<string, string> = { origin: ORIGIN },
  ) =>
    request(path, {
      method: 'POST',
      body: new URLSearchParams({ csrf: session.csrf, back: '/?show=all&page=2', ...form }),
      headers: {
        cookie: session.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      },
    });
  return {
    app,
    request,
    signIn,
    post,
    calls,
    queries,
    warnings,
    issueLoginCode,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('review page routes', () => {
  // Times are shown in the machine's zone: Berlin is an hour ahead of UTC in March.
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Europe/Berlin';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('answers only to this machine’s names and review.allowedHosts', async () => {
    const { app } = setup();
    const status = async (host: string) =>
      (await app.request('http://x/login', { headers: { host } })).status;
    expect(await status('evil.example')).toBe(421);
    expect(await status('evil.example:8025')).toBe(421);
    expect(await status('127.0.0.1:8025')).toBe(200);
    expect(await status('localhost:8025')).toBe(200);
    expect(await status('[::1]:8025')).toBe(200);
    expect(await status('Review.Example.NET')).toBe(200);
  });

  it('sends a policy that allows only this origin and no framing, on every response', async () => {
    const { request, signIn } = setup();
    const session = await signIn();
    for (const path of ['/login', '/', '/assets/review.css', '/nope']) {
      const res = await request(path, { headers: { cookie: session.cookie } });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toMatch(/https?:/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    const page = await request('/', { headers: { cookie: session.cookie } });
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('shows a sign-in page with a token field to anyone without a session', async () => {
    const { request } = setup();
    const res = await request('/');
    expect(res.status).toBe(401);
    const page = await res.text();
    expect(page).toContain('<main');
    expect(page).toMatch(/<input type="password" id="token" name="token"/);
    expect(page).not.toContain('`');
    expect((await request('/queues')).status).toBe(401);
    expect((await request('/history/id-anna')).status).toBe(401);
  });

  it('exchanges the token, posted from this page, for a session cookie that expires', async () => {
    const { request, advance } = setup();
    const login = (token: string, headers: Record<string, string> = { origin: ORIGIN }) =>
      request('/login', {
        method: 'POST',
        body: new URLSearchParams({ token }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    expect((await login('wrong-token-of-some-length')).status).toBe(403);
    expect((await login(TOKEN, { origin: 'http://evil.example' })).status).toBe(403);
    const res = await login(TOKEN);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Max-Age=43200/);
    const cookie = setCookie.split(';')[0] ?? '';
    expect((await request('/', { headers: { cookie } })).status).toBe(200);
    advance(12 * HOUR + 1);
    const expired = await request('/', { headers: { cookie } });
    expect(expired.status).toBe(401);
    expect(await expired.text()).toMatch(/session has expired/);
  });

  it('takes a one-time link once, and leaves no secret in the address', async () => {
    const { request, issueLoginCode } = setup({ token: null });
    const code = issueLoginCode();
    const first = await request(`/login?code=${code}`);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const again = await request(`/login?code=${code}`);
    expect(again.status).toBe(403);
    expect(await again.text()).toMatch(/used already/);
    // Without review.token there is nothing to type in.
    expect(await (await request('/login')).text()).not.toContain('type="password"');
  });

  it('signs out: the session no longer opens anything', async () => {
    const { request, signIn, post } = setup();
    const session = await signIn();
    const out = await post('/logout', session);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    expect((await request('/', { headers: { cookie: session.cookie } })).status).toBe(401);
  });

  it('lists with the filter, search and page of the address', async () => {
    const { request, signIn, queries } = setup();
    const session = await signIn();
    const res = await request('/?show=has-context&q=rust&page=2', {
      headers: { cookie: session.cookie },
    });
    expect(res.status).toBe(200);
    expect(queries.at(-1)).toEqual({ show: 'has-context', q: 'rust', page: 2 });
    const page = await res.text();
    expect(page).toContain('<main id="main">');
    expect(page).toContain('Page 2 of 3');
    expect(page).toContain('href="/?show=has-context&amp;q=rust&amp;page=3"');
    // A stranger's markup is text.
    expect(page).toContain('Steven &lt;b&gt;Tester&lt;/b&gt;');
    expect(page).not.toContain('<b>Tester</b>');
    // Buttons say whose reply they act on.
    expect(page).toMatch(/Approve and send<span class="vh"> the reply to Anna Tester<\/span>/);
    expect(page).toMatch(/Draft a reply anyway<span class="vh"> to Hana Tester/);
    expect(page).toMatch(/Copy reply<span class="vh"> to Steven/);
    expect(page).toContain('href="https://www.linkedin.com/in/steven"');
    expect(
      await request('/?show=bogus&page=-3', { headers: { cookie: session.cookie } }),
    ).toHaveProperty('status', 200);
    expect(queries.at(-1)).toEqual({ show: 'waiting', q: '', page: 1 });
  });

  it('never offers "Draft a reply anyway" for an imitation, whatever category its record holds', async () => {
    // A record stored before links in the note counted: has-context, but its mail suspicious.
    const hidden = invitation({
      id: 'id-mallory',
      inviterName: 'Mallory Tester',
      category: 'has-context',
      authenticity: 'suspicious',
      note: 'Confirm here: https://collect.phisher.example/accept',
      status: 'none',
      statusLine: 'No draft: a personal note.',
      draft: null,
    });
    const { request, signIn } = setup({
      list: async (query) => ({
        query,
        counts: Object.fromEntries(FILTERS.map((f) => [f, 1])) as ListView['counts'],
        items: [hidden, invitation({ id: 'id-hana', inviterName: 'Hana Tester', ...OPEN })],
        page: 1,
        pages: 1,
        total: 2,
      }),
    });
    const page = await (
      await request('/', { headers: { cookie: (await signIn()).cookie } })
    ).text();
    expect(page).toMatch(/Draft a reply anyway<span class="vh"> to Hana Tester/);
    expect(page).not.toMatch(/Draft a reply anyway<span class="vh"> to Mallory/);
    expect(page).not.toContain('/invitations/id-mallory/draft');
  });

  it('approves exactly the subject and text shown, then returns to the list with a notice', async () => {
    const { request, signIn, post, calls } = setup();
    const session = await signIn();
    const res = await post('/drafts/id-anna/approve', session, {
      version: '7',
      subject: 'Edited subject',
      text: 'Edited text',
    });
    expect(res.status).toBe(303);
    expect(calls).toEqual([
      [
        'approve',
        'id-anna',
        { version: 7, force: false, change: { subject: 'Edited subject', text: 'Edited text' } },
      ],
    ]);
    const location = res.headers.get('location') ?? '';
    expect(location).toBe('/?show=all&page=2&done=approved&id=id-anna');
    const page = await (await request(location, { headers: { cookie: session.cookie } })).text();
    expect(page).toContain('Sent the reply to Anna Tester.');
  });

  it('sends again only when asked to force', async () => {
    const { signIn, post, calls } = setup();
    const session = await signIn();
    await post('/drafts/id-anna/approve', session, { force: '1' });
    expect(calls).toEqual([['approve', 'id-anna', { version: null, force: true }]]);
  });

  it('says why approving is unavailable, and refuses it', async () => {
    const reason = 'there are no SMTP settings (smtp.url or SMTP_URL).';
    const { request, signIn, post, calls } = setup({ approveUnavailable: reason });
    const session = await signIn();
    const page = await (await request('/', { headers: { cookie: session.cookie } })).text();
    expect(page).toMatch(
      /<button type="submit" class="primary" disabled aria-describedby="c0-why">/,
    );
    expect(page).toContain(
      `<p class="why" id="c0-why">Approve and send is unavailable: ${reason}</p>`,
    );
    const res = await post('/drafts/id-anna/approve', session, { version: '7' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Approve and send is unavailable');
    expect(calls).toEqual([]);
  });

  it('shows a refusal, an uncertain send or a failed one on the list', async () => {
    const refusing = setup({
      approve: async () => {
        throw new DecisionRefused(
          'draft id-anna was changed in your mail client since this page was loaded',
        );
      },
    });
    const s1 = await refusing.signIn();
    const refused = await refusing.post('/drafts/id-anna/approve', s1, { version: '7' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/<p class="error" role="alert">draft id-anna was changed/);

    const unsure = setup({
      approve: async () => {
        throw new SendUncertain('id-anna', 'draft id-anna may have been sent to anna@example.org');
      },
    });
    const s2 = await unsure.signIn();
    const uncertain = await unsure.post('/drafts/id-anna/approve', s2, { version: '7' });
    expect(uncertain.status).toBe(409);
    expect(await uncertain.text()).toContain('may have been sent');

    const failing = setup({
      approve: async () => {
        throw new SendFailed(
          'sending failed, nothing was sent: 554 Message refused; the draft is back in Drafts',
          false,
        );
      },
    });
    const s3 = await failing.signIn();
    const failed = await failing.post('/drafts/id-anna/approve', s3, { version: '7' });
    expect(failed.status).toBe(503);
    expect(await failed.text()).toContain('nothing was sent: 554 Message refused');
  });

  it('shows a draft being sent, or one that may have been sent with a way to send it again', async () => {
    const attempt = {
      token: 't',
      startedAt: '2026-03-01T09:05:00.000Z',
      via: 'review page',
      to: ['anna@example.org'],
      subject: 'Hi',
      heldUid: 4,
      phase: 'unknown' as const,
      reason: 'Connection closed unexpectedly',
      failedAt: '2026-03-01T09:06:00.000Z',
      live: false,
    };
    const items = [
      invitation({ id: 'id-unsure', status: 'sending', draft: null, sending: attempt }),
      invitation({
        id: 'id-live',
        inviterName: 'Boris Tester',
        status: 'sending',
        draft: null,
        sending: { ...attempt, live: true, phase: 'held', reason: null, failedAt: null },
      }),
    ];
    const { request, signIn } = setup({
      list: async (query) => ({
        query,
        counts: Object.fromEntries(FILTERS.map((f) => [f, 2])) as ListView['counts'],
        items,
        page: 1,
        pages: 1,
        total: 2,
      }),
    });
    const session = await signIn();
    const page = await (await request('/', { headers: { cookie: session.cookie } })).text();
    expect(page).toContain(
      '<strong>May have been sent</strong> to <strong>anna@example.org</strong>: the connection failed after the message was handed over (Connection closed unexpectedly) on 1 Mar 2026, 10:06.',
    );
    expect(page).toMatch(
      /<form method="post" action="\/drafts\/id-unsure\/approve">.*name="force" value="1".*Send again anyway<span class="vh"> to Anna Tester/s,
    );
    expect(page).toContain(
      'Being sent to <strong>anna@example.org</strong> since 1 Mar 2026, 10:05',
    );
    expect(page).not.toMatch(/id-live\/approve/);
  });

  it('refuses a post without the session’s CSRF token, or from another origin, or from nowhere', async () => {
    const { signIn, post, calls } = setup();
    const session = await signIn();
    expect((await post('/drafts/id-anna/discard', { ...session, csrf: 'forged' })).status).toBe(
      403,
    );
    expect(
      (await post('/drafts/id-anna/discard', session, {}, { origin: 'http://evil.example' }))
        .status,
    ).toBe(403);
    expect((await post('/drafts/id-anna/discard', session, {}, {})).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('edits, discards, records replies, ignores and asks for drafts', async () => {
    const { signIn, post, calls } = setup();
    const session = await signIn();
    const done = async (path: string, form: Record<string, string> = {}) =>
      new URL(
        (await post(path, session, form)).headers.get('location') ?? '',
        ORIGIN,
      ).searchParams.get('done');
    expect(await done('/drafts/id-anna/edit', { version: '7', subject: 'S', text: 'T' })).toBe(
      'edited',
    );
    expect(await done('/drafts/id-anna/discard', { version: '7' })).toBe('discarded');
    expect(await done('/drafts/id-steven/replied', { version: '9' })).toBe('replied');
    expect(await done('/invitations/id-hana/replied')).toBe('replied');
    expect(await done('/invitations/id-hana/ignore')).toBe('ignored');
    expect(await done('/invitations/id-hana/draft', { template: 'not-now' })).toBe('requested');
    expect(calls).toEqual([
      ['edit', 'id-anna', 7, { subject: 'S', text: 'T' }],
      ['discard', 'id-anna', 7],
      ['replied', 'id-steven', 9],
      ['replied', 'id-hana', null],
      ['ignore', 'id-hana'],
      ['requestDraft', 'id-hana', 'not-now'],
    ]);
  });

  it('searches every tab: each result says where it is, the tabs narrow it down, all escaped', async () => {
    const { request, signIn, queries } = setup();
    const session = await signIn();
    const q = '<img src=x onerror=alert(1)> rust';
    const res = await request(`/?${new URLSearchParams({ q })}`, {
      headers: { cookie: session.cookie },
    });
    expect(queries.at(-1)).toEqual({ show: 'all', q, page: 1 });
    const page = await res.text();
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('Search: “&lt;img src=x onerror=alert(1)&gt; rust”');
    expect(page).toContain('120 invitations match, from every tab');
    // The form searches everywhere, whatever tab it is on.
    expect(page).not.toMatch(/<form class="search".*?name="show".*?<\/form>/s);
    // Each result names its tabs, its state among them.
    const hana = page.slice(page.indexOf('Hana Tester'));
    expect(hana).toMatch(
      /^Hana Tester<\/h2>\s*<p class="found-in">In <a href="\/\?show=has-context">Personal notes<\/a>, <a href="\/\?show=no-draft">No draft<\/a><\/p>/,
    );
    expect(page).toMatch(
      /Anna Tester<\/h2>\s*<p class="found-in">In <a href="\/">Waiting for you<\/a>/,
    );
    // The tabs keep the search, and narrow it to themselves.
    expect(page).toContain(
      'href="/?show=pitch&amp;q=%3Cimg+src%3Dx+onerror%3Dalert%281%29%3E+rust"',
    );
    expect(page).toContain('href="/?q=%3Cimg+src%3Dx+onerror%3Dalert%281%29%3E+rust" aria-current');

    const narrowed = await (
      await request('/?show=waiting&q=rust', { headers: { cookie: session.cookie } })
    ).text();
    expect(queries.at(-1)).toEqual({ show: 'waiting', q: 'rust', page: 1 });
    expect(narrowed).toContain('<h1>Waiting for you: “rust”</h1>');
    const plain = await (await request('/', { headers: { cookie: session.cookie } })).text();
    expect(plain).not.toContain('found-in');
  });

  it('offers Undo after Discard and Replied, as a CSRF-protected form, and says what it undid', async () => {
    const { signIn, post, request, calls } = setup();
    const session = await signIn();
    const page = async (query: string) =>
      (await request(`/${query}`, { headers: { cookie: session.cookie } })).text();
    const undo = /<form method="post" action="\/invitations\/id-anna\/undo">.*?<\/form>/s;
    const discarded = await page('?show=all&done=discarded&id=id-anna');
    expect(discarded).toMatch(undo);
    expect(undo.exec(discarded)?.[0]).toContain(`name="csrf" value="${session.csrf}"`);
    expect(undo.exec(discarded)?.[0]).toContain('name="back" value="/?show=all"');
    expect(await page('?done=replied&id=id-anna')).toMatch(undo);
    expect(await page('?done=edited&id=id-anna')).not.toMatch(/\/undo"/);

    expect((await post('/invitations/id-anna/undo', { ...session, csrf: 'forged' })).status).toBe(
      403,
    );
    expect(calls).toEqual([]);
    const res = await post('/invitations/id-anna/undo', session);
    expect(res.headers.get('location')).toBe('/?show=all&page=2&done=undid-discarded&id=id-anna');
    expect(calls).toEqual([['undo', 'id-anna']]);
    const after = await page('?done=undid-discarded&id=id-anna');
    expect(after).toContain('Undone: the reply to Anna Tester is back in Drafts.');
    expect(after).not.toMatch(/\/undo"/);
  });

  it('shows a refused undo as an error on the list', async () => {
    const { signIn, post } = setup({
      undo: async () => {
        throw new DecisionRefused('the reply to id-anna was sent: a sent reply cannot be undone');
      },
    });
    const res = await post('/invitations/id-anna/undo', await signIn());
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('a sent reply cannot be undone');
  });

  it('shows an unsure invitation with its unplaced text marked and escaped, and takes both answers', async () => {
    const unsure = invitation({
      id: 'id-uma',
      inviterName: 'Uma Tester',
      category: 'unsure',
      note: 'Hi, happy to connect!\n<img src=x onerror=alert(1)> would love to be part of your circle',
      unplaced: ['<img src=x onerror=alert(1)> would love to be part of your circle', 'Say hi <b>'],
      reasons: ["text not yet placed as LinkedIn's or the inviter's"],
      status: 'none',
      statusLine: 'No draft yet: unsure.',
      draft: null,
    });
    const { request, signIn, post, calls } = setup({
      list: async (query) => ({
        query,
        counts: Object.fromEntries(FILTERS.map((f) => [f, 1])) as ListView['counts'],
        items: [unsure],
        page: 1,
        pages: 1,
        total: 1,
      }),
    });
    const session = await signIn();
    const page = await (await request('/', { headers: { cookie: session.cookie } })).text();
    expect(page).toContain(
      '<mark>&lt;img src=x onerror=alert(1)&gt; would love to be part of your circle</mark>',
    );
    expect(page).toContain('Hi, happy to connect!\n<mark>');
    expect(page).toContain('<li><mark>Say hi &lt;b&gt;</mark></li>');
    expect(page).not.toContain('<img');
    expect(page).toContain('action="/invitations/id-uma/linkedin-text"');
    expect(page).toContain('action="/invitations/id-uma/their-note"');
    const done = async (path: string) =>
      new URL((await post(path, session)).headers.get('location') ?? '', ORIGIN).searchParams.get(
        'done',
      );
    expect(await done('/invitations/id-uma/linkedin-text')).toBe('taught');
    expect(await done('/invitations/id-uma/their-note')).toBe('their-note');
    expect(
      (await post('/invitations/id-uma/their-note', { ...session, csrf: 'forged' })).status,
    ).toBe(403);
    expect(calls).toEqual([
      ['placeUnsure', 'id-uma', 'linkedin'],
      ['placeUnsure', 'id-uma', 'note'],
    ]);
  });

  it('refuses an edit without its version, and returns only to its own list', async () => {
    const { signIn, post, calls } = setup();
    const session = await signIn();
    expect((await post('/drafts/id-anna/edit', session, { subject: 'S', text: 'T' })).status).toBe(
      409,
    );
    const elsewhere = await post('/drafts/id-anna/discard', session, {
      version: '7',
      back: '//evil.example/',
    });
    expect(elsewhere.headers.get('location')).toBe('/?done=discarded&id=id-anna');
    expect(calls).toEqual([['discard', 'id-anna', 7]]);
  });

  it('shows a history as a timeline of sentences in local time', async () => {
    const { request, signIn } = setup();
    const session = await signIn();
    const res = await request('/history/id-anna', { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('History of Anna Tester&#39;s invitation');
    expect(page).toContain('LinkedIn&#39;s invitation email arrived in INBOX.');
    expect(page).toContain(
      'Sorted as a stranger without a personal note. No note. A reply was to be drafted.',
    );
    expect(page).not.toMatch(/reasons:|uid:|\[&quot;|null/);
    expect(page).toContain('<time datetime="2026-03-01T09:00:00.000Z">1 Mar 2026, 10:00</time>');
    expect((await request('/history/nope', { headers: { cookie: session.cookie } })).status).toBe(
      404,
    );
    const all = await request('/history', { headers: { cookie: session.cookie } });
    expect(all.status).toBe(303);
    expect(all.headers.get('location')).toBe('/?show=decided');
  });

  it('serves its stylesheet and script to anyone, and nothing else without a session', async () => {
    const { request, signIn } = setup();
    const css = await request('/assets/review.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).not.toMatch(/url\(|@import/);
    const js = await request('/assets/review.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const session = await signIn();
    expect((await request('/nope', { headers: { cookie: session.cookie } })).status).toBe(404);
  });

  it('references no outside host from any page', async () => {
    const { request, signIn } = setup();
    const session = await signIn();
    for (const path of ['/login', '/', '/history/id-anna', '/?show=all']) {
      const page = await (await request(path, { headers: { cookie: session.cookie } })).text();
      // Links to LinkedIn are for the person to follow; nothing loads from elsewhere.
      expect(page).not.toMatch(/<(script|link|img|iframe)\b[^>]*\b(src|href)="(https?:)?\/\//i);
    }
  });

  it('shows a failure as one line, without a stack', async () => {
    const { request, signIn } = setup({
      list: async () => {
        throw new Error('Redis at 127.0.0.1:6390 unavailable\n    at something.js:1');
      },
    });
    const session = await signIn();
    const res = await request('/', { headers: { cookie: session.cookie } });
    expect(res.status).toBe(500);
    const page = await res.text();
    expect(page).toContain('Redis at 127.0.0.1:6390 unavailable');
    expect(page).not.toContain('something.js');
  });

  it('puts the read-only queue board behind the session, with a policy it can render under', async () => {
    const { Hono } = await import('hono');
    const queues = new Hono();
    queues.get('/', (c) => c.html('<p>board</p>'));
    const { request, signIn } = setup({ queues });
    expect((await request('/queues')).status).toBe(401);
    const session = await signIn();
    const res = await request('/queues', { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:/);
  });

  it('opens LinkedIn without accepting for a stranger; only a known person gets "Accept on LinkedIn"', async () => {
    // Links as data.ts makes them, from notifications whose mail carries LinkedIn's accept link.
    const accept = notification().invitationUrl ?? '';
    const withoutProfile = notification({ inviter: { profileUrl: null } });
    const items = [
      invitation({
        id: 'id-stranger',
        inviterName: 'Stranger One',
        draft: { version: 3, to: null, subject: 'Hi', text: 'Hi,' },
        linkedIn: linkedInLinks(notification(), 'no-context'),
      }),
      invitation({
        id: 'id-stranger-2',
        inviterName: 'Stranger Two',
        category: 'pitch',
        status: 'none',
        draft: null,
        linkedIn: linkedInLinks(withoutProfile, 'pitch'),
      }),
      invitation({
        id: 'id-known',
        inviterName: 'Known Person',
        category: 'known',
        status: 'none',
        draft: null,
        linkedIn: linkedInLinks(notification(), 'known'),
      }),
    ];
    const { request, signIn } = setup({
      list: async (query) => ({
        query,
        counts: Object.fromEntries(FILTERS.map((f) => [f, 1])) as ListView['counts'],
        items,
        page: 1,
        pages: 1,
        total: items.length,
      }),
    });
    const session = await signIn();
    const page = await (await request('/', { headers: { cookie: session.cookie } })).text();
    const cards = page.split('<article').slice(1);
    const card = (id: string) => cards.find((c) => c.includes(`data-id="${id}"`)) ?? '';
    const links = (html: string) =>
      [...html.matchAll(/<a class="button" href="([^"]+)"[^>]*>([^<]+)/g)].map((m) => ({
        href: (m[1] ?? '').replaceAll('&amp;', '&'),
        label: m[2],
      }));
    const isAccept = (href: string) => /invite-accept|accept-invitation|invitationId/i.test(href);

    expect(accept).toMatch(/invite-accept/);
    expect(links(card('id-stranger'))).toEqual([
      { href: 'https://www.linkedin.com/in/jane-doe-42', label: 'Open on LinkedIn' },
    ]);
    expect(links(card('id-stranger-2'))).toEqual([
      { href: 'https://www.linkedin.com/mynetwork/invitation-manager/', label: 'Open on LinkedIn' },
    ]);
    for (const id of ['id-stranger', 'id-stranger-2']) {
      expect(card(id)).not.toContain('Accept on LinkedIn');
      expect(links(card(id)).filter((l) => isAccept(l.href))).toEqual([]);
    }
    expect(links(card('id-known'))).toEqual([
      { href: 'https://www.linkedin.com/in/jane-doe-42', label: 'Open on LinkedIn' },
      { href: accept, label: 'Accept on LinkedIn' },
    ]);
  });

  it('says "No note." once on a card, not again among the reasons', async () => {
    const { request, signIn } = setup();
    const session = await signIn();
    const page = await (await request('/', { headers: { cookie: session.cookie } })).text();
    const anna = page.split('<article').find((c) => c.includes('data-id="id-anna"')) ?? '';
    expect(anna.match(/No note\./g)).toHaveLength(1);
  });
});

/** A body that never ends, in 1 KB chunks, counting how many were read. */
function endlessBody() {
  const chunk = new TextEncoder().encode(`token=${'x'.repeat(1018)}`);
  const stream = {
    pulled: 0,
    body: new ReadableStream<Uint8Array>({
      pull(controller) {
        stream.pulled++;
        controller.enqueue(chunk);
      },
    }),
  };
  return stream;
}

describe('a sign-in that resists guessing (issue 19, finding 6)', () => {
  const login = (request: ReturnType<typeof setup>['request'], token: string, from: string) =>
    request(
      '/login',
      {
        method: 'POST',
        body: new URLSearchParams({ token }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      },
      from,
    );

  it('throttles wrong tokens per client with 429 and Retry-After, whatever the next guess, and logs them without the token', async () => {
    const { request, advance, warnings } = setup();
    const { perClient, windowMs } = SIGN_IN_LIMITS;
    for (let i = 0; i < perClient; i++) {
      expect((await login(request, `wrong-guess-number-${i}`, '10.0.0.1')).status).toBe(403);
      advance(1000);
    }
    const throttled = await login(request, TOKEN, '10.0.0.1');
    expect(throttled.status).toBe(429);
    // The first failure leaves the window 60 s after it was made, 5 s ago.
    expect(throttled.headers.get('retry-after')).toBe(String(windowMs / 1000 - perClient));
    expect(await throttled.text()).toMatch(
      /Too many wrong access tokens or codes from your address/,
    );
    // Another address is not held back by this one.
    expect((await login(request, TOKEN, '10.0.0.2')).status).toBe(303);
    advance(30_000);
    expect((await login(request, TOKEN, '10.0.0.1')).headers.get('retry-after')).toBe('25');
    advance(25_000);
    expect((await login(request, TOKEN, '10.0.0.1')).status).toBe(303);

    expect(warnings).toHaveLength(perClient);
    expect(warnings[0]).toBe(
      'review page: wrong access token from 10.0.0.1 (1 from there in the last minute)',
    );
    expect(warnings.join('\n')).not.toMatch(/wrong-guess|a-long-access-token/);
  });

  it('throttles guesses spread over many addresses overall', async () => {
    const { request } = setup();
    const { overall, perClient } = SIGN_IN_LIMITS;
    expect(overall).toBeGreaterThan(perClient);
    for (let i = 0; i < overall; i++)
      expect((await login(request, 'wrong-token-of-some-length', `10.1.0.${i}`)).status).toBe(403);
    const next = await login(request, TOKEN, '10.2.0.1');
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await next.text()).toMatch(/Too many wrong access tokens or codes on this page/);
  });

  it('signs in another device with a short code shown on a signed-in page: once, for minutes, never logged', async () => {
    const { request, signIn, post, advance, warnings } = setup({ token: null });
    const session = await signIn();
    const offer = await (await request('/device', { headers: { cookie: session.cookie } })).text();
    expect(offer).toContain('<h1>Sign in on another device</h1>');
    expect(offer).toMatch(/<form method="post" action="\/device"><input type="hidden" name="csrf"/);
    // Only a signed-in page shows one, and only on a post with its CSRF token.
    expect((await request('/device', { method: 'POST', headers: { origin: ORIGIN } })).status).toBe(
      401,
    );
    expect((await post('/device', { ...session, csrf: 'forged' })).status).toBe(403);
    const show = async () => {
      const page = await (await post('/device', session)).text();
      return /<p class="device-code"><code>([^<]+)<\/code>/.exec(page)?.[1] ?? '';
    };
    const code = await show();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);

    const enter = (typed: string, from = '10.3.0.1') =>
      request(
        '/login/code',
        {
          method: 'POST',
          body: new URLSearchParams({ code: typed }),
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        },
        from,
      );
    // The sign-in page offers it, with or without an access token.
    expect(await (await request('/login')).text()).toMatch(
      /<form method="post" action="\/login\/code">/,
    );
    const signedIn = await enter(` ${code.toLowerCase().replace('-', '')} `);
    expect(signedIn.status).toBe(303);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).not.toBe(session.cookie);
    expect((await request('/', { headers: { cookie } })).status).toBe(200);
    // Once.
    const again = await enter(code);
    expect(again.status).toBe(403);
    expect(await again.text()).toMatch(/That code is not valid/);

    // Minutes: past DEVICE_CODE_MS it opens nothing.
    const late = await show();
    advance(DEVICE_CODE_MS + 1);
    expect((await enter(late, '10.3.0.2')).status).toBe(403);
    const valid = await show();
    expect((await enter(valid, '10.3.0.3')).status).toBe(303);

    // Wrong codes count with wrong tokens: throttled, and logged without the code.
    for (let i = 0; i < SIGN_IN_LIMITS.perClient; i++)
      expect((await enter(`WRNG-CD${i}Q`)).status).toBe(403);
    const fresh = await show();
    const throttled = await enter(fresh);
    expect(throttled.status).toBe(429);
    expect(await throttled.text()).toMatch(
      /Too many wrong access tokens or codes from your address/,
    );
    // Not looked at while throttled: the code still works from elsewhere.
    expect((await enter(fresh, '10.3.0.4')).status).toBe(303);
    expect(
      warnings.every((w) =>
        /^review page: wrong device code from 10\.3\.0\.\d \(\d from there/.test(w),
      ),
    ).toBe(true);
    expect(warnings).toHaveLength(SIGN_IN_LIMITS.perClient + 2);
    const codes = [code, late, valid, fresh].flatMap((c) => [c, c.replace('-', '')]);
    for (const c of codes) expect(warnings.join('\n')).not.toContain(c);
    expect(warnings.join('\n')).not.toMatch(/WRNG/);
  });

  it('answers 413 to a sign-in body past a few KB, declared or chunked, without reading it', async () => {
    const { request, warnings } = setup();
    const declared = await request('/login', {
      method: 'POST',
      body: `token=${'x'.repeat(LOGIN_BODY_BYTES)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    });
    expect(declared.status).toBe(413);
    expect(declared.headers.get('connection')).toBe('close');
    const endless = endlessBody();
    const chunked = await request('/login', {
      method: 'POST',
      body: endless.body,
      duplex: 'half',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    } as RequestInit);
    expect(chunked.status).toBe(413);
    // Read up to the limit and a chunk past it, and not a byte further (the stream never ends).
    expect(endless.pulled).toBeLessThanOrEqual(LOGIN_BODY_BYTES / 1024 + 2);
    // Nothing was taken for a guess.
    expect(warnings).toEqual([]);
    // A body without a session is not read at all, whatever its size.
    const stranger = endlessBody();
    const refused = await request('/drafts/id-anna/approve', {
      method: 'POST',
      body: stranger.body,
      duplex: 'half',
      headers: { origin: ORIGIN },
    } as RequestInit);
    expect(refused.status).toBe(401);
    expect(stranger.pulled).toBeLessThanOrEqual(1);
  });

  it('takes signed-in forms up to a megabyte, and refuses more before acting', async () => {
    const { signIn, post, calls } = setup();
    const session = await signIn();
    const fits = await post('/drafts/id-anna/edit', session, {
      version: '7',
      subject: 'Hi',
      text: 'x'.repeat(FORM_BODY_BYTES / 2),
    });
    expect(fits.status).toBe(303);
    const large = await post('/drafts/id-anna/edit', session, {
      version: '7',
      subject: 'Hi',
      text: 'x'.repeat(FORM_BODY_BYTES),
    });
    expect(large.status).toBe(413);
    expect(calls.map(([name]) => name)).toEqual(['edit']);
  });
});

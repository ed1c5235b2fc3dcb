// The review page's answers, through its routes (app.request, no port): each answer beside the
// question as text, Accept and Ignore recorded in one post that lands on LinkedIn, refusals shown
// on the list, and a policy that lets forms reach LinkedIn only where those forms are.
import { describe, expect, it } from 'vitest';
import { DecisionRefused } from '../../src/errors.ts';
import type { AnswerItem } from '../../src/review/answersPart.ts';
import { type ReviewDeps, reviewApp } from '../../src/review/app.ts';
import type { ListView } from '../../src/review/pages.ts';
import { FILTERS } from '../../src/review/select.ts';

const ORIGIN = 'http://127.0.0.1:8025';
const ACCEPT = 'https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/7/sharedKey/k/';

function answer(over: Partial<AnswerItem> = {}): AnswerItem {
  return {
    id: 'id-anna',
    state: 'answered',
    askedAt: '2026-03-01T09:00:00.000Z',
    answeredAt: '2026-03-02T09:00:00.000Z',
    via: 'email',
    from: 'anna@example.org',
    excerpt: 'We met at <img src=x onerror=alert(1)> the meetup.',
    pitch: [],
    possibleWith: [],
    decidedAt: null,
    inviterName: 'Anna <b>Tester</b>',
    headline: 'Engineer',
    askedBy: 'email',
    subject: 'Your LinkedIn invitation',
    possibleNames: [],
    ...over,
  };
}

function setup(over: Partial<ReviewDeps> = {}) {
  const decided: Array<[string, string]> = [];
  const deps: ReviewDeps = {
    token: null,
    sessionMs: 3600_000,
    allowedHosts: [],
    secure: false,
    approveUnavailable: null,
    templates: [],
    placeUnsure: async () => undefined,
    list: async (query) =>
      ({
        query,
        counts: Object.fromEntries(FILTERS.map((f) => [f, 0])) as ListView['counts'],
        items: [],
        page: 1,
        pages: 1,
        total: 0,
        answers: [
          answer(),
          answer({ id: 'id-boris', state: 'no answer', inviterName: 'Boris', excerpt: null }),
        ],
      }) satisfies ListView,
    history: async () => null,
    approve: async () => ({ to: [] }),
    discard: async () => undefined,
    edit: async () => undefined,
    replied: async () => undefined,
    ignore: async () => undefined,
    undo: async () => 'discarded',
    requestDraft: async () => undefined,
    afterAnswer: async (id, decision) => {
      if (id === 'id-decided') throw new DecisionRefused(`invitation ${id} is accepted already`);
      decided.push([id, decision]);
      return {
        open:
          decision === 'accepted'
            ? ACCEPT
            : 'https://www.linkedin.com/mynetwork/invitation-manager/',
      };
    },
    ...over,
  };
  const { app, issueLoginCode } = reviewApp(deps);
  const request = (path: string, init: RequestInit = {}) =>
    app.request(`${ORIGIN}${path}`, {
      ...init,
      headers: { host: '127.0.0.1:8025', ...(init.headers as Record<string, string>) },
    });
  const signIn = async () => {
    const res = await request(`/login?code=${issueLoginCode()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = await (await request('/', { headers: { cookie } })).text();
    return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '', page };
  };
  const post = (path: string, s: { cookie: string; csrf: string }, csrf = s.csrf) =>
    request(path, {
      method: 'POST',
      body: new URLSearchParams({ csrf, back: '/' }),
      headers: {
        cookie: s.cookie,
        origin: ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
  return { request, signIn, post, decided };
}

describe('answers on the review page', () => {
  it('shows each answer beside the question, as text, with the three choices', async () => {
    const { page } = await setup().signIn();
    expect(page).toContain('Their answers');
    expect(page).toContain('We met at &lt;img src=x onerror=alert(1)&gt; the meetup.');
    expect(page).toContain('Anna &lt;b&gt;Tester&lt;/b&gt;');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('“Your LinkedIn invitation”: could they remind you where you met?');
    expect(page).toContain('No answer <span class="count">1</span>');
    expect(page.match(/>Accept on LinkedIn</g)).toHaveLength(2);
    expect(page.match(/>Keep waiting</g)).toHaveLength(2);
    expect(page).toContain('action="/answers/id-anna/accept" target="_blank"');
  });

  it('records Accept and Ignore in one post each, landing on LinkedIn', async () => {
    const { signIn, post, decided } = setup();
    const session = await signIn();
    const accept = await post('/answers/id-anna/accept', session);
    expect(accept.status).toBe(303);
    expect(accept.headers.get('location')).toBe(ACCEPT);
    const ignore = await post('/answers/id-boris/ignore', session);
    expect(ignore.headers.get('location')).toBe(
      'https://www.linkedin.com/mynetwork/invitation-manager/',
    );
    expect(decided).toEqual([
      ['id-anna', 'accepted'],
      ['id-boris', 'ignored'],
    ]);
    // Without the session's CSRF token nothing is recorded.
    expect((await post('/answers/id-anna/ignore', session, 'wrong')).status).toBe(403);
    expect(decided).toHaveLength(2);
  });

  it('shows a refusal on the list, in one line', async () => {
    const { signIn, post } = setup();
    const refused = await post('/answers/id-decided/accept', await signIn());
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('invitation id-decided is accepted already');
  });

  it('lets forms reach LinkedIn only from the list, and only where answers are kept', async () => {
    const { request, signIn } = setup();
    const { cookie } = await signIn();
    const csp = async (path: string, r = request) =>
      (await r(path, { headers: { cookie } })).headers.get('content-security-policy') ?? '';
    expect(await csp('/')).toContain(
      "form-action 'self' https://www.linkedin.com https://linkedin.com",
    );
    expect(await csp('/history/id-anna')).toContain("form-action 'self';");
    const without = setup({ afterAnswer: undefined });
    const other = await without.signIn();
    const page = await without.request('/', { headers: { cookie: other.cookie } });
    expect(page.headers.get('content-security-policy')).not.toMatch(/https?:/);
  });
});

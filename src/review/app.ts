/**
 * The review page as a Hono app over plain functions, so it runs the same under the CLI and in
 * tests. Access: the token (printed at start or set in the config) opens a session, kept in an
 * HttpOnly, SameSite=Strict cookie. State changes are POSTs that must carry the session's CSRF
 * token and come from this page's own origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { DecisionRefused } from '../lifecycle/decide.ts';
import type { HistoryEvent } from '../store/store.ts';
import { type DecidedItem, historyPage, listPage, messagePage, type ReviewItem } from './pages.ts';

export interface ReviewDeps {
  token: string;
  pending(): Promise<{ items: ReviewItem[]; decided: DecidedItem[] }>;
  history(
    id: string,
  ): Promise<{ inviterName: string | null; status: string; events: HistoryEvent[] } | null>;
  /** `version`: the draft's UID as the page showed it. */
  approve(id: string, version: number): Promise<{ to: string[] }>;
  discard(id: string, version: number): Promise<void>;
  edit(id: string, version: number, change: { subject: string; text: string }): Promise<void>;
  /** Mounted under /queues behind the same session, when given (the read-only queue board). */
  queues?: Hono;
}

type Env = { Variables: { csrf: string } };

const COOKIE = 'wherewemet_session';
const NOTICES: Record<string, string> = {
  approved: 'Sent.',
  discarded: 'Discarded.',
  edited: 'Saved as a new version in Drafts.',
};

export function reviewApp(deps: ReviewDeps): Hono<Env> {
  const sessions = new Map<string, { csrf: string }>();
  const app = new Hono<Env>();

  app.get('/login', (c) => {
    if (!sameSecret(c.req.query('token') ?? '', deps.token))
      return c.html(messagePage('Not allowed', 'That token is not valid.'), 403);
    const id = randomBytes(32).toString('hex');
    sessions.set(id, { csrf: randomBytes(32).toString('hex') });
    setCookie(c, COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.redirect('/', 303);
  });

  app.use('*', async (c, next) => {
    const session = sessions.get(getCookie(c, COOKIE) ?? '');
    if (!session)
      return c.html(
        messagePage('Sign in', 'Open the link with the token that `wherewemet serve` printed.'),
        401,
      );
    c.set('csrf', session.csrf);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (!sameOrigin(c)) return c.html(messagePage('Not allowed', 'Cross-site request.'), 403);
      if (c.req.path.startsWith('/drafts/')) {
        const form = await c.req.parseBody();
        if (typeof form.csrf !== 'string' || !sameSecret(form.csrf, session.csrf))
          return c.html(messagePage('Not allowed', 'The form has expired; reload the page.'), 403);
      }
    }
    await next();
  });

  const csrfOf = (c: Context<Env>) => c.get('csrf');

  app.get('/', async (c) => {
    const { items, decided } = await deps.pending();
    const notice = NOTICES[c.req.query('done') ?? ''];
    return c.html(
      listPage(items, decided, csrfOf(c), notice ? { kind: 'notice', text: notice } : null),
    );
  });

  app.get('/history/:id', async (c) => {
    const found = await deps.history(c.req.param('id'));
    if (!found) return c.html(messagePage('Unknown', 'No such invitation.'), 404);
    return c.html(historyPage(c.req.param('id'), found.inviterName, found.status, found.events));
  });

  const decision = (
    done: keyof typeof NOTICES,
    act: (id: string, version: number, form: Record<string, unknown>) => Promise<unknown>,
  ) => {
    return async (c: Context<Env>) => {
      const form = await c.req.parseBody();
      try {
        await act(c.req.param('id') ?? '', Number(form.version), form);
      } catch (err) {
        if (!(err instanceof DecisionRefused)) throw err;
        const { items, decided } = await deps.pending();
        return c.html(
          listPage(items, decided, csrfOf(c), { kind: 'error', text: err.message }),
          409,
        );
      }
      return c.redirect(`/?done=${done}`, 303);
    };
  };
  app.post(
    '/drafts/:id/approve',
    decision('approved', (id, version) => deps.approve(id, version)),
  );
  app.post(
    '/drafts/:id/discard',
    decision('discarded', (id, version) => deps.discard(id, version)),
  );
  app.post(
    '/drafts/:id/edit',
    decision('edited', (id, version, form) =>
      deps.edit(id, version, {
        subject: String(form.subject ?? ''),
        text: String(form.text ?? ''),
      }),
    ),
  );

  if (deps.queues) app.route('/queues', deps.queues);
  app.onError((err, c) =>
    c.html(messagePage('Something went wrong', err.message.split('\n')[0] ?? 'error'), 500),
  );
  return app;
}

/** A form post from our own page: its Origin (which browsers send on POST) names our host. */
function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  const host = c.req.header('host');
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The review page as a Hono app over plain functions, so it runs the same under the CLI and in
 * tests (`app.request()`, no port). Safe by default:
 *   - only requests whose Host names this machine (or review.allowedHosts) are answered, so a
 *     page elsewhere cannot reach it through DNS rebinding;
 *   - a one-time code, the access token, or a short device code shown on a signed-in page opens
 *     a session (sessions.ts) kept in an HttpOnly, SameSite=Strict cookie that expires; no
 *     secret stays in a URL;
 *   - state changes are POSTs from this page's own origin carrying the session's CSRF token;
 *   - a Content-Security-Policy allows nothing but this origin, and no framing;
 *   - wrong access tokens and device codes are throttled per client and overall (throttle.ts)
 *     and logged (never the guess), and a request body is read only up to a limit (a few KB
 *     before sign-in): past it, 413, and the rest is never read, whether or not the request
 *     said its length.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { DecisionRefused, httpStatusOf, WherewemetError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { isLoopback } from '../net/loopback.ts';
import type { HistoryEvent } from '../store/store.ts';
import { SCRIPT, STYLESHEET } from './assets.ts';
import {
  devicePage,
  historyPage,
  type ListView,
  listPage,
  type Message,
  messagePage,
  type PageContext,
  signInPage,
} from './pages.ts';
import { type ListQuery, parseQuery } from './select.ts';
import { DEVICE_CODE_MS, Sessions } from './sessions.ts';
import { SIGN_IN_LIMITS, SignInThrottle, type ThrottleLimits } from './throttle.ts';

export interface ReviewDeps {
  /** The reusable access token (review.token); null: one-time links only. */
  token: string | null;
  sessionMs: number;
  /** Host names besides the loopback ones that requests may be addressed to. */
  allowedHosts: string[];
  /** Served over HTTPS: the cookie is Secure. */
  secure: boolean;
  now?(): number;
  list(query: ListQuery): Promise<ListView>;
  history(
    id: string,
  ): Promise<{ inviterName: string | null; statusLine: string; events: HistoryEvent[] } | null>;
  /** Why approving cannot work here (no SMTP settings, no Trash folder), or null. */
  approveUnavailable: string | null;
  templates: string[];
  /** `version`: the draft's UID as the page showed it; `change`: the subject and text shown. */
  approve(
    id: string,
    request: { version: number | null; change?: { subject: string; text: string }; force: boolean },
  ): Promise<{ to: string[] }>;
  discard(id: string, version: number | null): Promise<void>;
  edit(id: string, version: number, change: { subject: string; text: string }): Promise<void>;
  /** Records a reply made on LinkedIn; a pending draft (at `version`) leaves Drafts. */
  replied(id: string, version: number | null): Promise<void>;
  ignore(id: string): Promise<void>;
  /** Undoes a Discard or Replied of the last few minutes; which one it undid. */
  undo(id: string): Promise<'discarded' | 'replied'>;
  requestDraft(id: string, template: string): Promise<void>;
  /** After a stranger's answer (or none): records the decision; the LinkedIn page to open. */
  afterAnswer?(id: string, decision: 'accepted' | 'ignored'): Promise<{ open: string }>;
  /** An unsure invitation's text placed: LinkedIn's (teaches the frame) or their note. */
  placeUnsure(id: string, answer: 'linkedin' | 'note'): Promise<void>;
  /** Mounted under /queues behind the same session, when given (the read-only queue board). */
  queues?: Hono;
  /** Where wrong access tokens and device codes are reported (never the guess itself). */
  log?: Pick<Logger, 'warn'>;
  /** SIGN_IN_LIMITS unless a test shortens them. */
  signInLimits?: ThrottleLimits;
}

/** The sign-in form holds one token (and a CSRF-free origin check): a few KB is plenty. */
export const LOGIN_BODY_BYTES = 4 * 1024;
/** A signed-in form: a draft's subject and text at most; a megabyte is far past any reply. */
export const FORM_BODY_BYTES = 1024 * 1024;

type Env = { Variables: { csrf: string } };

const DONE: Record<string, (name: string) => string> = {
  approved: (name) => `Sent the reply to ${name}.`,
  discarded: (name) => `Discarded the reply to ${name}; it is in Trash.`,
  edited: (name) => `Saved your edit of the reply to ${name} as a new version in Drafts.`,
  replied: (name) => `Recorded that you replied to ${name} on LinkedIn.`,
  ignored: (name) => `Ignored ${name}'s invitation.`,
  requested: (name) =>
    `Asked for a reply to ${name}: it appears here once the worker has written it.`,
  taught: (name) =>
    `Noted that text as LinkedIn's: the worker reads ${name}'s invitation again, learns it, and drafts if your rules say so.`,
  'their-note': (name) => `Recorded that text as ${name}'s note: no reply is drafted.`,
  'undid-discarded': (name) => `Undone: the reply to ${name} is back in Drafts.`,
  'undid-replied': (name) =>
    `Undone: ${name}'s invitation is no longer recorded as replied (a draft it had is back in Drafts).`,
};

/** The notices that offer Undo (undo.ts keeps these decisions undoable for a few minutes). */
const UNDOABLE = new Set(['discarded', 'replied']);

export function reviewApp(deps: ReviewDeps): { app: Hono<Env>; issueLoginCode(): string } {
  const now = deps.now ?? Date.now;
  const gate: Gate = {
    deps,
    sessions: new Sessions({ token: deps.token, lifetimeMs: deps.sessionMs, now }),
    cookieName: deps.secure ? '__Host-wherewemet_session' : 'wherewemet_session',
    throttle: new SignInThrottle(deps.signInLimits ?? SIGN_IN_LIMITS, now),
  };
  const app = new Hono<Env>();
  // The order is the order requests pass: guards, the open pages, then only signed-in sessions.
  guardEveryRequest(app, deps);
  serveAssets(app);
  addSignIn(app, gate);
  requireSession(app, gate);
  addListPages(app, deps);
  addDecisions(app, deps);
  addAfterAnswer(app, deps);
  addUnsurePlacement(app, deps);
  if (deps.queues) app.route('/queues', deps.queues);
  app.notFound((c) => c.html(messagePage('Not found', 'There is no such page.'), 404));
  app.onError((err, c) =>
    c.html(messagePage('Something went wrong', err.message.split('\n')[0] ?? 'error'), 500),
  );
  return { app, issueLoginCode: () => gate.sessions.issueCode() };
}

/** What signing in and checking a session share. */
interface Gate {
  deps: ReviewDeps;
  sessions: Sessions;
  cookieName: string;
  throttle: SignInThrottle;
}

/** bull-board's page needs inline styles; ours need nothing but this origin. */
const board = (c: Context) => c.req.path.startsWith('/queues');

/** Security headers, no caching of pages, and no answer to a Host that is not this machine. */
function guardEveryRequest(app: Hono<Env>, deps: ReviewDeps) {
  const allowedHosts = new Set(deps.allowedHosts.map(hostName));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: [(c) => (board(c) ? "'self'" : "'none'")],
        scriptSrc: ["'self'"],
        styleSrc: [(c) => (board(c) ? "'self' 'unsafe-inline'" : "'self'")],
        imgSrc: [(c) => (board(c) ? "'self' data:" : "'self'")],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        // Accept and Ignore after an answer land on LinkedIn's own pages (answer/state.ts): only
        // the list, where those forms are, may post there.
        formAction: [
          (c) =>
            deps.afterAnswer && (c.req.path === '/' || c.req.path.startsWith('/answers/'))
              ? "'self' https://www.linkedin.com https://linkedin.com"
              : "'self'",
        ],
        frameAncestors: ["'none'"],
        baseUri: [(c) => (board(c) ? "'self'" : "'none'")],
      },
      xFrameOptions: 'DENY',
      // Not no-referrer: with it, Chromium sends "Origin: null" on our own form posts.
      referrerPolicy: 'same-origin',
      // A loopback page must not pin HTTPS for every other service on localhost.
      strictTransportSecurity: false,
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    if (!board(c) && !c.req.path.startsWith('/assets/')) c.header('Cache-Control', 'no-store');
  });
  app.use('*', async (c, next) => {
    const host = hostName(c.req.header('host') ?? '');
    if (!isLoopback(host) && !allowedHosts.has(host))
      return c.html(
        messagePage(
          'Unknown address',
          'This page answers only to this machine’s own addresses; add the name to review.allowedHosts to use another.',
        ),
        421,
      );
    await next();
  });
}

function serveAssets(app: Hono<Env>) {
  app.get('/assets/review.css', (c) =>
    c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
  );
  app.get('/assets/review.js', (c) =>
    c.body(SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
}

/** Sets the session cookie of a session just opened; false when none was. */
function startSession(gate: Gate, c: Context, opened: { id: string } | null): boolean {
  if (!opened) return false;
  setCookie(c, gate.cookieName, opened.id, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: gate.deps.secure,
    maxAge: Math.floor(gate.deps.sessionMs / 1000),
  });
  return true;
}

function showSignIn(gate: Gate, c: Context, message: string | null, status: 200 | 401 | 403 | 429) {
  return c.html(signInPage(message, gate.deps.token !== null), status);
}

/** The pages open to anyone on this machine: a one-time link, the token form, a device code. */
function addSignIn(app: Hono<Env>, gate: Gate) {
  app.get('/login', (c) => {
    const code = c.req.query('code');
    if (code === undefined) return showSignIn(gate, c, null, 200);
    if (!startSession(gate, c, gate.sessions.exchangeCode(code)))
      return showSignIn(gate, c, 'That sign-in link has been used already, or has expired.', 403);
    return c.redirect('/', 303);
  });
  signInWith(app, gate, '/login', 'token', (token) => gate.sessions.signIn(token), {
    log: 'wrong access token',
    page: 'That access token is not valid.',
  });
  signInWith(app, gate, '/login/code', 'code', (code) => gate.sessions.exchangeDeviceCode(code), {
    log: 'wrong device code',
    page: 'That code is not valid: it may have expired or been used. Show a new one on the signed-in device.',
  });
}

/** Checked before the body is read: a throttled client's guess is not even looked at. */
function signInAllowed(gate: Gate): MiddlewareHandler {
  return async (c, next) => {
    if (!sameOrigin(c)) return c.html(messagePage('Not allowed', 'Cross-site request.'), 403);
    const wait = gate.throttle.wait(clientOf(c));
    if (wait.seconds > 0) {
      c.header('Retry-After', String(wait.seconds));
      const from = wait.scope === 'client' ? 'from your address' : 'on this page';
      return showSignIn(
        gate,
        c,
        `Too many wrong access tokens or codes ${from}: try again in ${wait.seconds} s.`,
        429,
      );
    }
    await next();
  };
}

/** A sign-in form's post: the secret in `field` opens a session, or counts as a wrong guess. */
function signInWith(
  app: Hono<Env>,
  gate: Gate,
  path: string,
  field: string,
  open: (secret: string) => { id: string } | null,
  wrong: { log: string; page: string },
) {
  app.post(path, signInAllowed(gate), limitBody(LOGIN_BODY_BYTES), async (c) => {
    const form = await c.req.parseBody();
    const secret = form[field];
    if (startSession(gate, c, open(typeof secret === 'string' ? secret : '')))
      return c.redirect('/', 303);
    const client = clientOf(c);
    const count = gate.throttle.failed(client);
    // Never the guess itself: a log is no place for a near miss of the real secret.
    gate.deps.log?.warn(
      `review page: ${wrong.log} from ${client} (${count} from there in the last minute)`,
    );
    return showSignIn(gate, c, wrong.page, 403);
  });
}

/**
 * Everything past this point needs a session; a write also needs our origin, a body within the
 * limit and the session's CSRF token. Then signing out and showing a device code.
 */
function requireSession(app: Hono<Env>, gate: Gate) {
  app.use('*', async (c, next) => {
    const id = getCookie(c, gate.cookieName) ?? '';
    const session = gate.sessions.get(id);
    if (!session)
      return showSignIn(gate, c, id ? 'Your session has expired: sign in again.' : null, 401);
    c.set('csrf', session.csrf);
    if (isRead(c)) return next();
    if (!sameOrigin(c)) return c.html(messagePage('Not allowed', 'Cross-site request.'), 403);
    await next();
  });
  // Only a signed-in session's writes get this far, and even they are read only up to the limit.
  const formLimit = limitBody(FORM_BODY_BYTES);
  app.use('*', (c, next) => (isRead(c) ? next() : formLimit(c, next)));
  app.use('*', async (c, next) => {
    if (!isRead(c) && !board(c)) {
      const form = await c.req.parseBody();
      const csrf = c.get('csrf');
      if (typeof form.csrf !== 'string' || !sameSecret(form.csrf, csrf))
        return c.html(messagePage('Not allowed', 'The form has expired; reload the page.'), 403);
    }
    await next();
  });

  app.post('/logout', (c) => {
    gate.sessions.end(getCookie(c, gate.cookieName) ?? '');
    deleteCookie(c, gate.cookieName, { path: '/', secure: gate.deps.secure });
    return c.redirect('/login', 303);
  });

  app.get('/device', (c) => c.html(devicePage(null, c.get('csrf'))));
  // A POST, so that the code is in no address, history or access log; shown once, on this page.
  app.post('/device', (c) =>
    c.html(
      devicePage(
        { code: gate.sessions.issueDeviceCode(), minutes: DEVICE_CODE_MS / 60_000 },
        c.get('csrf'),
      ),
    ),
  );
}

/** The list at `url` (its query selects and searches), with a notice or a refusal above it. */
async function renderList(
  deps: ReviewDeps,
  c: Context<Env>,
  url: URL,
  message: Message,
  status: 200 | 409 | 503,
) {
  const query = parseQuery(Object.fromEntries(url.searchParams));
  const view = await deps.list(query);
  const back = `${url.pathname}${url.search}`;
  const context: PageContext = {
    csrf: c.get('csrf'),
    back,
    approveUnavailable: deps.approveUnavailable,
    templates: deps.templates,
    search: query.q,
  };
  return c.html(listPage(view, context, message), status);
}

/** The list (with the notice of what was just done) and one invitation's history. */
function addListPages(app: Hono<Env>, deps: ReviewDeps) {
  app.get('/', async (c) => {
    const url = new URL(c.req.url);
    const done = DONE[url.searchParams.get('done') ?? ''];
    const id = url.searchParams.get('id');
    url.searchParams.delete('done');
    url.searchParams.delete('id');
    const name = done && id ? (await deps.history(id))?.inviterName : null;
    const undo = id && UNDOABLE.has(c.req.query('done') ?? '') ? { undo: id } : {};
    const message = done
      ? { kind: 'notice' as const, text: done(name ?? 'the inviter'), ...undo }
      : null;
    return renderList(deps, c, url, message, 200);
  });
  app.get('/history', (c) => c.redirect('/?show=decided', 303));
  app.get('/history/:id', async (c) => {
    const found = await deps.history(c.req.param('id'));
    if (!found) return c.html(messagePage('Unknown', 'No such invitation.'), 404);
    return c.html(historyPage(c.req.param('id'), found, c.get('csrf')));
  });
}

/**
 * A form post: `act` runs, then back to the list with a notice (`done`, or the one `act` names),
 * or the list with the refusal.
 */
function decision<T>(
  deps: ReviewDeps,
  done: keyof typeof DONE | ((result: T) => keyof typeof DONE),
  act: (id: string, form: Record<string, unknown>) => Promise<T>,
) {
  return async (c: Context<Env>) => {
    const form = await c.req.parseBody();
    const back = new URL(safeBack(form.back), 'http://review.invalid');
    const id = c.req.param('id') ?? '';
    let result: T;
    try {
      result = await act(id, form);
    } catch (err) {
      // Our errors are written for a person: refusals, and failures such as "sending failed,
      // nothing was sent", go on the list with the error's status; anything else is a crash.
      if (!(err instanceof WherewemetError)) throw err;
      return renderList(deps, c, back, { kind: 'error', text: err.message }, httpStatusOf(err));
    }
    back.searchParams.set('done', typeof done === 'function' ? done(result) : done);
    back.searchParams.set('id', id);
    return c.redirect(`${back.pathname}${back.search}`, 303);
  };
}

/** The draft's UID as the page showed it, or null. */
const version = (form: Record<string, unknown>) =>
  typeof form.version === 'string' && /^\d+$/.test(form.version) ? Number(form.version) : null;
/** The subject and text shown on the page, when the form has both. */
const change = (form: Record<string, unknown>) =>
  typeof form.subject === 'string' && typeof form.text === 'string'
    ? { subject: form.subject, text: form.text }
    : undefined;

/** Approve, discard, edit, replied, ignore, undo, and asking for a draft. */
function addDecisions(app: Hono<Env>, deps: ReviewDeps) {
  app.post(
    '/drafts/:id/approve',
    decision(deps, 'approved', async (id, form) => {
      if (deps.approveUnavailable)
        throw new DecisionRefused(`Approve and send is unavailable: ${deps.approveUnavailable}`);
      const shown = change(form);
      await deps.approve(id, {
        version: version(form),
        force: form.force === '1',
        ...(shown ? { change: shown } : {}),
      });
    }),
  );
  app.post(
    '/drafts/:id/discard',
    decision(deps, 'discarded', (id, form) => deps.discard(id, version(form))),
  );
  app.post(
    '/drafts/:id/edit',
    decision(deps, 'edited', async (id, form) => {
      const shown = change(form);
      const at = version(form);
      if (!shown || at === null)
        throw new DecisionRefused('The form is incomplete; reload the page.');
      await deps.edit(id, at, shown);
    }),
  );
  app.post(
    '/drafts/:id/replied',
    decision(deps, 'replied', (id, form) => deps.replied(id, version(form))),
  );
  app.post(
    '/invitations/:id/replied',
    decision(deps, 'replied', (id) => deps.replied(id, null)),
  );
  app.post(
    '/invitations/:id/ignore',
    decision(deps, 'ignored', (id) => deps.ignore(id)),
  );
  app.post(
    '/invitations/:id/undo',
    decision(
      deps,
      (undone) => `undid-${undone}`,
      (id) => deps.undo(id),
    ),
  );
  app.post(
    '/invitations/:id/draft',
    decision(deps, 'requested', (id, form) =>
      deps.requestDraft(id, typeof form.template === 'string' ? form.template : ''),
    ),
  );
}

/**
 * Accept or ignore after an answer: the form opens in a new tab, which lands on LinkedIn's page
 * (a fixed https://www.linkedin.com address, see answer/state.ts) once the decision is recorded.
 */
function addAfterAnswer(app: Hono<Env>, deps: ReviewDeps) {
  for (const [what, decided] of [
    ['accept', 'accepted'],
    ['ignore', 'ignored'],
  ] as const)
    app.post(`/answers/:id/${what}`, async (c) => {
      const form = await c.req.parseBody();
      const back = new URL(safeBack(form.back), 'http://review.invalid');
      if (!deps.afterAnswer)
        return c.html(messagePage('Unavailable', 'Answers are not kept here.'), 404);
      try {
        const { open } = await deps.afterAnswer(c.req.param('id'), decided);
        return c.redirect(open, 303);
      } catch (err) {
        if (!(err instanceof WherewemetError)) throw err;
        return renderList(deps, c, back, { kind: 'error', text: err.message }, httpStatusOf(err));
      }
    });
}

/** An unsure invitation's text placed: LinkedIn's (teaches the frame) or the inviter's note. */
function addUnsurePlacement(app: Hono<Env>, deps: ReviewDeps) {
  app.post(
    '/invitations/:id/linkedin-text',
    decision(deps, 'taught', (id) => deps.placeUnsure(id, 'linkedin')),
  );
  app.post(
    '/invitations/:id/their-note',
    decision(deps, 'their-note', (id) => deps.placeUnsure(id, 'note')),
  );
}

const isRead = (c: Context) => c.req.method === 'GET' || c.req.method === 'HEAD';

/**
 * hono's bodyLimit: a declared length past the limit is refused before anything is read, and a
 * chunked body is read only up to the limit. The connection is closed after the 413 so that the
 * client stops sending; @hono/node-server discards what is already on its way, without keeping it.
 */
function limitBody(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: (c) => {
      c.header('Connection', 'close');
      return c.html(
        messagePage('Too large', `This page accepts at most ${maxSize} bytes here.`),
        413,
      );
    },
  });
}

/** The client's address as the socket has it; a header could say anything. */
function clientOf(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** "Example.ORG:8025" → "example.org", "[::1]:8025" → "::1". */
function hostName(host: string): string {
  try {
    return new URL(`http://${host}`).hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  } catch {
    return '';
  }
}

/** Where a form returns to: a path of this page's list, never another site. */
function safeBack(value: unknown): string {
  return typeof value === 'string' && /^\/(\?[^#\s]*)?$/.test(value) ? value : '/';
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

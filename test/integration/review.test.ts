// The review page in a real browser (Debian's chromium through playwright-core), against Dovecot,
// Redis and the SMTP sink: signing in, approving what the box shows, discarding after a
// confirmation, answering on LinkedIn, invitations without a draft (read, draft anyway, ignore),
// the history, a phone's width, framing and outside hosts, and a page without SMTP settings.
// REVIEW_SCREENSHOTS=/some/dir keeps screenshots of each page at 1280 and 390 px.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { simpleParser } from 'mailparser';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.ts';
import {
  appendRaw,
  imapUrlFor,
  listMessages,
  redisUrl,
  uniqueRedisPrefix,
  uniqueUser,
} from '../harness/context.ts';
import { type SmtpSink, startSmtpSink } from '../harness/smtpSink.ts';
import { fixture, runCli, waitUntil, writeConfig } from './cli.ts';
import { clientEdits, findDraftTo, invitationFrom } from './mailClient.ts';
import { launchChromium, overflow, type Serving, screenshot, startServe } from './reviewSupport.ts';

const SCRIPT_NOTE = '<script>window.__pwned = 1</script> We met at RustConf, <b>remember</b>?';
const TZ = 'Asia/Tokyo';
const REVIEW_TOKEN = 'review-token-for-the-browser-test';

// One browser for the whole file.
let chromium: Awaited<ReturnType<typeof launchChromium>>;
beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
});

describe('review page in a browser', { timeout: 60_000 }, () => {
  let sink: SmtpSink;
  const user = uniqueUser('review');
  let env: Record<string, string>;
  let config: string;
  let serving: Serving;
  let context: BrowserContext;
  let redis: Redis;
  let page: Page;
  const requested: string[] = [];
  const card = (name: string) =>
    page.locator('article', { has: page.getByRole('heading', { name, exact: true }) });
  /** Clicks a control that posts or navigates, and waits for the next page. */
  const go = async (control: Locator) => {
    await Promise.all([page.waitForEvent('load'), control.click()]);
  };
  let store: Store;
  const sentTo = (address: string) => sink.messages.filter((m) => m.to.includes(address));
  /** Signed in, on the list: where every test starts, whatever ran before it. */
  const signedIn = async () => {
    await page.goto(`${serving.origin}/`);
    if ((await page.getByLabel('Access token').count()) === 0) return;
    await page.getByLabel('Access token').fill(REVIEW_TOKEN);
    await go(page.getByRole('button', { name: 'Sign in' }));
  };
  const statusOf = async (name: string) => {
    for (const key of await store.invitationKeys()) {
      const r = await store.getInvitation(key);
      if (r?.notification.inviter.name === name) return r.draftStatus;
    }
    return undefined;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    const prefix = uniqueRedisPrefix('review').replace(/:$/, '').replace(/:/g, '-');
    config = writeConfig({
      'redis.prefix': prefix,
      'me.name': 'Paul Tester',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${VAR} syntax
      'review.token': '${REVIEW_TOKEN}',
    });
    redis = new Redis(redisUrl());
    store = new Store(redis, prefix, 'default');
    env = {
      IMAP_URL: imapUrlFor(user),
      REDIS_URL: redisUrl(),
      SMTP_URL: sink.url,
      REVIEW_TOKEN,
      TZ,
    };
    for (const [i, first] of ['Anna', 'Carla', 'Dora', 'Emil', 'Fiona', 'Gabe'].entries())
      await appendRaw(user, 'INBOX', invitationFrom(first, i < 4 ? i : i + 2));
    // The note in both renderings, as LinkedIn writes it: as text, and escaped in the HTML.
    const boris = invitationFrom('Boris', 5)
      .replace("I'd like to add you to my professional network on LinkedIn.", SCRIPT_NOTE)
      .replace(
        'I&#39;d like to add you to my professional network on LinkedIn.',
        SCRIPT_NOTE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      );
    await appendRaw(user, 'INBOX', boris);
    for (const name of [
      'corpus/imapdigester-1.eml', // Steven Footle: no address, reply on LinkedIn
      'invitations/2020-personal-flight-en-verified.eml', // Chidinma Okafor: a personal note
      'invitations/2017-pitch-sales-en.eml', // Brandon K. Whitfield: a pitch
      'suspicious/lookalike-linkedln-com.eml', // Dr. Helen Carter: an imitation
    ])
      await appendRaw(user, 'INBOX', fixture(name));
    const run = await runCli(['run', '--once', '--config', config], env);
    expect(run.code, run.stderr).toBe(0);
    serving = await startServe(['--config', config], env);
    context = chromium.context;
    context.on('request', (r) => requested.push(r.url()));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: serving.origin,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
  }, 90_000);

  beforeEach(signedIn);

  afterAll(async () => {
    await serving?.stop();
    await sink?.stop();
    await redis?.quit();
  });

  it('signs in with the access token, or once with the one-time link; no secret stays in the address', async () => {
    await context.clearCookies();
    expect(new URL(serving.login).hostname).toBe('127.0.0.1');
    expect((await fetch(`${serving.origin}/`)).status).toBe(401);
    await page.goto(`${serving.origin}/`);
    await screenshot(page, 'signin-1280');
    expect(await page.locator('main').count()).toBe(1);
    await page.getByLabel('Access token').fill('not-the-token-at-all');
    await go(page.getByRole('button', { name: 'Sign in' }));
    expect(await page.getByRole('alert').textContent()).toBe('That access token is not valid.');
    await page.getByLabel('Access token').fill(REVIEW_TOKEN);
    await go(page.getByRole('button', { name: 'Sign in' }));
    expect(page.url()).toBe(`${serving.origin}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Waiting for you');

    await context.clearCookies();
    await page.goto(serving.login);
    expect(page.url()).toBe(`${serving.origin}/`);
    const [cookie] = await context.cookies(serving.origin);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 11 * 3600);
    expect((await fetch(serving.login, { redirect: 'manual' })).status).toBe(403);
  });

  it('signs in another device with a short code from a signed-in page, once, and never logs it', async () => {
    await go(page.getByRole('link', { name: 'Another device' }));
    await go(page.getByRole('button', { name: 'Show a code' }));
    await screenshot(page, 'device-code-1280');
    const code = (await page.locator('.device-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(page.url()).toBe(`${serving.origin}/device`);

    // The other device: no cookie of this browser, its own session from the code.
    const enter = (typed: string) =>
      fetch(`${serving.origin}/login/code`, {
        method: 'POST',
        body: new URLSearchParams({ code: typed }),
        headers: { origin: serving.origin },
        redirect: 'manual',
      });
    const wrong = await enter('ZZZZ-ZZZZ');
    expect(wrong.status).toBe(403);
    const signedIn = await enter(code.toLowerCase());
    expect(signedIn.status).toBe(303);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const list = await fetch(`${serving.origin}/`, { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('<h1>Waiting for you</h1>');
    expect((await enter(code)).status).toBe(403);
    // This browser is still signed in, on a session of its own.
    await page.goto(`${serving.origin}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Waiting for you');
    expect(serving.stderr()).toMatch(/wrong device code from 127\.0\.0\.1/);
    expect(serving.stderr()).not.toContain(code);
    expect(serving.stderr()).not.toContain(code.replace('-', ''));
    expect(serving.stderr()).not.toContain('ZZZZ');
  });

  it('lists the drafts waiting beside their invitations, every control named after its inviter', async () => {
    await page.goto(`${serving.origin}/`);
    await screenshot(page, 'waiting-1280');
    const names = await page.locator('article h2').allTextContents();
    // Exactly the drafts that wait for a decision, whichever other tests decided some already.
    const pending: string[] = [];
    for (const key of await store.pendingKeys())
      pending.push((await store.getInvitation(key))?.notification.inviter.name ?? '');
    expect(names.sort()).toEqual(pending.sort());
    expect(names).toContain('Brandon K. Whitfield');
    await expect
      .poll(() => page.getByRole('link', { name: "History of Anna Tester's invitation" }).count())
      .toBe(1);
    expect(
      await page
        .getByRole('button', { name: 'Approve and send the reply to Carla Tester' })
        .count(),
    ).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await card('Anna Tester').locator('textarea').inputValue()).toMatch(/^Hi Anna,/);
    // A draft without an address offers no Approve, and says why.
    expect(
      await card('Steven Footle')
        .getByRole('button', { name: /Approve/ })
        .count(),
    ).toBe(0);
    expect(await card('Steven Footle').textContent()).toContain(
      'there is no email address to send to',
    );
  });

  it('Approve and send sends the subject and text as they stand in the boxes, edited or not', async () => {
    const anna = card('Anna Tester');
    await anna.getByLabel('Subject').fill('Where did we meet, Anna?');
    await anna
      .getByLabel('Reply')
      .fill('Hi Anna,\n\nEdited on the review page, never saved.\n\nPaul');
    await go(anna.getByRole('button', { name: 'Approve and send the reply to Anna Tester' }));
    expect(await page.locator('.notice').textContent()).toBe('Sent the reply to Anna Tester.');
    const [message, ...more] = sentTo('anna@example.org');
    expect(more).toEqual([]);
    const sent = await simpleParser(message?.raw ?? Buffer.alloc(0));
    expect(sent.subject).toBe('Where did we meet, Anna?');
    expect(sent.text).toContain('Edited on the review page, never saved.');
    await expect(findDraftTo(user, 'anna@example.org')).rejects.toThrow(/no draft/);
    expect(await card('Anna Tester').count()).toBe(0);
    expect(await statusOf('Anna Tester')).toBe('approved');
  });

  it('warns before unsaved edits are lost, and discards only after a confirmation, to Trash', async () => {
    const carla = card('Carla Tester');
    await carla.getByLabel('Reply').click();
    await page.keyboard.type(' Unsaved.');
    const dialog = page.waitForEvent('dialog');
    const leaving = page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Decided' })
      .click();
    const warning = await dialog;
    expect(warning.type()).toBe('beforeunload');
    await warning.dismiss();
    await leaving;
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await carla.getByLabel('Reply').inputValue()).toContain('Unsaved.');

    const confirm = carla.getByRole('button', { name: 'Discard the reply to Carla Tester' });
    expect(await confirm.isVisible()).toBe(false);
    await carla.getByText('Discard…').click();
    expect(await confirm.isVisible()).toBe(true);
    await screenshot(carla, 'discard-confirm-1280');
    await go(confirm);
    expect(await page.locator('.notice p').textContent()).toBe(
      'Discarded the reply to Carla Tester; it is in Trash.',
    );
    const inTrash = async () =>
      (
        await Promise.all((await listMessages(user, 'Trash')).map((m) => simpleParser(m.source)))
      ).filter((m) => m.text?.startsWith('Hi Carla,')).length;
    expect(await inTrash()).toBe(1);

    // Undo, offered in the notice: the draft is back in Drafts, once, and waiting again.
    await go(page.locator('.notice').getByRole('button', { name: 'Undo' }));
    expect(await page.locator('.notice').textContent()).toBe(
      'Undone: the reply to Carla Tester is back in Drafts.',
    );
    expect(await card('Carla Tester').getByLabel('Reply').inputValue()).toMatch(/^Hi Carla,/);
    expect(await statusOf('Carla Tester')).toBe('pending');
    expect(await inTrash()).toBe(0);
    const drafts = await listMessages(user, 'Drafts');
    expect(drafts.filter((m) => m.source.toString().includes('carla@example.org'))).toHaveLength(1);

    await card('Carla Tester').getByText('Discard…').click();
    await go(
      card('Carla Tester').getByRole('button', { name: 'Discard the reply to Carla Tester' }),
    );
    expect(await inTrash()).toBe(1);
    expect(sentTo('carla@example.org')).toEqual([]);
  });

  it('a draft without an address: copy the reply, open LinkedIn, then record the reply there', async () => {
    const steven = card('Steven Footle');
    const box = steven.getByLabel('Reply, to paste on LinkedIn');
    const text = await box.inputValue();
    expect(text).toMatch(/^Hi Steven,/);
    expect(text).not.toContain('No email address');
    await steven.getByRole('button', { name: 'Copy reply to Steven Footle' }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(text);
    await expect.poll(() => steven.getByRole('status').textContent()).toMatch(/Copied/);
    const open = steven.getByRole('link', {
      name: "Open on LinkedIn (Steven Footle's profile)",
    });
    expect(new URL((await open.getAttribute('href')) ?? '').hostname).toMatch(
      /(^|\.)linkedin\.com$/,
    );
    expect(await open.getAttribute('href')).not.toMatch(/invite-accept|invitationId/);
    expect(await steven.getByRole('link', { name: /Accept on LinkedIn/ }).count()).toBe(0);
    expect(await open.getAttribute('target')).toBe('_blank');
    expect(await open.getAttribute('rel')).toContain('noreferrer');

    await go(
      steven.getByRole('button', {
        name: 'Replied on LinkedIn to Steven Footle',
      }),
    );
    expect(await page.locator('.notice p').textContent()).toBe(
      'Recorded that you replied to Steven Footle on LinkedIn.',
    );
    expect(await statusOf('Steven Footle')).toBe('replied');
    const drafts = await Promise.all(
      (await listMessages(user, 'Drafts')).map((m) => simpleParser(m.source)),
    );
    expect(drafts.some((d) => d.text?.startsWith('Hi Steven'))).toBe(false);
  });

  it('refuses to act on a draft edited in the mail client since the page was loaded', async () => {
    await clientEdits(user, await findDraftTo(user, 'emil@example.org'), (body) =>
      body.replace(/^(\r?\n\r?\n)/, '$1P.S. Edited in my client.\r\n'),
    );
    await go(
      card('Emil Tester').getByRole('button', {
        name: 'Approve and send the reply to Emil Tester',
      }),
    );
    expect(await page.locator('.error').textContent()).toMatch(
      /was changed in your mail client since this page was loaded/,
    );
    expect(sentTo('emil@example.org')).toEqual([]);
    expect(await card('Emil Tester').getByLabel('Reply').inputValue()).toContain(
      'P.S. Edited in my client.',
    );
  });

  it('an approval whose reply from the server is lost says "may have been sent", and sends again only when asked', async () => {
    sink.mode = 'drop-after-data';
    const fiona = card('Fiona Tester');
    await go(fiona.getByRole('button', { name: 'Approve and send the reply to Fiona Tester' }));
    expect(await page.locator('.error').textContent()).toMatch(
      /may have been sent to fiona@example\.org: the connection failed after the message was handed over/,
    );
    expect(sink.messages.filter((m) => m.to.includes('fiona@example.org'))).toHaveLength(1);
    const warning = card('Fiona Tester').locator('.warning');
    expect(await warning.textContent()).toMatch(/May have been sent to fiona@example\.org/);
    expect(await card('Fiona Tester').getByRole('textbox').count()).toBe(0);
    await screenshot(card('Fiona Tester'), 'may-have-been-sent-1280');
    sink.mode = 'accept';
    await go(
      card('Fiona Tester').getByRole('button', { name: 'Send again anyway to Fiona Tester' }),
    );
    expect(await page.locator('.notice').textContent()).toBe('Sent the reply to Fiona Tester.');
    expect(sink.messages.filter((m) => m.to.includes('fiona@example.org'))).toHaveLength(2);
    expect(await statusOf('Fiona Tester')).toBe('approved');
  });

  it('personal notes are there to read, as text; "Draft a reply anyway" has the worker write one', async () => {
    await go(page.getByRole('link', { name: /^Personal notes/ }));
    await screenshot(page, 'personal-notes-1280');
    const boris = card('Boris Tester');
    expect(await boris.locator('.note').textContent()).toBe(SCRIPT_NOTE);
    expect(await boris.locator('.note b').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await card('Chidinma Okafor').locator('.note').textContent()).toMatch(/KLM flight/);

    await boris.getByLabel('Template').selectOption('where-we-met');
    await go(boris.getByRole('button', { name: 'Draft a reply anyway to Boris Tester' }));
    expect(await page.locator('.notice').textContent()).toMatch(
      /^Asked for a reply to Boris Tester/,
    );
    expect(await statusOf('Boris Tester')).toBe('queued');
    const run = await runCli(['run', '--once', '--config', config], env);
    expect(run.code, run.stderr).toBe(0);
    await page.goto(`${serving.origin}/`);
    expect(await card('Boris Tester').getByLabel('Reply').inputValue()).toMatch(/^Hi Boris,/);
  });

  it('ignores an invitation; offers no draft for an imitation; finds by search; shows what was decided', async () => {
    await page.goto(`${serving.origin}/?show=has-context`);
    await go(
      card('Chidinma Okafor').getByRole('button', { name: "Ignore Chidinma Okafor's invitation" }),
    );
    expect(await page.locator('.notice').textContent()).toBe(
      "Ignored Chidinma Okafor's invitation.",
    );

    await go(page.getByRole('link', { name: /^Imitations/ }));
    const helen = card('Dr. Helen Carter');
    expect(await helen.textContent()).toMatch(/imitation of LinkedIn/);
    expect(await helen.getByRole('button', { name: /Draft a reply anyway/ }).count()).toBe(0);
    expect(await helen.getByRole('link', { name: /Open on LinkedIn/ }).count()).toBe(0);

    await page.goto(`${serving.origin}/?show=all`);
    await page.getByRole('searchbox').fill('rustconf');
    await go(page.getByRole('button', { name: 'Search' }));
    expect(await page.locator('article h2').allTextContents()).toEqual(['Boris Tester']);

    // From the Waiting tab, a search finds the decided too, each saying where it is.
    await page.goto(`${serving.origin}/`);
    await page.getByRole('searchbox').fill('<script> chidinma');
    await go(page.getByRole('button', { name: 'Search' }));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Search: “<script> chidinma”',
    );
    expect(await page.locator('article h2').allTextContents()).toEqual([]);
    await page.getByRole('searchbox').fill('chidinma');
    await go(page.getByRole('button', { name: 'Search' }));
    expect(await page.locator('article h2').allTextContents()).toEqual(['Chidinma Okafor']);
    expect(await card('Chidinma Okafor').locator('.found-in').textContent()).toBe(
      'In Personal notes, Decided',
    );
    const tab = (name: RegExp) =>
      page.getByRole('navigation', { name: 'Filter invitations' }).getByRole('link', { name });
    expect(await tab(/^Waiting for you/).textContent()).toBe('Waiting for you 0');
    await go(tab(/^Waiting for you/));
    expect(await page.locator('article').count()).toBe(0);
    expect(await page.getByText('Nothing matches that search here.').count()).toBe(1);

    await go(
      page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Decided' }),
    );
    await screenshot(page, 'decided-1280');
    const decided = await page.locator('article h2').allTextContents();
    expect(decided).toContain('Chidinma Okafor');
  });

  it('shows a history as a timeline: local time, sentences, what was sent to whom', async () => {
    const gabe = card('Gabe Tester');
    await gabe.getByLabel('Subject').fill('Where did we meet, Gabe?');
    await go(gabe.getByRole('button', { name: 'Approve and send the reply to Gabe Tester' }));
    await page.goto(`${serving.origin}/?show=decided`);
    await go(page.getByRole('link', { name: "History of Gabe Tester's invitation" }));
    await screenshot(page, 'history-1280');
    const lines = await page.locator('.timeline li p').allTextContents();
    expect(lines[0]).toBe("LinkedIn's invitation email arrived in INBOX.");
    // Anna to Fiona send LinkedIn's default note too, in 2012 mail without a preheader: that teaches
    // the learned frame nothing (their note is not guarded), so Gabe's is still the default note.
    expect(lines[1]).toBe(
      "Sorted as a stranger without a personal note. LinkedIn's default note. A reply was to be drafted.",
    );
    expect(lines.at(-1)).toBe(
      'Sent “Where did we meet, Gabe?” to gabe@example.org on the review page.',
    );
    expect(lines.join('\n')).not.toMatch(/uid|null|\[|\{|reasons/);
    const time = page.locator('.timeline time').first();
    const iso = (await time.getAttribute('datetime')) ?? '';
    const local = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: TZ,
    });
    expect(await time.textContent()).toBe(local.format(new Date(iso)));
  });

  it('fits a 360-390 px phone: nothing cut off or scrolling sideways, and approving works there', async () => {
    try {
      for (const width of [360, 390]) {
        await page.setViewportSize({ width, height: 844 });
        for (const [path, name] of [
          ['/', 'waiting'],
          ['/?show=has-context', 'personal-notes'],
          ['/?show=suspicious', 'imitations'],
          ['/?show=decided', 'decided'],
        ] as const) {
          await page.goto(`${serving.origin}${path}`);
          if (width === 390) await screenshot(page, `${name}-390`);
          expect(await overflow(page)).toEqual({ scrollWidth: width, width, outside: [] });
          // Every reply box shows all its lines: none hidden behind its own scroll bar.
          expect(
            await page.evaluate<number>(
              '[...document.querySelectorAll("textarea")].filter((t) => t.scrollHeight > t.clientHeight + 1).length',
            ),
          ).toBe(0);
        }
      }
      await page.goto(`${serving.origin}/`);
      const dora = card('Dora Tester');
      await dora.getByText('Discard…').click();
      await screenshot(dora, 'discard-confirm-390');
      expect((await overflow(page)).outside).toEqual([]);
      await dora.getByText('Discard…').click();
      await go(dora.getByRole('button', { name: 'Approve and send the reply to Dora Tester' }));
      expect(await page.locator('.notice').textContent()).toBe('Sent the reply to Dora Tester.');
      expect(sink.messages.map((m) => m.to)).toContainEqual(['dora@example.org']);

      await page.goto(`${serving.origin}/?show=decided`);
      await go(page.getByRole('link', { name: "History of Dora Tester's invitation" }));
      await screenshot(page, 'history-390');
      expect((await overflow(page)).outside).toEqual([]);
      await page.goto(`${serving.origin}/login`);
      await screenshot(page, 'signin-390');
      expect((await overflow(page)).outside).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('cannot be framed by another page, and loads nothing from another host, the queues included', async () => {
    const framer = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><iframe src="${serving.origin}/" width="800" height="600"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
    try {
      const other = `http://127.0.0.1:${(framer.address() as AddressInfo).port}/`;
      await page.goto(other);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      await expect.poll(() => frame?.url()).toMatch(/^chrome-error:/);
    } finally {
      framer.close();
    }
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${serving.origin}/queues`);
    await expect.poll(() => page.locator('#root').textContent()).toMatch(/drafts/);
    await screenshot(page, 'queues-1280');
    expect(errors.filter((e) => /Content Security Policy/.test(e))).toEqual([]);
    const outside = requested.filter(
      (url) =>
        !url.startsWith(serving.origin) &&
        !/^http:\/\/127\.0\.0\.1:\d+\/$/.test(url) &&
        !url.startsWith('data:'),
    );
    expect(outside).toEqual([]);
  });
});

describe('review page without SMTP settings', { timeout: 60_000 }, () => {
  it('reviews and discards, and says why Approve is unavailable', async () => {
    const user = uniqueUser('nosmtp');
    const config = writeConfig({
      'redis.prefix': uniqueRedisPrefix('nosmtp').replace(/:$/, '').replace(/:/g, '-'),
      'me.name': 'Paul Tester',
    });
    const env = { IMAP_URL: imapUrlFor(user), REDIS_URL: redisUrl() };
    await appendRaw(user, 'INBOX', invitationFrom('Ines', 8));
    expect((await runCli(['run', '--once', '--config', config], env)).code).toBe(0);
    const serving = await startServe(['--config', config], env);
    const page = await chromium.context.newPage();
    try {
      // The log line goes to stderr, the sign-in link to stdout: one may come before the other.
      await waitUntil(
        () => /approving is off: there are no SMTP settings/.test(serving.stderr()),
        10_000,
        () => serving.stderr(),
      );
      await page.goto(serving.login);
      const approve = page.getByRole('button', {
        name: 'Approve and send the reply to Ines Tester',
      });
      expect(await approve.isDisabled()).toBe(true);
      const why = await approve.getAttribute('aria-describedby');
      expect(await page.locator(`#${why}`).textContent()).toMatch(
        /Approve and send is unavailable: there are no SMTP settings \(smtp\.url or SMTP_URL\)/,
      );
      await screenshot(page, 'no-smtp-1280');
      await page.getByText('Discard…').click();
      await Promise.all([
        page.waitForEvent('load'),
        page.getByRole('button', { name: 'Discard the reply to Ines Tester' }).click(),
      ]);
      expect(await page.locator('.notice p').textContent()).toMatch(
        /^Discarded the reply to Ines Tester/,
      );
    } finally {
      await page.close();
      await serving.stop();
    }
  });
});

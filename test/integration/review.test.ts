// The review page in a real browser (Debian's chromium through playwright-core): approve, edit
// and discard are clicked for real against Dovecot, Redis and the SMTP sink, a note carrying
// markup shows as text, and state changes without the session's CSRF token or from another
// origin are refused.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendRaw,
  imapUrlFor,
  listMessages,
  redisUrl,
  uniqueRedisPrefix,
  uniqueUser,
} from '../harness/context.ts';
import { type SmtpSink, startSmtpSink } from '../harness/smtpSink.ts';
import { runCli, writeConfig } from './cli.ts';
import { clientEdits, findDraftTo, invitationFrom } from './mailClient.ts';

const BIN = new URL('../../bin/wherewemet', import.meta.url).pathname;
const SCRIPT_NOTE = '<script>window.__pwned = 1</script> We met at RustConf, <b>remember</b>?';

/** Starts `wherewemet serve` on a free port; resolves with the login URL it prints. */
function startServe(args: string[], env: Record<string, string>) {
  const child = spawn(BIN, ['serve', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const login = new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      const url = /review page at (\S+)/.exec(stderr)?.[1];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return { child, login };
}

describe('review page in a browser', () => {
  let sink: SmtpSink;
  const user = uniqueUser('review');
  let env: Record<string, string>;
  let serve: ChildProcess;
  let base: string;
  let login: string;
  let context: BrowserContext;
  let page: Page;
  const profileDir = mkdtempSync(join(tmpdir(), 'wherewemet-chromium-'));
  const card = (name: string) => page.locator('section.draft', { hasText: name });

  beforeAll(async () => {
    sink = await startSmtpSink();
    const config = writeConfig({
      'redis.prefix': uniqueRedisPrefix('review').replace(/:$/, '').replace(/:/g, '-'),
      'me.name': 'Paul Tester',
      'rules.actions.has-context': 'where-we-met',
    });
    env = { IMAP_URL: imapUrlFor(user), REDIS_URL: redisUrl(), SMTP_URL: sink.url };
    await appendRaw(user, 'INBOX', invitationFrom('Anna', 0));
    await appendRaw(
      user,
      'INBOX',
      // The note in both renderings, as LinkedIn writes it: as text, and escaped in the HTML.
      invitationFrom('Boris', 1)
        .replace("I'd like to add you to my professional network on LinkedIn.", SCRIPT_NOTE)
        .replace(
          'I&#39;d like to add you to my professional network on LinkedIn.',
          SCRIPT_NOTE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
        ),
    );
    await appendRaw(user, 'INBOX', invitationFrom('Carla', 2));
    const run = await runCli(['run', '--once', '--config', config], env);
    expect(run.code, run.stderr).toBe(0);

    const started = startServe(['--config', config], env);
    serve = started.child;
    login = await started.login;
    base = new URL(login).origin;
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    serve?.kill('SIGTERM');
    await sink.stop();
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('listens on loopback and lets nobody in without the token', async () => {
    expect(new URL(login).hostname).toBe('127.0.0.1');
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/login?token=wrong`)).status).toBe(403);
    expect((await fetch(`${base}/queues`)).status).toBe(401);
  });

  it('lists the pending drafts beside their invitations, markup shown as text', async () => {
    await page.goto(login);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => page.locator('section.draft').count()).toBe(3);
    const boris = card('Boris Tester');
    expect(await boris.locator('.note').textContent()).toBe(SCRIPT_NOTE);
    expect(await boris.locator('.note b').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await boris.locator('.headline').textContent()).toBe(
      'Independent Consultant, Parallel Computing',
    );
    expect(await card('Anna Tester').locator('.reasons li').first().textContent()).toBeTruthy();
    expect(await card('Anna Tester').locator('textarea').inputValue()).toMatch(/^Hi Anna,/);
  });

  it('saves an edit as a new draft version, then approve sends the edited text', async () => {
    const anna = card('Anna Tester');
    await anna.locator('textarea').fill('Hi Anna,\n\nEdited on the review page.\n\nPaul');
    await anna.getByRole('button', { name: 'Save edit' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toMatch(/Saved/);
    const draft = await simpleParser((await findDraftTo(user, 'anna@example.org')).source);
    expect(draft.text).toContain('Edited on the review page.');
    expect(sink.messages).toHaveLength(0);

    await card('Anna Tester').getByRole('button', { name: 'Approve and send' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toBe('Sent.');
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]?.to).toEqual(['anna@example.org']);
    expect(sink.messages[0]?.raw.toString()).toContain('Edited on the review page.');
    expect(sink.messages[0]?.raw.toString()).not.toMatch(/X-Wherewemet-Invitation/i);
    await expect(findDraftTo(user, 'anna@example.org')).rejects.toThrow(/no draft/);
    expect(
      await page.locator('tr', { hasText: 'Anna Tester' }).locator('.status').textContent(),
    ).toBe('approved');
  });

  it('discard moves the draft to Trash', async () => {
    await card('Carla Tester').getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toBe('Discarded.');
    expect(await page.locator('section.draft').count()).toBe(1);
    expect(await listMessages(user, 'Trash')).toHaveLength(1);
    expect(sink.messages).toHaveLength(1);
  });

  it('refuses to act on a draft that was edited in the mail client since the page was loaded', async () => {
    await clientEdits(user, await findDraftTo(user, 'boris@example.org'), (body) =>
      body.replace(/^(\r?\n\r?\n)/, '$1P.S. Edited in my client.\r\n'),
    );
    await card('Boris Tester').getByRole('button', { name: 'Approve and send' }).click();
    await expect
      .poll(() => page.locator('.error').textContent())
      .toMatch(/was changed in your mail client since this page was loaded/);
    expect(sink.messages).toHaveLength(1);
    // The page now shows the client's version.
    expect(await card('Boris Tester').locator('textarea').inputValue()).toContain(
      'P.S. Edited in my client.',
    );
  });

  it('shows the history of a decision', async () => {
    await page.locator('tr', { hasText: 'Anna Tester' }).getByRole('link').click();
    const text = (await page.locator('table').textContent()) ?? '';
    for (const event of ['received', 'classified', 'drafted', 'edited', 'decided'])
      expect(text).toContain(event);
    expect(text).toContain('via: review page');
  });

  it('refuses state changes from another origin or without the CSRF token', async () => {
    await page.goto(`${base}/`);
    const id = await card('Boris Tester').getAttribute('data-id');
    const url = `${base}/drafts/${encodeURIComponent(id ?? '')}/approve`;
    const csrf = await card('Boris Tester').locator('input[name=csrf]').inputValue();
    const foreign = await context.request.post(url, {
      form: { csrf },
      headers: { Origin: 'http://evil.example' },
      maxRedirects: 0,
    });
    expect(foreign.status()).toBe(403);
    const noToken = await context.request.post(url, {
      form: { csrf: 'forged' },
      headers: { Origin: base },
      maxRedirects: 0,
    });
    expect(noToken.status()).toBe(403);
    expect(sink.messages).toHaveLength(1);
  });

  it('shows the queues read-only behind the same session', async () => {
    const response = await page.goto(`${base}/queues`);
    expect(response?.status()).toBe(200);
    const api = await context.request.get(`${base}/queues/api/queues`);
    expect(api.status()).toBe(200);
    const body = (await api.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['drafts', 'messages']);
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
  });
});

// `wherewemet login` as a person runs it: the CLI prints where to sign in, a real browser
// (Debian's chromium through playwright-core) signs in at the local authorization server, and
// the CLI saves the refresh token and proves it with an IMAP login to Dovecot's oauth2 passdb.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokenStore } from '../../src/auth/tokenStore.ts';
import { uniqueUser } from '../harness/context.ts';
import { type DovecotServer, startDovecot } from '../harness/dovecot.ts';
import { LOOPBACK, waitFor } from '../harness/freePort.ts';
import { type OAuthServer, signInAs, startOAuthServer } from '../harness/oauthServer.ts';
import { removeTempDirs, tempDir } from '../harness/tempDir.ts';
import { waitUntil, writeConfig } from './cli.ts';
import { launchChromium } from './reviewSupport.ts';

afterAll(removeTempDirs);

const BIN = new URL('../../bin/wherewemet', import.meta.url).pathname;
let auth: OAuthServer;
let dovecot: DovecotServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  auth = await startOAuthServer();
  dovecot = await startDovecot({ oauth2IntrospectionUrl: auth.introspectionUrl });
  browser = await launchChromium();
  context = browser.context;
  page = context.pages()[0] ?? (await context.newPage());
});
// Each test signs in as someone new: no session left from the last one.
beforeEach(() => context.clearCookies());
afterAll(async () => {
  await browser?.close();
  await dovecot?.stop();
  await auth?.stop();
});

function account(oauth2: Record<string, unknown>) {
  const user = uniqueUser('login');
  const stateDir = tempDir('wwm-state');
  const config = writeConfig({
    'imap.host': LOOPBACK,
    'imap.port': dovecot.port,
    'imap.secure': false,
    'imap.user': user,
    'imap.oauth2': {
      provider: 'custom',
      clientId: auth.publicClientId,
      tokenUrl: auth.tokenUrl,
      scopes: ['mail'],
      ...oauth2,
    },
    'state.dir': stateDir,
  });
  return { user, config, stateDir, tokens: join(stateDir, 'tokens.json') };
}

interface Login {
  child: ChildProcess;
  stderr(): string;
  done: Promise<{ code: number | null; stdout: string }>;
}

function startLogin(config: string, args: string[], env: Record<string, string> = {}): Login {
  const child = spawn(BIN, ['login', '--config', config, ...args], {
    env: { ...process.env, IMAP_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<{ code: number | null; stdout: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout })),
  );
  return { child, stderr: () => stderr, done };
}

/** The first http(s) address the CLI printed after `label`. */
async function printedUrl(login: Login, label: RegExp): Promise<string> {
  let url = '';
  await waitFor(
    () => {
      const match = new RegExp(`${label.source}\\s*(http\\S+)`).exec(login.stderr());
      url = match?.[1] ?? '';
      return url !== '';
    },
    15_000,
    () => `no sign-in address printed:\n${login.stderr()}`,
  );
  return url.replace(/\)$/, '');
}

/** The CLI's exit, or its stderr when it does not exit in time. */
function finished(login: Login): Promise<{ code: number | null; stdout: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      login.child.kill('SIGKILL');
      reject(new Error(`login did not finish:\n${login.stderr()}`));
    }, 20_000);
  });
  return Promise.race([login.done, timeout]).finally(() => clearTimeout(timer));
}

describe('wherewemet login', () => {
  it('signs in through the browser (loopback redirect with PKCE) and checks IMAP', async () => {
    const { user, config, tokens } = account({ authorizeUrl: auth.authorizeUrl });
    const login = startLogin(config, []);
    const url = await printedUrl(login, /sign in:/);
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    expect(new URL(url).searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await page.goto(url);
    await signInAs(page, user);
    await page.getByText('wherewemet: signed in').waitFor();
    const { code, stdout } = await finished(login);
    expect(code, login.stderr()).toBe(0);
    expect(stdout.trim()).toBe(
      `wherewemet: signed in as ${user}; IMAP login to ${LOOPBACK}:${dovecot.port} works (token saved in ${tokens})`,
    );
    // The refresh token is in the store, and the terminal never showed it.
    const stored = JSON.parse(await readFile(tokens, 'utf8')) as {
      tokens: Record<string, { refreshToken: string }>;
    };
    const refreshToken = Object.values(stored.tokens)[0]?.refreshToken ?? '';
    expect(refreshToken).not.toBe('');
    expect(login.stderr() + stdout).not.toContain(refreshToken);
  });

  it('signs in with a device code entered in a browser', async () => {
    const { user, config } = account({ deviceAuthorizationUrl: auth.deviceAuthorizationUrl });
    const login = startLogin(config, ['--flow', 'device']);
    const url = await printedUrl(login, /On any device, open/);
    await page.goto(url);
    // The code came in the address: the page asks to confirm it, then who is signing in.
    await page.getByRole('button', { name: 'Continue' }).click();
    await signInAs(page, user);
    await page.getByText('Sign-in Success').waitFor();
    const { code, stdout } = await finished(login);
    expect(code, login.stderr()).toBe(0);
    expect(stdout).toContain(`signed in as ${user}; IMAP login`);
  });

  it("signs in through Google's client (google-auth-library) with its offline-access parameters", async () => {
    const { user, config } = account({
      provider: 'google',
      clientId: auth.confidentialClient.id,
      clientSecret: auth.confidentialClient.secret,
      authorizeUrl: auth.authorizeUrl,
      scopes: null,
    });
    const login = startLogin(config, []);
    const url = new URL(await printedUrl(login, /sign in:/));
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('scope')).toBe('https://mail.google.com/');
    await page.goto(url.href);
    await signInAs(page, user);
    const { code, stdout } = await finished(login);
    expect(code, login.stderr()).toBe(0);
    expect(stdout).toContain(`signed in as ${user}; IMAP login`);
  });

  it('replaces a token store it cannot decrypt only with --reset, after saying so, and closes an open state.dir', async () => {
    const { user, config, stateDir } = account({ authorizeUrl: auth.authorizeUrl });
    await new TokenStore(stateDir, 'the old secret').set('someone else', {
      refreshToken: '1//saved-under-the-old-secret',
    });
    await chmod(stateDir, 0o755);
    const env = { WHEREWEMET_SECRET: 'the new secret' };

    // Before: it asked to sign in, then failed to save for the same reason as everything else.
    const refused = startLogin(config, [], env);
    expect((await finished(refused)).code).not.toBe(0);
    expect(refused.stderr()).toContain(
      'wherewemet: fix: set the old secret, or run `wherewemet login --reset`',
    );
    expect(refused.stderr()).not.toMatch(/sign in:/);
    expect(refused.stderr().match(/tightened to 0700/g)).toHaveLength(1);
    expect((await stat(stateDir)).mode & 0o777).toBe(0o700);

    const login = startLogin(config, ['--reset'], env);
    const url = await printedUrl(login, /sign in:/);
    // Said on stderr before the link on stdout; the two pipes are read in either order.
    await waitUntil(
      () => /holds 1 entry that .* cannot decrypt: --reset replaces it/.test(login.stderr()),
      10_000,
      () => login.stderr(),
    );
    expect(login.stderr()).not.toMatch(/tightened/);
    await page.goto(url);
    await signInAs(page, user);
    const { code, stdout } = await finished(login);
    expect(code, login.stderr()).toBe(0);
    expect(stdout).toContain(`signed in as ${user}; IMAP login`);
    const store = new TokenStore(stateDir, 'the new secret');
    expect(await store.unreadable()).toEqual([]);
    expect(await store.get('someone else')).toBeUndefined();
  });
});

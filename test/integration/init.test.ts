import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { redisUrl, uniqueUser } from '../harness/context.ts';
import { type DovecotServer, startDovecot } from '../harness/dovecot.ts';
import { LOOPBACK } from '../harness/freePort.ts';
import { type OAuthServer, signInAs, startOAuthServer } from '../harness/oauthServer.ts';
import { removeTempDirs, tempDir } from '../harness/tempDir.ts';
import { startTerminal, type Terminal } from '../harness/tmux.ts';
import { runCli } from './cli.ts';
import { launchChromium } from './reviewSupport.ts';

afterAll(removeTempDirs);

describe('wherewemet init --yes', () => {
  it('writes a config that check-config accepts, with the folders it found, and says how to start', async () => {
    const user = uniqueUser('init');
    const config = join(tempDir('wwm-init'), 'wherewemet.yaml');
    const env = { IMAP_URL: '', WWM_TEST_PASSWORD: inject('dovecotPassword') };
    const result = await runCli(
      [
        'init',
        '--yes',
        '--provider',
        'other',
        '--address',
        `${user}@example.test`,
        '--name',
        'Paul Tester',
        '--user',
        user,
        '--imap-host',
        inject('dovecotHost'),
        '--imap-port',
        String(inject('dovecotPort')),
        '--starttls',
        '--allow-plaintext',
        '--password-env',
        'WWM_TEST_PASSWORD',
        '--redis-url',
        redisUrl(),
        '--config',
        config,
      ],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    // Run from the repository, as the in-process CLI is: bin/ is the way to start it from here.
    expect(result.stdout.trim()).toBe(
      `WWM_TEST_PASSWORD=<app password> ./bin/wherewemet run --config ${config}`,
    );
    const written = await readFile(config, 'utf8');
    const tree = parse(written);
    expect(tree.imap).toMatchObject({
      host: inject('dovecotHost'),
      port: inject('dovecotPort'),
      secure: false,
      user,
      // The password stays in the environment; the file names the variable.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${VAR} syntax
      password: '${WWM_TEST_PASSWORD}',
    });
    expect(tree.mailboxes).toMatchObject({ drafts: 'Drafts', sent: 'Sent', trash: 'Trash' });
    expect(tree.me).toMatchObject({ name: 'Paul Tester', address: `${user}@example.test` });
    // Comments of the shipped config survive.
    expect(written).toContain('# The mailbox to watch (IMAP).');

    const check = await runCli(['check-config', '--config', config], env);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain(`${config}: valid`);
    expect(check.stderr).toBe('');
  });

  it('names what a missing client ID is and where to get it (Microsoft)', async () => {
    const config = join(tempDir('wwm-init'), 'wherewemet.yaml');
    const result = await runCli(
      [
        'init',
        '--yes',
        '--provider',
        'outlook',
        '--address',
        'paul@example.test',
        '--name',
        'Paul Tester',
        '--config',
        config,
      ],
      { IMAP_URL: '' },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "wherewemet: --client-id: required with --yes; needed: the Application (client) ID on your app's Overview page, at https://entra.microsoft.com/",
    );
  });

  it('names the flag that is missing instead of asking', async () => {
    const config = join(tempDir('wwm-init'), 'wherewemet.yaml');
    const result = await runCli(['init', '--yes', '--provider', 'fastmail', '--config', config], {
      IMAP_URL: '',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('wherewemet: --address: required with --yes');
  });
});

describe('wherewemet init for Google and Microsoft, on a terminal (tmux)', () => {
  const REPO = new URL('../..', import.meta.url).pathname;
  let auth: OAuthServer;
  let dovecot: DovecotServer;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const terminals: Terminal[] = [];
  beforeAll(async () => {
    auth = await startOAuthServer();
    dovecot = await startDovecot({ oauth2IntrospectionUrl: auth.introspectionUrl });
  });
  afterAll(async () => {
    for (const terminal of terminals) terminal.stop();
    await browser?.close();
    await dovecot?.stop();
    await auth?.stop();
  });

  const GOOGLE = () => [
    '--oauth2',
    'google',
    '--token-url',
    auth.tokenUrl,
    '--authorize-url',
    auth.authorizeUrl,
  ];

  /** `./bin/wherewemet init` in the repository, in a home of its own, at the test servers. */
  function init(home: string, user: string, signIn = GOOGLE()): Terminal {
    const terminal = startTerminal(
      [
        './bin/wherewemet',
        'init',
        '--provider',
        'other',
        '--imap-host',
        LOOPBACK,
        '--imap-port',
        String(dovecot.port),
        '--starttls',
        '--allow-plaintext',
        '--user',
        user,
        ...signIn,
      ],
      REPO,
      { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color' },
    );
    terminals.push(terminal);
    return terminal;
  }

  /** The sign-in address init printed, and where the browser is to come back. */
  async function signInAddress(terminal: Terminal): Promise<URL> {
    const screen = await terminal.shows(/sign in: http\S+/);
    return new URL(/sign in: (http\S+)/.exec(screen)?.[1] ?? '');
  }

  it('says where to register, keeps the answers across a refused sign-in that the browser page reports, and resumes', async () => {
    const home = tempDir('wwm-init-home');
    const user = uniqueUser('initgoogle');
    const config = join(home, '.config', 'wherewemet', 'wherewemet.yaml');
    const progress = `${config}.init-progress.json`;

    const first = init(home, user);
    await first.shows(`This sets up ${config}`);
    await first.shows('Your email address');
    first.enter();
    await first.shows('needed: your email address');
    first.type(`${user}@example.test`);
    await first.shows('Your name, as the replies sign it');
    first.type('Paul Tester');
    // Where to create the client, of which type, with which scope, and the redirect.
    const guide = await first.shows('Register wherewemet with Google');
    expect(guide).toContain('https://console.cloud.google.com/apis/credentials');
    expect(guide).toContain('"Desktop app"');
    expect(guide).toContain('https://mail.google.com/');
    expect(guide).toContain('http://127.0.0.1:<any port>/');
    first.enter();
    await first.shows('needed: the Client ID of your Desktop app client');
    first.type(auth.confidentialClient.id);
    await first.shows('Client secret');
    first.type('not the client secret');

    // The browser comes back; the token exchange is refused, and the page says so.
    const signIn = await signInAddress(first);
    const callback = new URL(signIn.searchParams.get('redirect_uri') ?? '');
    callback.search = new URLSearchParams({
      code: 'a-code',
      state: signIn.searchParams.get('state') ?? '',
    }).toString();
    const page = await fetch(callback);
    const text = await page.text();
    expect(page.status).toBe(400);
    expect(text).toContain('wherewemet: sign-in failed: invalid_client');
    expect(text).toContain('check the client ID and client secret');
    expect(text).not.toContain('signed in.');
    expect(await first.exited()).toBe(1);
    expect(first.screen()).toContain('wherewemet: sign-in failed: invalid_client');
    expect(first.screen()).toContain(`your answers so far are kept in ${progress}`);
    expect(existsSync(config)).toBe(false);
    expect((await stat(progress)).mode & 0o777).toBe(0o600);
    const kept = await readFile(progress, 'utf8');
    expect(JSON.parse(kept).answers).toMatchObject({
      address: `${user}@example.test`,
      name: 'Paul Tester',
      'client-id': auth.confidentialClient.id,
    });
    expect(kept).not.toContain('not the client secret');

    // The next run offers every answer again; Enter keeps each, and only the secret is asked.
    const second = init(home, user);
    await second.shows('resuming: the answers of the last run');
    for (const prompt of ['Your email address', 'Your name', 'Client ID']) {
      await second.shows(new RegExp(`◆\\s+${prompt}`));
      second.enter();
    }
    await second.shows('Client secret');
    expect(second.screen()).toContain(`${user}@example.test`);
    second.type(auth.confidentialClient.secret);
    const url = await signInAddress(second);
    browser = await launchChromium();
    const tab = await browser.context.newPage();
    await tab.goto(url.href);
    await signInAs(tab, user);
    await tab.getByText('wherewemet: signed in').waitFor();

    expect(await second.exited()).toBe(0);
    const screen = second.screen();
    expect(screen).toContain(
      `signed in as ${user}; IMAP login to ${LOOPBACK}:${dovecot.port} works`,
    );
    expect(screen).toContain(
      'GOOGLE_CLIENT_SECRET=<client secret> ./bin/wherewemet run --config ~/.config/wherewemet/wherewemet.yaml',
    );
    expect(existsSync(progress)).toBe(false);
    const written = parse(await readFile(config, 'utf8'));
    expect(written.imap.oauth2).toMatchObject({
      provider: 'google',
      clientId: auth.confidentialClient.id,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file's own ${VAR} syntax
      clientSecret: '${GOOGLE_CLIENT_SECRET}',
    });
    // The token went to the token store under the home's state directory, and nowhere on screen.
    const store = JSON.parse(
      await readFile(join(home, '.local', 'state', 'wherewemet', 'tokens.json'), 'utf8'),
    ) as { tokens: Record<string, { refreshToken: string }> };
    const refreshToken = Object.values(store.tokens)[0]?.refreshToken ?? '';
    expect(refreshToken).not.toBe('');
    expect(screen).not.toContain(refreshToken);
  }, 90_000);

  it('for Microsoft: says where to register the app and what to enter, then gives a device code', async () => {
    const home = tempDir('wwm-init-home');
    const user = uniqueUser('initmicrosoft');
    const terminal = init(home, user, [
      '--oauth2',
      'microsoft',
      '--token-url',
      auth.tokenUrl,
      '--device-authorization-url',
      auth.deviceAuthorizationUrl,
    ]);
    await terminal.shows('Your email address');
    terminal.type(`${user}@example.test`);
    await terminal.shows('Your name, as the replies sign it');
    terminal.type('Paul Tester');
    const guide = await terminal.shows('Register wherewemet with Microsoft');
    expect(guide).toContain(
      'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
    );
    expect(guide).toContain('"Allow public client flows" to Yes');
    expect(guide).toContain('IMAP.AccessAsUser.All, SMTP.Send and offline_access');
    terminal.enter();
    await terminal.shows('needed: the Application (client) ID');
    terminal.type(auth.publicClientId);
    // No secret for a public client: the device flow starts at once.
    const screen = await terminal.shows(/On any device, open \S+ \(or \S+ and enter the code/);
    expect(screen).not.toContain('Client secret');
    terminal.stop();
  });
});

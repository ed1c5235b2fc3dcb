// `wherewemet demo` as a newcomer runs it: its own Redis and Dovecot, the sample mail drafted or
// left as the fixtures' expectations say, a review page that signs in, the CLI working on the
// demo, and Ctrl-C (SIGINT) leaving nothing behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KNOWN_PERSON, DEMO_MAIL } from '../../src/demo/samples.ts';
import { descendants } from '../../src/servers/dovecotServer.ts';
import { isListening, waitFor } from '../harness/freePort.ts';
import { runCli } from './cli.ts';

const ACCEPT = /invite-accept|accept-invitation|\/blk\/I\d+_|invitationId/i;
const BIN = new URL('../../bin/wherewemet', import.meta.url).pathname;

interface Expected {
  file: string;
  expect: { kind?: string; category?: string | null; action?: string; inviter?: { name?: string } };
}

/** What the fixtures' expectations say becomes of the demo's mail, with its known person. */
function expectedOutcome() {
  const all = JSON.parse(
    readFileSync(new URL('../fixtures/expected.json', import.meta.url), 'utf8'),
  ) as Expected[];
  const byFile = new Map(all.map((e) => [e.file, e.expect]));
  const names = new Set<string>();
  const drafted: string[] = [];
  const left: string[] = [];
  const imitations: string[] = [];
  let repeats = 0;
  let others = 0;
  for (const file of DEMO_MAIL) {
    const e = byFile.get(file);
    if (!e) throw new Error(`${file} has no expectations`);
    const name = e.inviter?.name ?? '';
    if (e.kind !== 'invitation' && e.kind !== 'reminder') {
      others++;
      continue;
    }
    if (names.has(name)) {
      repeats++;
      continue;
    }
    names.add(name);
    if (e.category === 'suspicious') imitations.push(name);
    else if (name === DEMO_KNOWN_PERSON || e.action !== 'draft') left.push(name);
    else drafted.push(name);
  }
  return { drafted, left, imitations, repeats, others };
}

describe('wherewemet demo', () => {
  let demo: ChildProcess;
  let out = '';
  let exit: Promise<number | null>;

  beforeAll(async () => {
    demo = spawn(BIN, ['demo'], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      // stdin open, as a terminal's is: Enter asks for another sign-in link.
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    demo.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    demo.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    exit = new Promise((resolve) => demo.once('exit', (code) => resolve(code)));
    await waitFor(
      () => out.includes('Ctrl-C stops the demo') || demo.exitCode !== null,
      45_000,
      () => `the demo did not get going:\n${out}`,
    );
  }, 60_000);

  afterAll(async () => {
    if (demo.exitCode === null) {
      demo.kill('SIGINT');
      await exit;
    }
  });

  const port = (server: 'Redis' | 'Dovecot') =>
    Number(new RegExp(`${server} +127\\.0\\.0\\.1:(\\d+)`).exec(out)?.[1]);

  it('says what became of every sample email', () => {
    const { drafted, left, imitations, repeats, others } = expectedOutcome();
    expect(out).toContain(`${drafted.length} drafts written, in the demo mailbox's Drafts`);
    expect(out).toContain(`${left.length} invitations left for you to read (no draft)`);
    expect(out).toContain(`${imitations.length} imitations of LinkedIn caught (never answered)`);
    expect(out).toContain(
      `A reminder of an invitation already seen: no second draft (${repeats}).`,
    );
    expect(out).toContain(`Not invitations, passed over: ${others}.`);
    const section = (title: RegExp) => out.split(title)[1]?.split('\n\n')[0] ?? '';
    for (const name of drafted) expect(section(/drafts? written/)).toContain(name);
    for (const name of left) expect(section(/left for you/)).toContain(name);
    for (const name of imitations) expect(section(/caught/)).toContain(name);
    expect(out).toContain(`known person: ${DEMO_KNOWN_PERSON}`);
  });

  it('serves the review page behind the printed one-time link, and the CLI works on the demo', async () => {
    const link = /Review page: (\S+)/.exec(out)?.[1] ?? '';
    const signIn = await fetch(link, { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    const page = await fetch(new URL('/', link), { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const name of expectedOutcome().drafted) expect(html).toContain(name);
    // No "Open on LinkedIn" leads to an accept link; "Accept on LinkedIn" only for the known person.
    const buttons = [...html.matchAll(/<a class="button" href="([^"]+)"[^>]*>([^<]+)/g)].map(
      (m) => ({ href: (m[1] ?? '').replaceAll('&amp;', '&'), label: m[2] ?? '' }),
    );
    const opens = buttons.filter((b) => b.label === 'Open on LinkedIn');
    expect(opens.length).toBeGreaterThanOrEqual(expectedOutcome().drafted.length);
    for (const b of opens) expect(b.href).not.toMatch(ACCEPT);
    const accepts = html.split('<article').filter((card) => card.includes('Accept on LinkedIn'));
    for (const card of accepts) expect(card).toContain(DEMO_KNOWN_PERSON);

    const config = /drafts --config (\S+)/.exec(out)?.[1] ?? '';
    const drafts = await runCli(['drafts', '--json', '--config', config]);
    expect(drafts.code, drafts.stderr).toBe(0);
    const names = (JSON.parse(drafts.stdout) as Array<{ inviterName: string }>).map(
      (d) => d.inviterName,
    );
    expect(names.sort()).toEqual(expectedOutcome().drafted.sort());
    for (const d of JSON.parse(drafts.stdout) as Array<{ openOnLinkedIn: string | null }>)
      expect(d.openOnLinkedIn ?? '').not.toMatch(ACCEPT);
  });

  it('prints another one-time sign-in link on Enter, without a restart', async () => {
    const first = /Review page: (\S+)/.exec(out)?.[1] ?? '';
    expect((await fetch(first, { redirect: 'manual' })).status).toBe(403);
    demo.stdin?.write('\n');
    await waitFor(
      () => /New sign-in link: (\S+)/.test(out),
      10_000,
      () => `no new link:\n${out}`,
    );
    const link = /New sign-in link: (\S+)/.exec(out)?.[1] ?? '';
    expect(link).not.toBe(first);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(303);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(403);
  });

  it('stops on Ctrl-C and leaves nothing behind', async () => {
    const config = /drafts --config (\S+)/.exec(out)?.[1] ?? '';
    const ports = [port('Redis'), port('Dovecot')];
    for (const p of ports) expect(await isListening(p)).toBe(true);
    demo.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      `Stopped: the demo's servers are gone, and ${dirname(config)} is removed.`,
    );
    for (const p of ports) expect(await isListening(p)).toBe(false);
    expect(existsSync(dirname(config))).toBe(false);
  });
});

describe('wherewemet demo without the servers it needs', () => {
  it('says in one line what to install, and the Docker alternative', async () => {
    // Debian keeps dovecot in /usr/sbin, which the demo looks in too; redis-server is not there.
    const result = await runCli(['demo'], { PATH: '/nonexistent' });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^wherewemet: the demo starts its own redis-server.* not installed: /);
    expect(lines[0]).toContain('apt-get install redis-server dovecot-imapd');
    expect(lines[0]).toContain('docker compose up');
    expect(result.stdout).toBe('');
  });
});

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('wherewemet demo | cat: the clean-up cannot be skipped', () => {
  // Ctrl-C or a closing terminal signals the whole pipeline: cat ends first, and the demo's
  // stdout goes away under it (EPIPE). SIGKILL skips the demo's own clean-up: its watchdog does it.
  for (const [signal, target] of [
    ['SIGINT', 'the pipeline'],
    ['SIGHUP', 'the pipeline'],
    ['SIGKILL', 'the demo alone'],
  ] as const)
    it(`${signal} to ${target} leaves no process and no file`, async () => {
      // A temp folder of its own (readable by Dovecot's mail user), so "no file" means empty.
      const tmp = mkdtempSync(join(tmpdir(), 'wherewemet-demo-pipe-'));
      chmodSync(tmp, 0o755);
      try {
        const pipeline = spawn('sh', ['-c', `"${BIN}" demo | cat`], {
          env: { ...process.env, TMPDIR: tmp, LOG_LEVEL: 'warn' },
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        });
        let out = '';
        pipeline.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
        });
        pipeline.stderr?.on('data', (d: Buffer) => {
          out += d.toString();
        });
        const ended = new Promise((resolve) => pipeline.once('exit', resolve));
        await waitFor(
          () => out.includes('Ctrl-C stops the demo') || pipeline.exitCode !== null,
          45_000,
          () => `the demo did not get going:\n${out}`,
        );
        const pid = pipeline.pid ?? 0;
        const processes = descendants(pid);
        const ports = ['Redis', 'Dovecot'].map((server) =>
          Number(new RegExp(`${server} +127\\.0\\.0\\.1:(\\d+)`).exec(out)?.[1]),
        );
        // sh, node (the demo), cat, the watchdog, redis-server, dovecot and its own processes.
        expect(processes.length, out).toBeGreaterThanOrEqual(6);
        expect(readdirSync(tmp).length).toBeGreaterThanOrEqual(3);
        for (const port of ports) expect(await isListening(port)).toBe(true);

        const argv = (p: number) => readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
        const find = (is: (args: string[]) => boolean) => processes.find((p) => is(argv(p))) ?? 0;
        if (signal === 'SIGKILL')
          process.kill(
            find((a) => a[1]?.endsWith('wherewemet.js') === true && a[2] === 'demo'),
            'SIGKILL',
          );
        else {
          // The reader goes first, as it does when the terminal signals the pipeline: whatever
          // the demo writes from then on meets a closed pipe.
          const cat = find((a) => basename(a[0] ?? '') === 'cat');
          process.kill(cat, 'SIGKILL');
          await waitFor(
            () => !running(cat),
            5000,
            () => 'cat did not end',
          );
          process.kill(-pid, signal);
        }
        await ended;
        await waitFor(
          async () =>
            processes.every((p) => !running(p)) &&
            readdirSync(tmp).length === 0 &&
            !(await isListening(ports[0] ?? 0)) &&
            !(await isListening(ports[1] ?? 0)),
          20_000,
          () =>
            `left behind: processes ${processes.filter(running).join(', ')}; files ${readdirSync(tmp).join(', ')}\n${out}`,
        );
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }, 90_000);
});

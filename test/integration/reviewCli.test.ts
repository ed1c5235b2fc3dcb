// The review commands as a user runs them: `replied ID` for an answer given on LinkedIn, and where
// `serve` agrees to listen (loopback; beyond it only over HTTPS or with allowRemote).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendRaw, listMessages } from '../harness/context.ts';
import { fixture, runCli, testAccount } from './cli.ts';
import { startServe } from './reviewSupport.ts';

describe('wherewemet replied', { timeout: 60_000 }, () => {
  it('records a reply made on LinkedIn and takes the draft out of Drafts, to Trash', async () => {
    const { user, config, env } = testAccount('replied');
    await appendRaw(user, 'INBOX', fixture('corpus/imapdigester-1.eml'));
    expect((await runCli(['run', '--once', '--config', config], env)).code).toBe(0);
    const listed = async () =>
      JSON.parse((await runCli(['drafts', '--json', '--config', config], env)).stdout) as Array<{
        id: string;
        status: string;
        inviterName: string;
      }>;
    const [draft] = await listed();
    const id = draft?.id ?? '';
    const unreadable = await runCli(['unparseable', '--config', config], env);
    expect(unreadable.stdout).toBe('no unreadable messages\n');

    const replied = await runCli(['replied', id, '--config', config], env);
    expect(replied.code, replied.stderr).toBe(0);
    // The person, not only the id.
    expect(draft?.inviterName).toMatch(/\p{L}/u);
    expect(replied.stderr).toContain(
      `recorded that you replied to ${draft?.inviterName} (draft ${id}) on LinkedIn`,
    );
    expect((await listed())[0]?.status).toBe('replied');
    expect(await listMessages(user, 'Drafts')).toHaveLength(0);
    expect(await listMessages(user, 'Trash')).toHaveLength(1);
    const history = JSON.parse(
      (await runCli(['history', id, '--json', '--config', config], env)).stdout,
    ) as Array<{ status: string; events: Array<{ event: string; decision?: string }> }>;
    expect(history[0]?.status).toBe('replied');
    expect(history[0]?.events.at(-1)).toMatchObject({ event: 'decided', decision: 'replied' });

    const again = await runCli(['replied', id, '--config', config], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/is replied, not pending/);
  });
});

describe('where serve listens', { timeout: 60_000 }, () => {
  const { config, env } = testAccount('listen');
  const stops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  it('refuses an address beyond loopback over plain HTTP, in one line naming the settings', async () => {
    const result = await runCli(
      ['serve', '--host', '0.0.0.0', '--port', '0', '--config', config],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^wherewemet: review\.host 0\.0\.0\.0 reaches beyond this machine.*review\.tls\.cert and review\.tls\.key, or set review\.allowRemote: true/,
      ),
    ]);
  });

  it('listens beyond loopback when allowed, printing a link this machine can open', async () => {
    const serving = await startServe(
      ['--host', '0.0.0.0', '--allow-remote', '--config', config],
      env,
    );
    stops.push(serving.stop);
    expect(new URL(serving.login).hostname).toBe('localhost');
    expect(
      (await fetch(serving.login.replace('localhost', '127.0.0.1'), { redirect: 'manual' })).status,
    ).toBe(303);
  });

  it('serves over HTTPS with review.tls, with a Secure session cookie', async () => {
    const tls = testAccount('tls', { 'review.tls.cert': 'cert.pem', 'review.tls.key': 'key.pem' });
    const dir = dirname(tls.config);
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const serving = await startServe(['--config', tls.config], tls.env);
    stops.push(serving.stop);
    const login = new URL(serving.login);
    expect(login.protocol).toBe('https:');
    const response = await new Promise<{ status: number; cookie: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: login.port,
          path: `${login.pathname}${login.search}`,
          ca: readFileSync(join(dir, 'cert.pem')),
        },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? '') });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(response.status).toBe(303);
    expect(response.cookie).toMatch(/^__Host-wherewemet_session=/);
    expect(response.cookie).toMatch(/; Secure/);
  });
});

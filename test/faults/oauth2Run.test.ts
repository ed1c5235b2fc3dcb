// A running `run` on an OAuth2 account, no password anywhere: Dovecot checks every login's access
// token at a real authorization server whose tokens live three seconds. Connections are cut
// again and again so that each reconnect needs a fresh token; invitations keep being drafted
// across several token lifetimes. Then the user revokes the grant: the account says in `status`
// that a login is needed, and wherewemet stops asking the token endpoint.
import { chmod, stat } from 'node:fs/promises';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenKey } from '../../src/auth/credentials.ts';
import { TokenStore } from '../../src/auth/tokenStore.ts';
import type { AccountReport } from '../../src/cli/status.ts';
import { type DovecotServer, startDovecot } from '../harness/dovecot.ts';
import { waitFor } from '../harness/freePort.ts';
import { type OAuthServer, startOAuthServer } from '../harness/oauthServer.ts';
import { type RedisServer, startRedis } from '../harness/redis.ts';
import { tempDir } from '../harness/tempDir.ts';
import { FAST, runCli, writeConfig } from '../integration/cli.ts';
import { makeInvitations } from './support/invitations.ts';
import { tally } from './support/scenario.ts';
import { startTcpProxy, type TcpProxy } from './support/tcpProxy.ts';
import { startWorker, stopWorker, type WorkerProcess } from './support/worker.ts';

const TOKEN_SECONDS = 3;

describe('OAuth2 under a running worker', () => {
  let auth: OAuthServer;
  let dovecot: DovecotServer;
  let redis: RedisServer;
  let proxy: TcpProxy;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    auth = await startOAuthServer({ accessTokenTtl: TOKEN_SECONDS });
    [dovecot, redis] = await Promise.all([
      startDovecot({ oauth2IntrospectionUrl: auth.introspectionUrl }),
      startRedis(),
    ]);
    proxy = await startTcpProxy(dovecot.port);
  });
  afterAll(async () => {
    if (worker) await stopWorker(worker, 'SIGKILL');
    await proxy?.close();
    await Promise.all([dovecot?.stop(), redis?.stop()]);
    await auth?.stop();
  });

  /** The test's own mail client, with an access token of its own grant. */
  const asClient = async <T>(user: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const response = await fetch(auth.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: await auth.refreshTokenFor(user, auth.publicClientId),
        client_id: auth.publicClientId,
      }),
    });
    const token = ((await response.json()) as { access_token: string }).access_token;
    const client = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      auth: { user, accessToken: token },
      logger: false,
    });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.logout();
    }
  };
  const deliver = (user: string, raw: Buffer) => asClient(user, (c) => c.append('INBOX', raw));
  /** Invitation key → how many drafts in Drafts carry it. */
  const drafts = (user: string) =>
    asClient(user, async (client) => {
      const counts = new Map<string, number>();
      const lock = await client.getMailboxLock('Drafts', { readOnly: true });
      try {
        if (client.mailbox && client.mailbox.exists > 0)
          for await (const m of client.fetch('1:*', { headers: ['x-wherewemet-invitation'] })) {
            const key = /:\s*(\S+)/.exec(m.headers?.toString() ?? '')?.[1] ?? '?';
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
      } finally {
        lock.release();
      }
      return counts;
    });

  /** The account's `status --json` report, once its last error matches `cause`. */
  const statusOnceItSays = async (config: string, env: Record<string, string>, cause: RegExp) => {
    let report: AccountReport | undefined;
    await waitFor(
      async () => {
        const { stdout } = await runCli(['status', '--json', '--config', config], env);
        [report] = JSON.parse(stdout).accounts;
        return cause.test(report?.lastError ?? '');
      },
      20_000,
      () => `status never said ${cause}: ${JSON.stringify(report)}\n${worker?.stderr.slice(-2000)}`,
    );
    return report as AccountReport;
  };

  it('drafts across several token lifetimes, and stops at a revoked grant with a clear status', async () => {
    const user = `oauth-run-${process.pid}`;
    const config = writeConfig({
      'redis.prefix': `oauth-run-${process.pid}`,
      'me.name': 'Paul Tester',
      ...FAST,
      'state.dir': tempDir('wwm-state'),
      imap: {
        host: '127.0.0.1',
        port: proxy.port,
        secure: false,
        allowPlaintext: true,
        user,
        password: null,
        oauth2: {
          provider: 'custom',
          clientId: auth.publicClientId,
          tokenUrl: auth.tokenUrl,
          scopes: ['mail'],
          refreshToken: await auth.refreshTokenFor(user, auth.publicClientId),
        },
      },
    });
    const env = { REDIS_URL: redis.url, IMAP_URL: '' };
    expect(config).not.toMatch(/password: [^n]/);
    worker = startWorker(['run', '--config', config], env);
    await worker.waitForLog(/watching mailbox/);

    const invitations = makeInvitations(4, 95);
    const startedAt = Date.now();
    for (const invitation of invitations) {
      await deliver(user, invitation.raw);
      await waitFor(
        async () => (await drafts(user)).has(invitation.key),
        20_000,
        () => `no draft for ${invitation.key}\n${worker?.stderr.slice(-2000)}`,
      );
      // Past this token's life, then every connection cut: the next logins need a fresh one.
      await new Promise((r) => setTimeout(r, TOKEN_SECONDS * 1000 + 200)); // the lifetime is the point
      const closes = worker.count(/IMAP connection closed; reconnecting/);
      proxy.cutAll();
      await waitFor(
        () => worker !== undefined && worker.count(/IMAP connection closed; reconnecting/) > closes,
        10_000,
        () => 'the cut went unnoticed',
      );
    }
    const lived = (Date.now() - startedAt) / 1000;
    const result = tally(
      invitations.map((i) => i.key),
      await drafts(user),
    );
    expect(result.missing).toEqual([]);
    expect(result.duplicated).toEqual([]);

    // The user revokes wherewemet's access: the next login cannot get a token.
    await auth.revoke(user);
    proxy.cutAll();
    // Revoking kills the cached access token too. A login with it, when the reconnect comes before
    // the token is due for refresh, is refused first (blocked: LOGIN_REFUSED), and the one refresh
    // that follows a refusal is what finds the grant revoked: count from when status says so.
    const report = await statusOnceItSays(config, env, /no longer valid/);
    expect(report.status?.state).toBe('blocked');
    expect(report.fix).toMatch(/wherewemet login/);
    const requestsWhenBlocked = auth.tokenRequests;
    // FAST retries a blocked account every second: none of those retries asks the server again.
    const retriesBefore = worker.count(/mailbox watcher error/);
    await waitFor(
      () => worker !== undefined && worker.count(/mailbox watcher error/) >= retriesBefore + 3,
      15_000,
      () => 'no retries while blocked',
    );
    console.log(
      'FIGURES oauth2-run',
      JSON.stringify({
        tokenSeconds: TOKEN_SECONDS,
        workedForSeconds: Math.round(lived),
        drafts: result.total,
        tokenRequestsWhileBlocked: auth.tokenRequests - requestsWhenBlocked,
      }),
    );
    expect(auth.tokenRequests).toBe(requestsWhenBlocked);
    expect(worker.stderr).not.toMatch(/refresh_token|access_token|Bearer/i);
  }, 120_000);

  it('a token store saved under another secret blocks the account with the exact fix, and an open state.dir is closed', async () => {
    if (worker) await stopWorker(worker, 'SIGKILL');
    const user = `oauth-secret-${process.pid}`;
    const stateDir = tempDir('wwm-state');
    const oauth2 = {
      provider: 'custom',
      clientId: auth.publicClientId,
      tokenUrl: auth.tokenUrl,
      scopes: ['mail'],
    };
    await new TokenStore(stateDir, 'the old secret').set(tokenKey(user, oauth2), {
      refreshToken: await auth.refreshTokenFor(user, auth.publicClientId),
    });
    await chmod(stateDir, 0o755);
    const config = writeConfig({
      'redis.prefix': `oauth-secret-${process.pid}`,
      ...FAST,
      'state.dir': stateDir,
      imap: {
        host: '127.0.0.1',
        port: proxy.port,
        secure: false,
        allowPlaintext: true,
        user,
        password: null,
        oauth2,
      },
    });
    const env = { REDIS_URL: redis.url, IMAP_URL: '', WHEREWEMET_SECRET: 'the new secret' };
    worker = startWorker(['run', '--config', config], env);
    await worker.waitForLog(/account blocked/, 20_000);
    const [report] = JSON.parse(
      (await runCli(['status', '--json', '--config', config], env)).stdout,
    ).accounts;
    expect(report.status.state).toBe('blocked');
    expect(report.lastError).toMatch(/encrypted with another WHEREWEMET_SECRET/);
    expect(report.fix).toBe('set the old secret, or run `wherewemet login --reset`');
    expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
    expect(worker.count(/tightened to 0700/)).toBe(1);
    await stopWorker(worker, 'SIGKILL');
    worker = undefined;
  }, 60_000);
});

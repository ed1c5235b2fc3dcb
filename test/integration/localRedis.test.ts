// `run` with no Redis configured: it starts wherewemet's own redis-server on 127.0.0.1 at
// redis.localPort, the other commands and a second run find it there, and a port taken by
// something that is not Redis is refused. A free port stands in for 6379: the machine's own
// Redis is never touched.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersPong } from '../../src/servers/redisServer.ts';
import { appendRaw, imapUrlFor, uniqueUser } from '../harness/context.ts';
import { freePort, isListening, talk, waitFor } from '../harness/freePort.ts';
import { removeTempDirs, tempDir } from '../harness/tempDir.ts';
import { fixture, runCli, writeConfig } from './cli.ts';

/** The shipped config with no redis.url, wherewemet's own Redis at `port`, state under `dir`. */
function localConfig(port: number, dir: string): string {
  return writeConfig({
    'redis.url': null,
    'redis.localPort': port,
    'state.dir': dir,
    'me.name': 'Paul Tester',
    'authenticity.verifyDkim': false,
  });
}

describe('run without a Redis configured', () => {
  let port: number;
  let state: string;
  const user = uniqueUser('local-redis');
  // No REDIS_URL: the config's redis.url (null) is what counts.
  const env = { IMAP_URL: imapUrlFor(user), REDIS_URL: '' };

  beforeAll(async () => {
    port = await freePort();
    state = tempDir('wwm-local-redis');
    await appendRaw(user, 'INBOX', fixture('invitations/2026-text-nonote-en.eml'));
  });

  afterAll(async () => {
    // It outlives run on purpose; the test stops it.
    if (await isListening(port)) {
      await talk(port, 'SHUTDOWN NOSAVE\r\n');
      await waitFor(
        async () => !(await isListening(port)),
        10_000,
        () => 'Redis did not stop',
      );
    }
    await removeTempDirs();
  });

  it('starts its own redis-server, which the other commands and a second run then use', async () => {
    const config = localConfig(port, state);
    const first = await runCli(['run', '--once', '--config', config], env);
    expect(first.code, first.stderr).toBe(0);
    const dataDir = join(state, 'redis');
    const pid = Number(readFileSync(join(dataDir, 'redis.pid'), 'utf8'));
    expect(first.stderr).toContain(
      `Redis: started wherewemet's own redis-server on 127.0.0.1:${port} (pid ${pid}, append-only data in ${dataDir})`,
    );
    // Still there after run: append-only, evicting nothing, on loopback only.
    expect(await answersPong(port)).toBe(true);
    const settings = await talk(
      port,
      'CONFIG GET appendonly\r\nCONFIG GET maxmemory-policy\r\nCONFIG GET bind\r\n',
    );
    expect(settings).toMatch(/appendonly\r\n\$3\r\nyes\r\n/);
    expect(settings).toMatch(/maxmemory-policy\r\n\$10\r\nnoeviction\r\n/);
    expect(settings).toMatch(/bind\r\n\$9\r\n127\.0\.0\.1\r\n/);

    const drafts = await runCli(['drafts', '--json', '--config', config], env);
    expect(drafts.code, drafts.stderr).toBe(0);
    expect(
      (JSON.parse(drafts.stdout) as Array<{ inviterName: string }>).map((d) => d.inviterName),
    ).toEqual(['Daniel Okafor']);

    const second = await runCli(['run', '--once', '--config', config], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(
      `Redis: using wherewemet's own redis-server on 127.0.0.1:${port} (pid ${pid}, data in ${dataDir}), started earlier`,
    );
    expect(second.stderr).not.toContain('draft written');
  });

  it('refuses a port taken by something that is not Redis, naming the keys to change', async () => {
    const sockets = new Set<net.Socket>();
    const squatter = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined); // a probe may hang up first
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as net.AddressInfo).port;
    const dir = tempDir('wwm-local-redis-taken');
    try {
      const result = await runCli(['run', '--once', '--config', localConfig(taken, dir)], env);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `wherewemet: redis.url: not set, and 127.0.0.1:${taken} is taken by a program that is not Redis (it answered "HTTP/1.1 400 Bad Request"): set redis.url (or REDIS_URL) to your Redis, or redis.localPort to a free port`,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('says what to install when redis-server is not there', async () => {
    const free = await freePort();
    const result = await runCli(
      ['run', '--once', '--config', localConfig(free, tempDir('wwm-no-redis'))],
      {
        ...env,
        PATH: '/nonexistent',
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `wherewemet: redis.url: not set, and nothing listens on 127.0.0.1:${free}: install redis-server (wherewemet then starts its own there), or set redis.url (or REDIS_URL)`,
    );
    expect(await isListening(free)).toBe(false);
  });
});

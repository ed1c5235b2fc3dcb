// One Dovecot and one Redis for the whole run; tests isolate themselves with unique IMAP users
// and Redis key prefixes (see context.ts), so parallel test files can share them. The run has a
// temp folder of its own, which it must leave empty (tempFolder.ts).
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { type DovecotServer, startDovecot } from './dovecot.ts';
import { type RedisServer, startRedis } from './redis.ts';
import { privateTempFolder } from './tempFolder.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dovecotHost: string;
    dovecotPort: number;
    dovecotPassword: string;
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const checkTempFolder = privateTempFolder();
  const results = await Promise.allSettled([startDovecot(), startRedis()]);
  const [dovecot, redis] = results;
  const teardown = async (): Promise<void> => {
    const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    await Promise.all(
      started.map(async (server: DovecotServer | RedisServer) => {
        await server.stop();
        await rm(server.dir, { recursive: true, force: true });
      }),
    );
    await checkTempFolder();
  };
  if (dovecot.status === 'fulfilled' && redis.status === 'fulfilled') {
    project.provide('dovecotHost', dovecot.value.host);
    project.provide('dovecotPort', dovecot.value.port);
    project.provide('dovecotPassword', dovecot.value.password);
    project.provide('redisUrl', redis.value.url);
    return teardown;
  }
  // Do not leave the one that did start running.
  await teardown();
  throw results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason;
}

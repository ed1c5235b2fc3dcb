// Two `run` processes on one mailbox, and the one writing a draft freezes (SIGSTOP, as a
// sleeping laptop or a paused VM would) right as it sends APPEND. The other takes the account
// over and writes the draft; when the frozen one wakes up and its APPEND goes through after
// all, it learns that it lost the invitation and removes its copy: one draft, whatever happens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../harness/freePort.ts';
import { draftsByInvitation, messagesIn } from './support/mail.ts';
import { account, deliver, type Servers, startServers } from './support/scenario.ts';
import { startTcpProxy } from './support/tcpProxy.ts';
import { startWorker, stopAllWorkers, type WorkerProcess } from './support/worker.ts';

describe('a worker that stalls mid-draft', () => {
  let servers: Servers;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    servers = await startServers();
  });
  afterAll(async () => {
    await stopAllWorkers(workers);
    await servers?.stop();
  });

  it('leaves exactly one draft when the frozen worker wakes and its APPEND lands', async () => {
    const proxy = await startTcpProxy(servers.dovecot.port);
    const acc = account(servers, { imapPort: proxy.port });
    const env = { ...acc.env, IMAP_URL: servers.dovecot.imapUrl(acc.user) };

    // A works the account (through the proxy); B, started later, stands by.
    const held = proxy.holdWhenClientSends(/APPEND "?Drafts/);
    const a = startWorker(['run', '--config', acc.config], acc.env);
    workers.push(a);
    await a.waitForLog(/working account/);
    const b = startWorker(['run', '--config', acc.config], env);
    workers.push(b);
    const [invitation] = await deliver(servers, acc.user, 1, 70);
    if (!invitation) throw new Error('no invitation');

    const append = await held;
    a.child.kill('SIGSTOP');
    const frozenAt = Date.now();
    await b.waitForLog(/draft written/, 30_000);
    const takeoverMs = Date.now() - frozenAt;
    expect(await draftsByInvitation(servers.dovecot, acc.user)).toEqual(
      new Map([[invitation.key, 1]]),
    );

    a.child.kill('SIGCONT');
    append.release();
    await a.waitForLog(/took the invitation over while we appended: our copy is removed/, 30_000);
    await waitFor(
      async () => (await messagesIn(servers.dovecot, acc.user, 'Drafts')).length === 1,
      10_000,
      () => `more than one message in Drafts\n${a.stderr.slice(-2000)}`,
    );
    const drafts = await draftsByInvitation(servers.dovecot, acc.user);
    console.log(
      'FIGURES stalled-worker',
      JSON.stringify({ takeoverMs, drafts: [...drafts.values()].reduce((x, y) => x + y, 0) }),
    );
    expect(drafts).toEqual(new Map([[invitation.key, 1]]));
    expect(a.stderr).toMatch(/lease taken over by another process|lease heartbeat failed/);
    await proxy.close();
  }, 90_000);
});

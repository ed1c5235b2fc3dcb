// Approvals send exactly once, against the real SMTP sink, Dovecot and Redis: the three ways an
// approval used to send twice (the connection dropped after the server took the message, a final
// reply slower than the hold, approve racing the mail client), a process killed mid-send, and a
// refusal that sends nothing and gives the draft back.
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { approveDraft } from '../../src/lifecycle/approve.ts';
import { approvalDeps, decisionDeps } from '../../src/lifecycle/decisionDeps.ts';
import { type Lifecycle, openLifecycle } from '../../src/lifecycle/open.ts';
import { createLogger } from '../../src/log.ts';
import { smtpSender } from '../../src/smtp/sendApproved.ts';
import { type InvitationRecord, Store } from '../../src/store/store.ts';
import {
  appendRaw,
  listMessages,
  redisUrl,
  uniqueRedisPrefix,
  uniqueUser,
  withImap,
} from '../harness/context.ts';
import { type SmtpSink, startSmtpSink } from '../harness/smtpSink.ts';
import { runCli, spawnCli, waitUntil, writeConfig } from './cli.ts';
import { clientSendsCopyOnly, findDraftTo, invitationFrom } from './mailClient.ts';

const BIN = new URL('../../bin/wherewemet', import.meta.url).pathname;
const HOLD_SECONDS = 1;
const PEOPLE = ['Anna', 'Boris', 'Carla', 'Dora', 'Emil', 'Fiona', 'Gabe'] as const;
type Person = (typeof PEOPLE)[number];

describe('approving sends exactly once', { timeout: 60_000 }, () => {
  let sink: SmtpSink;
  let config: string;
  let redis: Redis;
  let store: Store;
  let lifecycle: Lifecycle & { close(): Promise<void> };
  const user = uniqueUser('approve');
  const ids = {} as Record<Person, string>;
  const address = (p: Person) => `${p.toLowerCase()}@example.org`;
  const approve = (p: Person, ...flags: string[]) =>
    runCli(['approve', ids[p], ...flags, '--config', config]);
  const record = async (p: Person) => (await store.getInvitation(ids[p])) as InvitationRecord;
  const sentTo = (p: Person) => sink.messages.filter((m) => m.to.includes(address(p))).length;
  const inTrash = async (p: Person) =>
    (await listMessages(user, 'Trash')).filter((m) => m.source.toString().includes(address(p)))
      .length;
  const decisions = async (p: Person) =>
    (await store.history(ids[p])).filter((e) => e.event === 'decided').map((e) => e.decision);

  beforeAll(async () => {
    sink = await startSmtpSink();
    const prefix = uniqueRedisPrefix('approve').replace(/:$/, '').replace(/:/g, '-');
    config = writeConfig({
      'imap.host': inject('dovecotHost'),
      'imap.port': inject('dovecotPort'),
      'imap.secure': false,
      'imap.user': user,
      'imap.password': inject('dovecotPassword'),
      'redis.url': redisUrl(),
      'redis.prefix': prefix,
      'smtp.url': sink.url,
      'smtp.holdSeconds': HOLD_SECONDS,
      'me.name': 'Paul Tester',
    });
    for (const [i, first] of PEOPLE.entries())
      await appendRaw(user, 'INBOX', invitationFrom(first, i));
    const run = await runCli(['run', '--once', '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    redis = new Redis(redisUrl());
    store = new Store(redis, prefix, 'default');
    for (const key of await store.invitationKeys()) {
      const r = await store.getInvitation(key);
      const first = r?.notification.inviter.name?.split(' ')[0] as Person;
      ids[first] = key;
    }
    lifecycle = await openLifecycle(config, createLogger({ level: 'warn' }));
  });

  afterAll(async () => {
    await lifecycle?.close();
    await redis?.quit();
    await sink?.stop();
  });

  it('connection dropped after the server took the message: "may have been sent", then only --force sends', async () => {
    sink.mode = 'drop-after-data';
    const first = await approve('Anna');
    expect(first.code).not.toBe(0);
    expect(first.stderr).toMatch(/may have been sent to anna@example\.org/);
    expect(first.stderr).toMatch(/Check Sent/);
    expect(first.stderr).toMatch(/approve --force/);
    expect(sentTo('Anna')).toBe(1);
    // Out of Drafts, so the mail client cannot send it too; kept in Trash, so nothing is lost.
    await expect(findDraftTo(user, address('Anna'))).rejects.toThrow(/no draft/);
    expect(await inTrash('Anna')).toBe(1);
    // It still needs the user: status counts it, and says why.
    const status = JSON.parse((await runCli(['status', '--json', '--config', config])).stdout);
    expect(status.accounts[0]).toMatchObject({ mayHaveBeenSent: 1 });
    expect(status.accounts[0].waitingForYou).toBeGreaterThanOrEqual(1);
    const listed = await runCli(['drafts', '--json', '--config', config]);
    const anna = (JSON.parse(listed.stdout) as Array<{ id: string; attention?: string }>).find(
      (d) => d.id === ids.Anna,
    );
    expect(anna?.attention).toMatch(/may have been sent/);

    sink.mode = 'accept';
    const second = await approve('Anna');
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(/may have been sent/);
    expect(sentTo('Anna')).toBe(1);

    const forced = await approve('Anna', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(sentTo('Anna')).toBe(2);
    expect((await record('Anna')).draftStatus).toBe('approved');
    expect(await decisions('Anna')).toEqual(['approved']);
    expect(await inTrash('Anna')).toBe(0);
  });

  it('a final reply slower than the hold: the sending record is renewed, a second approval is refused', async () => {
    sink.mode = 'hold-reply';
    const slow = spawnCli(['approve', ids.Boris, '--config', config]);
    await waitUntil(
      () => sentTo('Boris') === 1,
      20_000,
      () => 'the message never reached the sink',
    );
    // The property is about time: well past the hold, the record must still say "being sent".
    const reached = Date.now();
    await waitUntil(
      () => Date.now() - reached > 2.5 * HOLD_SECONDS * 1000,
      10_000,
      () => '',
    );
    const meanwhile = await approve('Boris');
    expect(meanwhile.code).not.toBe(0);
    expect(meanwhile.stderr).toMatch(/is being sent right now/);
    // Nor can the mail client send it: it is not in Drafts.
    await expect(findDraftTo(user, address('Boris'))).rejects.toThrow(/no draft/);

    sink.releaseHeldReplies();
    const done = await slow;
    expect(done.code, done.stderr).toBe(0);
    sink.mode = 'accept';
    const after = await approve('Boris');
    expect(after.code).not.toBe(0);
    expect(after.stderr).toMatch(/is approved, not pending/);
    expect(sentTo('Boris')).toBe(1);
    expect(await decisions('Boris')).toEqual(['approved']);
  });

  it('approve racing the mail client: whoever takes the draft first sends it, never both', async () => {
    const approval = await approvalDeps(
      lifecycle,
      decisionDeps(lifecycle, 'cli'),
      smtpSender(sink.url),
    );
    if ('unavailable' in approval) throw new Error(approval.unavailable);
    /** The client sends the draft: it takes it out of Drafts (to Sent) only if it is still there. */
    const clientTakes = async (p: Person) => {
      const draft = await findDraftTo(user, address(p)).catch(() => null);
      if (!draft) return false;
      return withImap(user, async (c) => {
        const lock = await c.getMailboxLock('Drafts');
        try {
          const moved = await c.messageMove(String(draft.uid), 'Sent', { uid: true });
          return moved ? moved.uidMap?.has(draft.uid) === true : false;
        } finally {
          lock.release();
        }
      });
    };

    // The client sends at the worst moment: after approve read the draft, before it took it.
    const late = await approveDraft(ids.Carla, {
      ...approval,
      holding: {
        ...approval.holding,
        take: async (uid) => {
          expect(await clientTakes('Carla')).toBe(true);
          return approval.holding.take(uid);
        },
      },
    }).catch((err: Error) => err);
    expect(late).toBeInstanceOf(Error);
    expect(String(late)).toMatch(/left Drafts just now/);
    expect(sentTo('Carla')).toBe(0);

    // The client tries while approve is talking to the SMTP server: the draft is gone already.
    let clientGotIt: boolean | null = null;
    await approveDraft(ids.Dora, {
      ...approval,
      send: async (message) => {
        clientGotIt = await clientTakes('Dora');
        await approval.send(message);
      },
    });
    expect(clientGotIt).toBe(false);
    expect(sentTo('Dora')).toBe(1);

    // The client has sent and filed its copy in Sent, but not yet deleted the draft.
    await clientSendsCopyOnly(user, await findDraftTo(user, address('Emil')));
    const refused = await approve('Emil');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/already sent from your mail client/);
    expect(sentTo('Emil')).toBe(0);
    expect((await record('Emil')).draftStatus).toBe('sent');

    // And at the same moment, with nothing staged: still one send at most.
    const [byApprove, byClient] = await Promise.all([
      approveDraft(ids.Fiona, approval).then(
        () => true,
        () => false,
      ),
      clientTakes('Fiona'),
    ]);
    expect(Number(byApprove) + Number(byClient)).toBe(1);
    expect(sentTo('Fiona')).toBe(Number(byApprove));
  });

  it('a refused message sends nothing and gives the draft back; approving again sends it once', async () => {
    sink.mode = 'reject';
    const refused = await approve('Gabe');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/nothing was sent: .*554.*the draft is back in Drafts/);
    const back = await simpleParser((await findDraftTo(user, address('Gabe'))).source);
    expect(back.text).toMatch(/^Hi Gabe,/);
    expect((await record('Gabe')).draftStatus).toBe('pending');

    sink.mode = 'accept';
    const sent = await approve('Gabe');
    expect(sent.code, sent.stderr).toBe(0);
    expect(sentTo('Gabe')).toBe(1);
    expect(await decisions('Gabe')).toEqual(['approved']);
  });
});

describe('a process killed while it sends', { timeout: 60_000 }, () => {
  it('leaves "may have been sent" once the hold runs out; discard then leaves it in Trash', async () => {
    const sink = await startSmtpSink();
    const user = uniqueUser('killed');
    const prefix = uniqueRedisPrefix('killed').replace(/:$/, '').replace(/:/g, '-');
    const config = writeConfig({
      'imap.host': inject('dovecotHost'),
      'imap.port': inject('dovecotPort'),
      'imap.secure': false,
      'imap.user': user,
      'imap.password': inject('dovecotPassword'),
      'redis.url': redisUrl(),
      'redis.prefix': prefix,
      'smtp.url': sink.url,
      'smtp.holdSeconds': HOLD_SECONDS,
    });
    try {
      await appendRaw(user, 'INBOX', invitationFrom('Hana', 7));
      expect((await runCli(['run', '--once', '--config', config])).code).toBe(0);
      const listed = JSON.parse((await runCli(['drafts', '--json', '--config', config])).stdout);
      const id = (listed as Array<{ id: string }>)[0]?.id ?? '';

      sink.mode = 'hold-reply';
      const child = spawn(BIN, ['approve', id, '--config', config], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('close', resolve));
      await waitUntil(
        () => sink.messages.length === 1,
        20_000,
        () => 'the message never reached the sink',
      );
      child.kill('SIGKILL');
      await exited;

      // Until the hold runs out the record still says "being sent"; then it says "may have been".
      await waitUntil(
        async () =>
          /may have been sent/.test((await runCli(['approve', id, '--config', config])).stderr),
        15_000,
        () => 'approve never reported "may have been sent"',
      );
      expect(sink.messages).toHaveLength(1);
      const discard = await runCli(['discard', id, '--config', config]);
      expect(discard.code, discard.stderr).toBe(0);
      const after = JSON.parse((await runCli(['drafts', '--json', '--config', config])).stdout);
      expect((after as Array<{ status: string }>)[0]?.status).toBe('discarded');
      expect(await listMessages(user, 'Trash')).toHaveLength(1);
    } finally {
      await sink.stop();
    }
  });
});

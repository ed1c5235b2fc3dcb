// Several mailboxes in one config: two accounts on two different Dovecot servers, each with what
// it sets itself and the rest inherited; every command covers all accounts, or one with
// --account; state is keyed by the account id, whatever spelling of the host reaches it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeInvitations } from '../faults/support/invitations.ts';
import { appendAll, draftsByInvitation, messagesIn } from '../faults/support/mail.ts';
import { imapUrlFor, redisUrl, uniqueRedisPrefix, uniqueUser } from '../harness/context.ts';
import { type DovecotServer, startDovecot } from '../harness/dovecot.ts';
import { FAST, runCli, writeConfig } from './cli.ts';

describe('accounts', () => {
  const shared = {
    host: inject('dovecotHost'),
    port: inject('dovecotPort'),
    password: inject('dovecotPassword'),
  } as DovecotServer;
  let other: DovecotServer;
  const work = uniqueUser('work');
  const home = uniqueUser('home');
  let config: string;
  const env = { REDIS_URL: redisUrl(), IMAP_URL: '' };
  const workInvitations = makeInvitations(2, 85);
  const homeInvitations = makeInvitations(3, 86);

  beforeAll(async () => {
    other = await startDovecot();
    config = writeConfig({
      'redis.prefix': uniqueRedisPrefix('accounts').replace(/:$/, '').replace(/:/g, '-'),
      'me.name': 'Paul Tester',
      ...FAST,
      accounts: [
        { id: 'work', imap: { url: imapUrlFor(work) }, me: { name: 'Dr. Paul Tester' } },
        {
          id: 'home',
          imap: { url: other.imapUrl(home) },
          templates: {
            'where-we-met': { subject: 'Hello from home', body: 'Hi {{greetingName}}, from home.' },
          },
        },
      ],
    });
    await appendAll(
      shared,
      work,
      'INBOX',
      workInvitations.map((i) => i.raw),
    );
    await appendAll(
      other,
      home,
      'INBOX',
      homeInvitations.map((i) => i.raw),
    );
  });
  afterAll(async () => {
    await other?.stop();
  });

  it('run --once drafts each account into its own Drafts, with its own settings', async () => {
    const run = await runCli(['run', '--once', '--config', config], env);
    expect(run.code, run.stderr).toBe(0);
    expect(await draftsByInvitation(shared, work)).toEqual(
      new Map(workInvitations.map((i) => [i.key, 1])),
    );
    expect(await draftsByInvitation(other, home)).toEqual(
      new Map(homeInvitations.map((i) => [i.key, 1])),
    );
    const homeDraft = (await messagesIn(other, home, 'Drafts'))[0]?.source.toString() ?? '';
    expect(homeDraft).toMatch(/^Subject: Hello from home/m);
    const workDraft = (await messagesIn(shared, work, 'Drafts'))[0]?.source.toString() ?? '';
    expect(workDraft).toMatch(/Dr\. Paul Tester/);
  });

  it('lists every account with its id, or one with --account', async () => {
    const drafts = JSON.parse((await runCli(['drafts', '--json', '--config', config], env)).stdout);
    expect(drafts.map((d: { account: string }) => d.account).sort()).toEqual([
      'home',
      'home',
      'home',
      'work',
      'work',
    ]);
    const status = JSON.parse(
      (await runCli(['status', '--json', '--account', 'home', '--config', config], env)).stdout,
    );
    expect(status.accounts.map((a: { account: string }) => a.account)).toEqual(['home']);
    expect(status.accounts[0].waitingForYou).toBe(3);
    const history = JSON.parse(
      (await runCli(['history', '--json', '--account', 'work', '--config', config], env)).stdout,
    );
    expect(history).toHaveLength(2);
    const unknown = await runCli(['drafts', '--account', 'nope', '--config', config], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/--account nope: no such account \(the config has work, home\)/);
  });

  it('finds the account of a draft id for discard', async () => {
    const [first] = JSON.parse(
      (await runCli(['drafts', '--json', '--account', 'home', '--config', config], env)).stdout,
    );
    const discard = await runCli(['discard', first.id, '--config', config], env);
    expect(discard.code, discard.stderr).toBe(0);
    expect((await messagesIn(other, home, 'Drafts')).length).toBe(2);
  });

  it('refuses accounts together with IMAP_URL, in one line naming both', async () => {
    for (const args of [['check-config'], ['run', '--once']]) {
      const result = await runCli([...args, '--config', config], {
        ...env,
        IMAP_URL: imapUrlFor(work),
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/accounts and the environment variable IMAP_URL are both given/),
      ]);
    }
  });

  it('keys state by the account id: another spelling of the same server finds the same state', async () => {
    const user = uniqueUser('respelled');
    await appendAll(
      shared,
      user,
      'INBOX',
      makeInvitations(1, 87).map((i) => i.raw),
    );
    const prefix = uniqueRedisPrefix('respell').replace(/:$/, '').replace(/:/g, '-');
    const byName = new URL(imapUrlFor(user));
    byName.hostname = 'localhost';
    for (const url of [imapUrlFor(user), byName.toString()]) {
      const spelled = writeConfig({
        'redis.prefix': prefix,
        ...FAST,
        accounts: [{ id: 'work', imap: { url } }],
      });
      const run = await runCli(['run', '--once', '--config', spelled], env);
      expect(run.code, run.stderr).toBe(0);
    }
    expect((await messagesIn(shared, user, 'Drafts')).length).toBe(1);
  });
});

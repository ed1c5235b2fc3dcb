// The rules the user controls, on real servers: the daily limit, the pause switch, and config
// edits applied by a running worker without a restart.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import {
  appendRaw,
  imapUrlFor,
  listMessages,
  redisUrl,
  uniqueRedisPrefix,
  uniqueUser,
} from '../harness/context.ts';
import { runCli, writeConfig } from './cli.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const STRANGERS = [
  'invitations/2016-nonote-en.eml', // Bo
  'invitations/2016-default-add-en.eml', // Gwendolyn
  'invitations/2015-member28-connect-en.eml', // Kofi
];

function setup(changes: Record<string, unknown>) {
  const user = uniqueUser('rules');
  const prefix = uniqueRedisPrefix('rules').replace(/:$/, '').replace(/:/g, '-');
  const config = writeConfig({ 'redis.prefix': prefix, ...changes });
  const env = { IMAP_URL: imapUrlFor(user), REDIS_URL: redisUrl() };
  return { user, config, env };
}

const draftSubjects = async (user: string) =>
  Promise.all(
    (await listMessages(user, 'Drafts')).map(async (d) => (await simpleParser(d.source)).subject),
  );

function edit(file: string, changes: Record<string, unknown>): void {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  for (const [path, value] of Object.entries(changes)) doc.setIn(path.split('.'), value);
  writeFileSync(file, doc.toString());
}

describe('rules', () => {
  it('writes no more drafts a day than rules.dailyDraftLimit, and keeps the rest for later', async () => {
    const { user, config, env } = setup({ 'rules.dailyDraftLimit': 2 });
    for (const name of STRANGERS) await appendRaw(user, 'INBOX', fixture(name));
    const result = await runCli(['run', '--once', '--config', config], env);
    expect(result.code, result.stderr).toBe(0);
    expect(await listMessages(user, 'Drafts')).toHaveLength(2);
    expect(result.stderr).toMatch(/daily limit of 2 drafts reached/);
  });

  it('writes nothing while rules.paused, and catches up when resumed', async () => {
    const { user, config, env } = setup({ 'rules.paused': true });
    for (const name of STRANGERS) await appendRaw(user, 'INBOX', fixture(name));
    const paused = await runCli(['run', '--once', '--config', config], env);
    expect(paused.code, paused.stderr).toBe(0);
    expect(await listMessages(user, 'Drafts')).toHaveLength(0);

    edit(config, { 'rules.paused': false });
    const resumed = await runCli(['run', '--once', '--config', config], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await listMessages(user, 'Drafts')).toHaveLength(3);
  });
});

describe('editing the config under a running worker', () => {
  let worker: ChildProcess | null = null;

  afterEach(() => {
    worker?.kill('SIGKILL');
    worker = null;
  });

  it('applies a valid edit to the next draft, and keeps the last valid config after an invalid one', async () => {
    const { user, config, env } = setup({});
    const bin = new URL('../../bin/wherewemet', import.meta.url).pathname;
    const child = spawn(bin, ['run', '--config', config], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    worker = child;
    let log = '';
    child.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
    });
    const until = async (check: () => boolean | Promise<boolean>) => {
      const deadline = Date.now() + 15_000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out; worker log:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await until(() => log.includes('watching mailbox'));

    await appendRaw(user, 'INBOX', fixture(STRANGERS[0] as string));
    await until(async () => (await draftSubjects(user)).length === 1);

    edit(config, { 'templates.where-we-met.subject': 'Where did we meet, {{firstName}}?' });
    await until(() => log.includes('config reloaded'));
    await appendRaw(user, 'INBOX', fixture(STRANGERS[1] as string));
    await until(async () => (await draftSubjects(user)).length === 2);

    edit(config, { 'templates.where-we-met.subject': 'Hello {{frstName}}' });
    await until(() => log.includes('config edit rejected'));
    expect(log).toMatch(/templates\.where-we-met\.subject uses unknown variable \{\{frstName\}\}/);
    await appendRaw(user, 'INBOX', fixture(STRANGERS[2] as string));
    await until(async () => (await draftSubjects(user)).length === 3);

    expect((await draftSubjects(user)).sort()).toEqual([
      'Where did we meet, Gwendolyn?',
      'Where did we meet, Kofi?',
      'Your LinkedIn invitation',
    ]);
  });
});

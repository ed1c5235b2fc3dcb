// The rules the user controls, on real servers: the daily limit, the pause switch, and config
// edits applied by a running worker without a restart.
import { readFileSync, writeFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { appendRaw, listMessages } from '../harness/context.ts';
import { fixture, type RunningWorker, runCli, startWorker, testAccount, waitUntil } from './cli.ts';

const STRANGERS = [
  'invitations/2016-nonote-en.eml', // Bo
  'invitations/2016-default-add-en.eml', // Gwendolyn
  'invitations/2015-member28-connect-en.eml', // Kofi
];

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
    const { user, config, env } = testAccount('limit', { 'rules.dailyDraftLimit': 2 });
    for (const name of STRANGERS) await appendRaw(user, 'INBOX', fixture(name));
    const result = await runCli(['run', '--once', '--config', config], env);
    expect(result.code, result.stderr).toBe(0);
    expect(await listMessages(user, 'Drafts')).toHaveLength(2);
    expect(result.stderr).toMatch(/daily limit of 2 drafts reached/);
  });

  it('writes nothing while rules.paused, and catches up when resumed', async () => {
    const { user, config, env } = testAccount('paused', { 'rules.paused': true });
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
  let worker: RunningWorker | null = null;

  afterEach(() => {
    worker?.child.kill('SIGKILL');
    worker = null;
  });

  it('applies a valid edit to the next draft, and keeps the last valid config after an invalid one', async () => {
    const { user, config, env } = testAccount('reload');
    worker = startWorker(config, env);
    const { log } = worker;
    const drafts = (n: number) =>
      waitUntil(async () => (await draftSubjects(user)).length === n, 15_000, log);
    await worker.logged('watching mailbox');

    await appendRaw(user, 'INBOX', fixture(STRANGERS[0] as string));
    await drafts(1);

    edit(config, { 'templates.where-we-met.subject': 'Where did we meet, {{firstName}}?' });
    await worker.logged('config reloaded');
    await appendRaw(user, 'INBOX', fixture(STRANGERS[1] as string));
    await drafts(2);

    edit(config, { 'templates.where-we-met.subject': 'Hello {{frstName}}' });
    await worker.logged('config edit rejected');
    expect(log()).toMatch(
      /templates\.where-we-met\.subject uses unknown variable \{\{frstName\}\}/,
    );
    await appendRaw(user, 'INBOX', fixture(STRANGERS[2] as string));
    await drafts(3);

    expect((await draftSubjects(user)).sort()).toEqual([
      'Where did we meet, Gwendolyn?',
      'Where did we meet, Kofi?',
      'Your LinkedIn invitation',
    ]);
  });
});

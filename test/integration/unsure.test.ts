// A LinkedIn redesign no language pack knows (test/integration/redesign/: every frame line worded
// anew, among other LinkedIn mail in the same frame; kept out of the parser's fixture table, whose
// expectations are for a parser without a learned frame), on real Dovecot and Redis with `run`
// watching: invitations are held as unsure rather than drafted or filed as notes, the frame is
// learned from the verified mail of different people, and the unsure ones are read again and
// resolved — exactly one draft for each invitation without a note, with a default note, or a
// pitch, and none for the inviter whose note says where. How many mails it takes depends on
// the parser; the test asserts the outcome, not the count.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { INVITATION_HEADER } from '../../src/draft/headers.ts';
import { placeUnsure } from '../../src/lifecycle/placeUnsure.ts';
import { Store } from '../../src/store/store.ts';
import { appendRaw, listMessages, redisUrl } from '../harness/context.ts';
import { CARD_LINE_INVITERS, withCardLine } from '../support/cardLine.ts';
import { type RunningWorker, runCli, startWorker, testAccount, waitUntil } from './cli.ts';

const redesignFile = (name: string) => fileURLToPath(new URL(`redesign/${name}`, import.meta.url));
const redesign = (name: string) => readFileSync(redesignFile(name));
/** Invitations that must be answered, by inviter: no note, a default note, or a pitch. */
const DRAFTED = [
  'Hannah Lindgren',
  'Tomasz Wójcik',
  'Amara Okafor',
  'Priya Raman',
  'Kenji Sato',
  'Sofia Costa',
];
/** Her note says where they met: never a "where did we meet?". */
const CONTEXT = 'Lucas Moreau';

const BEFORE_RUN = ['01-nonote-hannah.eml', '02-default-tomasz.eml', '03-context-lucas.eml'];
const WHILE_WATCHING = [
  '08-profile-view-kofi.eml',
  '04-nonote-amara.eml',
  '05-pitch-priya.eml',
  '09-profile-view-elena.eml',
  '06-nonote-kenji.eml',
  '07-default-sofia.eml',
  '10-profile-view-omar.eml',
];

interface Listed {
  id: string;
  status: string;
  inviterName: string | null;
}

async function draftKeys(user: string): Promise<string[]> {
  const drafts = await listMessages(user, 'Drafts');
  return Promise.all(
    drafts.map(async (d) => {
      const parsed = await simpleParser(d.source);
      return String(parsed.headers.get(INVITATION_HEADER.toLowerCase()) ?? '');
    }),
  );
}

/** The `run` a test started; killed after each test. */
let worker: RunningWorker | null = null;
afterEach(() => {
  worker?.child.kill('SIGKILL');
  worker = null;
});

describe('a redesign no pack knows', () => {
  it('holds its invitations as unsure, learns the frame, and drafts each expected one once', async () => {
    const { user, config, env } = testAccount('redesign', { 'authenticity.verifyDkim': false });
    for (const name of BEFORE_RUN) await appendRaw(user, 'INBOX', redesign(name));
    // Before any learning, nothing is drafted and nothing is filed as a note: all are unsure.
    const first = await runCli([
      'parse',
      '--json',
      '--config',
      config,
      ...BEFORE_RUN.map(redesignFile),
    ]);
    const categories = first.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { category: string }).category);
    expect(categories).toEqual(['unsure', 'unsure', 'unsure']);

    worker = startWorker(config, env);
    await worker.logged('watching mailbox');
    for (const name of WHILE_WATCHING) await appendRaw(user, 'INBOX', redesign(name));

    const listed = async () => {
      const result = await runCli(['drafts', '--json', '--config', config], env);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as Listed[];
    };
    const log = () => worker?.log() ?? '';
    // Within a minute of the last arrival, every expected draft is written.
    await waitUntil(async () => (await draftKeys(user)).length >= DRAFTED.length, 60_000, log);
    const drafts = await listed();
    const pending = drafts.filter((d) => d.status === 'pending');
    expect(pending.map((d) => d.inviterName).sort()).toEqual([...DRAFTED].sort());
    expect(drafts.filter((d) => d.status === 'unsure')).toEqual([]);
    // Exactly one draft each in Drafts, and none to the inviter whose note says where.
    const keys = await draftKeys(user);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(pending.map((d) => d.id).sort());

    const history = await runCli(['history', '--json', '--config', config], env);
    const trails = JSON.parse(history.stdout) as Array<
      Listed & { events: Array<{ event: string; category?: string }> }
    >;
    const lucas = trails.find((t) => t.inviterName === CONTEXT);
    expect(lucas?.status).toBe('none');
    expect(lucas?.events.find((e) => e.event === 'reclassified')?.category).toBe('has-context');
    // Those that arrived before the frame was learned were held, then read again.
    const hannah = trails.find((t) => t.inviterName === 'Hannah Lindgren');
    expect(hannah?.events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['classified', 'reclassified', 'drafted']),
    );
    expect(hannah?.events.find((e) => e.event === 'classified')?.category).toBe('unsure');

    const status = await runCli(['status', '--json', '--config', config], env);
    expect(
      (JSON.parse(status.stdout) as { accounts: Array<{ unsure: number }> }).accounts[0]?.unsure,
    ).toBe(0);
    const frame = await runCli(['frame', '--json', '--config', config], env);
    const counts = JSON.parse(frame.stdout) as { learned: number; version: number };
    expect(counts.learned).toBeGreaterThan(0);
    expect(counts.version).toBeGreaterThan(0);
  });

  it('forgets the frame on `frame --reset`, and then holds the redesign as unsure again', async () => {
    const { user, config, env } = testAccount('redesign-reset', {
      'authenticity.verifyDkim': false,
    });
    for (const name of [...BEFORE_RUN, '04-nonote-amara.eml'])
      await appendRaw(user, 'INBOX', redesign(name));
    const once = await runCli(['run', '--once', '--config', config], env);
    expect(once.code, once.stderr).toBe(0);
    const learned = JSON.parse((await runCli(['frame', '--json', '--config', config], env)).stdout);
    expect(learned.learned).toBeGreaterThan(0);

    const reset = await runCli(['frame', '--reset', '--json', '--config', config], env);
    expect(reset.code, reset.stderr).toBe(0);
    expect(JSON.parse(reset.stdout)).toMatchObject({ learned: 0, candidates: 0, reset: true });
    expect(JSON.parse(reset.stdout).version).toBeGreaterThan(learned.version);

    await appendRaw(user, 'INBOX', redesign('06-nonote-kenji.eml'));
    const again = await runCli(['run', '--once', '--config', config], env);
    expect(again.code, again.stderr).toBe(0);
    const drafts = JSON.parse(
      (await runCli(['drafts', '--json', '--config', config], env)).stdout,
    ) as Listed[];
    expect(drafts.filter((d) => d.status === 'unsure').map((d) => d.inviterName)).toEqual([
      'Kenji Sato',
    ]);
    const status = JSON.parse((await runCli(['status', '--json', '--config', config], env)).stdout);
    expect(status.accounts[0].unsure).toBe(1);
  });

  it("drafts an unsure invitation once a person says its text is LinkedIn's (review page)", async () => {
    const { user, config, env } = testAccount('redesign-answer', {
      'authenticity.verifyDkim': false,
    });
    // No note, and after the buttons a line no pack knows: unsure under today's note rule too.
    await appendRaw(
      user,
      'INBOX',
      readFileSync(
        new URL(
          '../fixtures/invitations/2026-htmlonly-nonote-unknown-line-en.eml',
          import.meta.url,
        ),
      ),
    );
    worker = startWorker(config, env);
    const log = () => worker?.log() ?? '';
    const listed = async () =>
      JSON.parse((await runCli(['drafts', '--json', '--config', config], env)).stdout) as Listed[];
    // Each wait well within the test's 30 s, so that a failure shows the worker's log.
    await waitUntil(async () => (await listed()).some((d) => d.status === 'unsure'), 12_000, log);
    const [held] = (await listed()).filter((d) => d.status === 'unsure');
    if (!held) throw new Error('no unsure invitation');

    // What the review page's "That is LinkedIn's text" does, against the same Redis.
    const redis = new Redis(redisUrl());
    try {
      const { redis: settings } = await loadConfig(config);
      const store = new Store(redis, settings.prefix, 'default');
      await placeUnsure(held.id, 'linkedin', { store, now: () => new Date(), via: 'review page' });
      await placeUnsure(held.id, 'linkedin', { store, now: () => new Date(), via: 'review page' });
    } finally {
      redis.disconnect();
    }
    await waitUntil(async () => (await draftKeys(user)).length === 1, 12_000, log);
    const after = await listed();
    expect(after.filter((d) => d.status === 'unsure')).toEqual([]);
    expect(after.find((d) => d.id === held.id)?.status).toBe('pending');
    expect(await draftKeys(user)).toEqual([held.id]);
  });
});

describe('a line LinkedIn added to a known card', () => {
  it('is read as a note at first, then, learned from other inviters, drafted once each', async () => {
    const { user, config, env } = testAccount('card-line', {
      'authenticity.verifyDkim': false,
      'authenticity.trustedAuthservId': 'mx.example.net',
    });
    worker = startWorker(config, env);
    await worker.logged('watching mailbox');
    const log = () => worker?.log() ?? '';
    // One at a time, while `run` watches: each but the last is a "personal note" as it arrives.
    for (const inviter of CARD_LINE_INVITERS) {
      await appendRaw(user, 'INBOX', withCardLine(inviter));
      await worker.logged(`invitation from ${inviter.name}`);
    }
    await waitUntil(
      async () => (await draftKeys(user)).length >= CARD_LINE_INVITERS.length,
      20_000,
      log,
    );
    const keys = await draftKeys(user);
    expect(keys).toHaveLength(CARD_LINE_INVITERS.length);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

// The answers' records on the real Redis (src/store/answers.ts): one answer per invitation
// whatever the number of readings and sources, a sure answer over a possible one, one decision,
// the excerpt gone after history.keepDays, questions marked asked when a decision sends them,
// and each account's answers its own.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { AnswerStore, type NewAnswer } from '../../src/store/answers.ts';
import { StatusChanges } from '../../src/store/statusChange.ts';
import { redisUrl, uniqueRedisPrefix } from '../harness/context.ts';
import { waitUntil } from './cli.ts';

const redis = new Redis(redisUrl());
afterAll(async () => {
  await redis.quit();
});

const at = new Date('2026-12-07T10:00:00.000Z');

function answer(over: Partial<NewAnswer> = {}): NewAnswer {
  return {
    match: 'sure',
    at,
    via: 'email',
    by: 'thread',
    from: 'anna@example.org',
    source: 'INBOX|7|41',
    excerpt: 'We met at the Berlin meetup.',
    pitch: [],
    possibleWith: [],
    ...over,
  };
}

const event = (name: string) => ({ at: at.toISOString(), event: name });
const fresh = (keepDays = 90) => {
  const prefix = uniqueRedisPrefix('answers').replace(/:$/, '');
  return { prefix, answers: new AnswerStore(redis, prefix, 'acct', keepDays) };
};
const historyOf = async (prefix: string, key: string, account = 'acct') =>
  (await redis.lrange(`${prefix}:{${account}}:history:${key}`, 0, -1)).map(
    (e) => JSON.parse(e) as { event: string },
  );

describe('answer records', () => {
  it('records an answer once, whatever the number of readings and sources', async () => {
    const { prefix, answers } = fresh();
    await answers.markAsked('inv-1', at);
    expect(await answers.askedKeys(at)).toEqual(['inv-1']);
    expect(await answers.record('inv-1', answer(), event('answered'))).toBe(true);
    // The same message read again (a catch-up after a crash), then LinkedIn's notification of it.
    expect(await answers.record('inv-1', answer(), event('answered'))).toBe(false);
    const linkedIn = answer({ via: 'linkedin', by: 'name', source: 'INBOX|7|42', excerpt: 'x' });
    expect(await answers.record('inv-1', linkedIn, event('answered'))).toBe(false);
    expect(await historyOf(prefix, 'inv-1')).toEqual([
      expect.objectContaining({ event: 'answered' }),
    ]);
    expect(await answers.get('inv-1')).toMatchObject({
      match: 'sure',
      via: 'email',
      excerpt: 'We met at the Berlin meetup.',
      sources: ['INBOX|7|41', 'INBOX|7|42'],
    });
    // Answered: no longer looked for.
    expect(await answers.askedKeys(at)).toEqual([]);
    expect(await answers.waitingCount()).toBe(1);
  });

  it('takes a sure answer over a possible one, and keeps one decision', async () => {
    const { prefix, answers } = fresh();
    await answers.markAsked('inv-2', at);
    const possible = answer({
      match: 'possible',
      via: 'linkedin',
      by: 'name',
      possibleWith: ['x'],
    });
    expect(await answers.record('inv-2', possible, event('possible-answer'))).toBe(true);
    expect(await answers.record('inv-2', possible, event('possible-answer'))).toBe(false);
    expect(await answers.askedKeys(at)).toEqual(['inv-2']);
    expect(await answers.record('inv-2', answer({ source: 'INBOX|7|50' }), event('answered'))).toBe(
      true,
    );
    expect((await answers.get('inv-2'))?.match).toBe('sure');
    expect(await answers.decide('inv-2', 'accepted', at, event('decided'))).toBe(true);
    expect(await answers.decide('inv-2', 'ignored', at, event('decided'))).toBe(false);
    expect((await answers.get('inv-2'))?.decision).toBe('accepted');
    expect(await answers.waitingCount()).toBe(0);
    expect((await historyOf(prefix, 'inv-2')).map((e) => e.event)).toEqual([
      'possible-answer',
      'answered',
      'decided',
    ]);
  });

  it('drops the excerpt after history.keepDays, and keeps the rest', async () => {
    // 0.00002 days: about 1.7 s.
    const { answers } = fresh(0.00002);
    await answers.record('inv-3', answer(), event('answered'));
    expect((await answers.get('inv-3'))?.excerpt).toBe('We met at the Berlin meetup.');
    await waitUntil(
      async () => (await answers.get('inv-3'))?.excerpt === null,
      10_000,
      () => 'the excerpt outlived history.keepDays',
    );
    expect(await answers.get('inv-3')).toMatchObject({ match: 'sure', via: 'email' });
  });

  it('marks a question asked when a decision sends it, and keeps accounts apart', async () => {
    const { prefix, answers } = fresh();
    await redis.hset(`${prefix}:{acct}:inv:inv-4`, { key: 'inv-4', draftStatus: 'none' });
    const changes = new StatusChanges(redis, prefix, 'acct');
    expect(
      await changes.change('inv-4', ['none'], 'replied', { decidedAt: at.toISOString() }),
    ).toBe(true);
    expect(await answers.askedKeys(at)).toEqual(['inv-4']);
    const other = new AnswerStore(redis, prefix, 'other');
    expect(await other.askedKeys(at)).toEqual([]);
    await other.record('inv-4', answer(), event('answered'));
    expect(await answers.get('inv-4')).toBeNull();
    expect(await historyOf(prefix, 'inv-4')).toEqual([]);
    expect(await historyOf(prefix, 'inv-4', 'other')).toHaveLength(1);
  });
});

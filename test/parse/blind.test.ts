// The blind evaluation (test/parse/blind/, bench/blind.bench.ts), its safety direction on a
// fixed sample: no draft to an inviter whose note says where they met or is personal. What it
// found is kept as fixtures (test/fixtures/blind/, in the fixture table).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { loadConfig } from '../../src/config/load.ts';
import { parseMail } from '../../src/parse/parseNotification.ts';
import { BLIND_CLASSES, generateBlind } from './blind/generator.ts';
import { learnFrom, outcomeOf } from './blind/score.ts';

const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);
describe('the blind generator, first reading', () => {
  it('writes no draft to a note that says where or is personal, in any class', async () => {
    const wrong: string[] = [];
    for (const cls of BLIND_CLASSES)
      for (const c of generateBlind(cls, 25, 3)) {
        const { notification: n } = await parseMail(c.raw, {
          trustedAuthservId: c.trustedAuthservId,
        });
        const o = outcomeOf(c, n, classify(n, rules));
        if (o.result === 'wrong') wrong.push(`${c.cls} | ${c.variant} | ${c.note}: ${o.seen}`);
      }
    expect(wrong).toEqual([]);
  }, 60_000);
});

describe('the blind generator, read again with the frame learned from it', () => {
  // Its notes repeat: the same few notes that say where, each sent by several inviters (as after
  // a conference). Learned as LinkedIn's, they would be taken out and the invitation drafted.
  it('writes no draft to a note that says where or is personal', async () => {
    const wrong: string[] = [];
    // The classes whose notes repeat most: where each language has two or three notes.
    for (const cls of BLIND_CLASSES.filter((c) => /short|without a pack/.test(c.name))) {
      const cases = generateBlind(cls, 60, 1);
      const learnedFrame = await learnFrom(cases);
      for (const c of cases) {
        const { notification: n } = await parseMail(c.raw, {
          trustedAuthservId: c.trustedAuthservId,
          learnedFrame,
        });
        const o = outcomeOf(c, n, classify(n, rules));
        if (o.result === 'wrong') wrong.push(`${c.cls} | ${c.variant} | ${c.note}: ${o.seen}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});

describe('languages without a pack', () => {
  it('each have a cluster of their own, named by <html lang>', async () => {
    const cls = BLIND_CLASSES.find((c) => c.name.includes('without a pack'));
    const clusters = new Set<string>();
    for (const c of generateBlind(cls as (typeof BLIND_CLASSES)[number], 12, 2)) {
      const { cluster } = await parseMail(c.raw, { trustedAuthservId: c.trustedAuthservId });
      expect(cluster).toBe(`email_m2m_invite_single_01|${c.lang}`);
      clusters.add(cluster);
    }
    expect(clusters.size).toBe(3);
  });
});

describe('a note in a language without a pack, once the layout is learned', () => {
  it('is held as unsure, but the default note (learned from many inviters) and a bare greeting are drafted: none is filed as a note or lost', async () => {
    const cls = BLIND_CLASSES.find((c) => c.name.includes('without a pack'));
    // A mailbox of 100 such invitations, about 33 per language: enough inviters to learn from.
    const cases = generateBlind(cls as (typeof BLIND_CLASSES)[number], 100, 1);
    const learnedFrame = await learnFrom(cases);
    const results = new Map<string, number>();
    for (const c of cases) {
      const { notification: n } = await parseMail(c.raw, {
        trustedAuthservId: c.trustedAuthservId,
        learnedFrame,
      });
      const { result } = outcomeOf(c, n, classify(n, rules));
      const planted =
        { none: 'no note', bare: 'greeting', default: 'default note' }[c.planted as string] ??
        'note';
      const key = `${planted}: ${result}`;
      results.set(key, (results.get(key) ?? 0) + 1);
    }
    expect([...results.keys()].sort()).toEqual([
      'default note: drafted',
      'greeting: drafted',
      'no note: drafted',
      'note: unsure',
    ]);
  }, 30_000);
});

import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { watchConfig } from '../../src/config/watch.ts';
import { removeTempDirs, tempDir } from '../harness/tempDir.ts';

afterAll(removeTempDirs);

const config = (subject: string) => `
templates:
  where-we-met: { subject: "${subject}", body: "Hi {{firstName}}" }
  not-now: { subject: "Later", body: "No, {{firstName}}" }
rules:
  dailyDraftLimit: 7
`;

const TIMING = { intervalMs: 20, settleMs: 200 };

describe('watching the config file', () => {
  it('reads an edit once it is whole, not the half an editor has written so far', async () => {
    const file = join(tempDir('wwm-watch'), 'wherewemet.yaml');
    writeFileSync(file, config('Before'));
    const reloaded: Config[] = [];
    const rejected: unknown[] = [];
    const stop = watchConfig(
      file,
      { reloaded: (c) => reloaded.push(c), rejected: (e) => rejected.push(e) },
      TIMING,
    );
    try {
      // A first edit read back: the watcher holds the file's state from here on.
      writeFileSync(file, config('Between'));
      await vi.waitUntil(() => reloaded.length === 1, { timeout: 5_000, interval: 20 });

      // An editor that truncates and writes in two steps, a few polls apart.
      const edited = config('After');
      const cut = edited.indexOf('not-now');
      const fd = openSync(file, 'w');
      writeSync(fd, edited.slice(0, cut));
      await new Promise((r) => setTimeout(r, 5 * TIMING.intervalMs)); // the writer is slow
      writeSync(fd, edited.slice(cut));
      closeSync(fd);

      await vi.waitUntil(() => reloaded.length === 2, { timeout: 5_000, interval: 20 });
      expect(rejected).toEqual([]);
      expect(reloaded[1]?.templates['where-we-met']?.subject).toBe('After');
    } finally {
      stop();
    }
  });

  it('still rejects an edit that stays invalid, naming the key', async () => {
    const file = join(tempDir('wwm-watch'), 'wherewemet.yaml');
    writeFileSync(file, config('Before'));
    const rejected: unknown[] = [];
    const stop = watchConfig(
      file,
      { reloaded: () => undefined, rejected: (e) => rejected.push(e) },
      TIMING,
    );
    try {
      writeFileSync(file, config('Hello {{frstName}}'));
      await vi.waitUntil(() => rejected.length > 0, { timeout: 5_000, interval: 20 });
      expect(String((rejected[0] as { problems?: string[] }).problems)).toMatch(
        /templates\.where-we-met\.subject uses unknown variable \{\{frstName\}\}/,
      );
    } finally {
      stop();
    }
  });
});

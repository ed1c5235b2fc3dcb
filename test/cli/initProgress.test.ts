import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InitProgress } from '../../src/cli/initProgress.ts';
import { tempDir } from '../harness/tempDir.ts';

const configIn = () => join(tempDir('wwm-init-progress'), 'wherewemet', 'wherewemet.yaml');

describe("init's kept answers", () => {
  it('are written from the first answer, mode 0600 next to the config, and offered to the next run', async () => {
    const config = configIn();
    const first = await InitProgress.load(config);
    expect(first.resuming).toBe(false);
    expect(first.kept).toBe(false);
    await first.record('provider', 'gmail', { choice: true });
    await first.record('address', 'paul@gmail.com');
    expect(first.file).toBe(`${config}.init-progress.json`);
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);

    const next = await InitProgress.load(config);
    expect(next.resuming).toBe(true);
    expect(next.savedAnswer('address')).toBe('paul@gmail.com');
  });

  it('are not offered past a choice that changed, which leads to other questions', async () => {
    const config = configIn();
    const first = await InitProgress.load(config);
    await first.record('provider', 'gmail', { choice: true });
    await first.record('address', 'paul@gmail.com');
    await first.record('client-id', '1234-abc.apps.googleusercontent.com');

    const next = await InitProgress.load(config);
    await next.record('provider', 'outlook', { choice: true });
    expect(next.savedAnswer('client-id')).toBeUndefined();
    expect(JSON.parse(await readFile(next.file, 'utf8')).answers).toEqual({ provider: 'outlook' });
  });

  it('go once the config is written', async () => {
    const config = configIn();
    const progress = await InitProgress.load(config);
    await progress.record('provider', 'gmail', { choice: true });
    await progress.done();
    expect((await InitProgress.load(config)).resuming).toBe(false);
  });

  it('start afresh from a file that is not theirs to read', async () => {
    const config = configIn();
    const progress = await InitProgress.load(config);
    await progress.record('provider', 'gmail');
    await writeFile(progress.file, 'not json');
    expect((await InitProgress.load(config)).resuming).toBe(false);
  });
});

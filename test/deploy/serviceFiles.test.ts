// The systemd unit and the launchd agent start the same command with the config that `init`
// writes and the environment file the README names, and restart after a failure only.
import { readFileSync } from 'node:fs';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { userConfigPath } from '../../src/paths.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('deploy/systemd/wherewemet.service', () => {
  const settings = new Map(
    read('deploy/systemd/wherewemet.service')
      .split('\n')
      .filter((line) => /^[A-Za-z]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

  it('runs the worker with the config and environment file under ~/.config/wherewemet', () => {
    expect(settings.get('ExecStart')).toBe(
      '%h/wherewemet/bin/wherewemet run --config %h/.config/wherewemet/wherewemet.yaml',
    );
    // The file `init` writes when XDG_CONFIG_HOME is not set (a user unit does not set it).
    expect(settings.get('ExecStart')).toContain(` --config ${userConfigPath({}, '%h')}`);
    expect(settings.get('EnvironmentFile')).toBe('%h/.config/wherewemet/env');
    expect(settings.get('Restart')).toBe('on-failure');
    expect(settings.get('WantedBy')).toBe('default.target');
  });
});

describe('deploy/launchd/net.wherewemet.run.plist', () => {
  const doc = parseDocument(read('deploy/launchd/net.wherewemet.run.plist'), { xmlMode: true });
  /** The plist's top-level dict as key → the element after it. */
  const text = (node: unknown): string =>
    (node as { children?: unknown[]; data?: string }).data ??
    ((node as { children?: unknown[] }).children ?? []).map(text).join('');
  const elements = (node: unknown) =>
    ((node as { children?: unknown[] }).children ?? []).filter(
      (c): c is { name: string; children: unknown[] } => (c as { type: string }).type === 'tag',
    );
  const plist = elements(doc).find((e) => e.name === 'plist');
  const dict = plist && elements(plist).find((e) => e.name === 'dict');
  const entries = elements(dict);
  const value = (key: string) => {
    const at = entries.findIndex((e) => e.name === 'key' && text(e) === key);
    return at >= 0 ? entries[at + 1] : undefined;
  };

  it('is a well-formed plist that runs the same command, reading the same environment file', () => {
    expect(text(value('Label'))).toBe('net.wherewemet.run');
    const [shell, flag, line] = elements(value('ProgramArguments')).map(text);
    expect([shell, flag]).toEqual(['/bin/sh', '-c']);
    expect(line).toContain('. "$HOME/.config/wherewemet/env"');
    expect(line).toContain(
      'exec ./bin/wherewemet run --config "$HOME/.config/wherewemet/wherewemet.yaml"',
    );
    expect(line).toContain(`--config "${userConfigPath({}, '$HOME')}"`);
  });

  it('restarts after a failure, not after a clean stop', () => {
    const keepAlive = elements(value('KeepAlive'));
    expect(keepAlive.map((e) => (e.name === 'key' ? text(e) : e.name))).toEqual([
      'SuccessfulExit',
      'false',
    ]);
  });
});

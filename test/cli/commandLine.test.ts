import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellPath, shellWord, wherewemetCommand } from '../../src/cli/commandLine.ts';
import { PACKAGE_ROOT } from '../../src/paths.ts';

const home = '/home/paul';
const where = (invokedAs: string | undefined, cwd: string, path = '/usr/bin:/bin') => ({
  invokedAs,
  cwd,
  home,
  path,
});

describe('the command init prints to start wherewemet', () => {
  it('is ./bin/wherewemet in the repository, started through bin/', () => {
    expect(wherewemetCommand(where('./bin/wherewemet', '/home/paul/wherewemet'))).toBe(
      './bin/wherewemet',
    );
    expect(wherewemetCommand(where('bin/wherewemet', '/home/paul/wherewemet'))).toBe(
      './bin/wherewemet',
    );
  });

  it('is the path to bin/ from elsewhere, with ~ for the home directory', () => {
    expect(wherewemetCommand(where('wherewemet/bin/wherewemet', home))).toBe(
      './wherewemet/bin/wherewemet',
    );
    expect(wherewemetCommand(where('../wherewemet/bin/wherewemet', '/home/paul/other'))).toBe(
      '~/wherewemet/bin/wherewemet',
    );
    expect(wherewemetCommand(where('/opt/my tools/wherewemet/bin/wherewemet', '/tmp'))).toBe(
      "'/opt/my tools/wherewemet/bin/wherewemet'",
    );
  });

  it('is npx wherewemet where npx started it from node_modules/.bin', () => {
    expect(
      wherewemetCommand(
        where(
          '/home/paul/app/node_modules/.bin/wherewemet',
          '/home/paul/app',
          '/home/paul/app/node_modules/.bin:/usr/bin',
        ),
      ),
    ).toBe('npx wherewemet');
  });

  it('is wherewemet where the shell found it on the PATH', () => {
    expect(
      wherewemetCommand(where('/usr/local/bin/wherewemet', home, '/usr/local/bin:/usr/bin')),
    ).toBe('wherewemet');
    expect(wherewemetCommand(where('wherewemet', home))).toBe('wherewemet');
  });

  it("is this package's bin/ when bin/ did not start it (node, a test)", () => {
    expect(wherewemetCommand(where(undefined, PACKAGE_ROOT))).toBe('./bin/wherewemet');
    expect(wherewemetCommand(where(undefined, '/elsewhere'))).toBe(
      join(PACKAGE_ROOT, 'bin', 'wherewemet'),
    );
  });
});

describe('shell words', () => {
  it('quotes only what a shell would split or expand', () => {
    expect(shellWord('/a/b-c_d.yaml')).toBe('/a/b-c_d.yaml');
    expect(shellWord("it's $HOME")).toBe(`'it'\\''s $HOME'`);
    expect(shellPath('/home/paul/.config/wherewemet/wherewemet.yaml', home)).toBe(
      '~/.config/wherewemet/wherewemet.yaml',
    );
    expect(shellPath('/home/paulina/x', home)).toBe('/home/paulina/x');
  });
});

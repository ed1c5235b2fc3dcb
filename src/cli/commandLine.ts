/**
 * Commands to print for a person to run next, written so that they work from where that person
 * stands: `wherewemet` is on the PATH only after a global install, `npx wherewemet` only where
 * it is a dependency, and `./bin/wherewemet` only in this repository. bin/wherewemet says how it
 * was started (its $0) in WHEREWEMET_INVOKED_AS.
 */
import { delimiter, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../paths.ts';

export interface Where {
  /** bin/wherewemet's $0; absent when the CLI was started some other way (node, a test). */
  invokedAs: string | undefined;
  cwd: string;
  home: string;
  /** The PATH, to tell a command found on it from one given by its path. */
  path: string | undefined;
}

export function whereFromProcess(env: NodeJS.ProcessEnv, home: string): Where {
  return { invokedAs: env.WHEREWEMET_INVOKED_AS, cwd: process.cwd(), home, path: env.PATH };
}

/** How to start wherewemet again from `where.cwd`. */
export function wherewemetCommand(where: Where): string {
  const invokedAs = where.invokedAs ?? join(PACKAGE_ROOT, 'bin', 'wherewemet');
  // npx runs a dependency's bin from node_modules/.bin, which it puts on the PATH for that run.
  if (invokedAs.split('/').slice(-3, -1).join('/') === 'node_modules/.bin') return 'npx wherewemet';
  const script = resolve(where.cwd, invokedAs);
  const onPath = (where.path ?? '').split(delimiter).filter(Boolean);
  if (!invokedAs.includes('/') || onPath.includes(dirname(script))) return 'wherewemet';
  const fromHere = relative(where.cwd, script);
  return fromHere.startsWith('..') || isAbsolute(fromHere)
    ? shellPath(script, where.home)
    : `./${shellWord(fromHere)}`;
}

/** A path as a shell word, with ~ for the home directory where that makes it shorter. */
export function shellPath(path: string, home: string): string {
  if (home && path.startsWith(`${home}/`)) return `~/${shellWord(path.slice(home.length + 1))}`;
  return shellWord(path);
}

/** One word for a POSIX shell: as it is when it has no special character, else single-quoted. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

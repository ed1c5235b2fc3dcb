/**
 * Where wherewemet's own files are, and where its state goes by default. Found by walking up to package.json, so the same code works
 * from src/ under tsx (tests, development) and from dist/src/ once compiled.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** The config file `--config` defaults to, relative to the working directory. */
export const DEFAULT_CONFIG_PATH = 'config/wherewemet.yaml';

/** The config shipped with wherewemet, used when the default path is not in the working directory. */
export const SHIPPED_CONFIG_PATH = join(PACKAGE_ROOT, 'config', 'wherewemet.yaml');

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

type Env = Record<string, string | undefined>;

/** wherewemet's folder in an XDG base directory; the spec ignores a relative value. */
function xdgFolder(env: Env, variable: string, home: string, fallback: string[]): string {
  const set = env[variable];
  return join(set?.startsWith('/') ? set : join(home, ...fallback), 'wherewemet');
}

/** $XDG_STATE_HOME/wherewemet, or ~/.local/state/wherewemet (XDG base directory spec). */
export function defaultStateDir(env: Env, home: string): string {
  return xdgFolder(env, 'XDG_STATE_HOME', home, ['.local', 'state']);
}

/**
 * Where `init` writes a person's config: $XDG_CONFIG_HOME/wherewemet, or ~/.config/wherewemet,
 * which is what the systemd unit and the launchd agent read.
 */
export function userConfigPath(env: Env, home: string): string {
  return join(xdgFolder(env, 'XDG_CONFIG_HOME', home, ['.config']), 'wherewemet.yaml');
}

/** `wherewemet check-config`: validate the config file; every problem on its own line. */
import { requireRedisUrl, resolveAccounts } from '../config/accounts.ts';
import { loadConfig, resolveConfigPath } from '../config/load.ts';
import { ConfigError } from '../errors.ts';
import { fail } from './output.ts';

export async function checkConfigCommand(options: { configPath: string }): Promise<void> {
  const path = resolveConfigPath(options.configPath);
  try {
    const config = await loadConfig(path);
    process.stdout.write(`${path}: valid\n`);
    for (const check of [() => resolveAccounts(config), () => requireRedisUrl(config)]) {
      try {
        check();
      } catch (err) {
        // Not an error of the file: `parse` and `preview` need no connection, and IMAP_URL may come later.
        if (!(err instanceof ConfigError)) throw err;
        for (const problem of err.problems)
          process.stderr.write(`note: ${problem} (needed by run)\n`);
      }
    }
  } catch (err) {
    fail(err);
  }
}

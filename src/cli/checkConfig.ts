/** `wherewemet check-config`: validate the config file; every problem on its own line. */
import { resolveAccounts } from '../config/accounts.ts';
import { loadConfig, resolveConfigPath } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { ConfigError } from '../errors.ts';
import { fail } from '../terminal/output.ts';

export async function checkConfigCommand(options: { configPath: string }): Promise<void> {
  const path = resolveConfigPath(options.configPath);
  try {
    const config = await loadConfig(path);
    process.stdout.write(`${path}: valid\n`);
    const unsigned = myNameWarning(config);
    if (unsigned) process.stderr.write(`warning: ${unsigned}\n`);
    try {
      resolveAccounts(config);
    } catch (err) {
      // Not an error of the file: `parse` and `preview` need no connection, and IMAP_URL may come later.
      if (!(err instanceof ConfigError)) throw err;
      for (const problem of err.problems)
        process.stderr.write(`note: ${problem} (needed by run)\n`);
    }
  } catch (err) {
    fail(err);
  }
}

const MY_NAME = /\{\{\{?\s*&?\s*myName\s*\}?\}\}/;

/** Templates that sign with {{myName}} while me.name is unset end every draft unsigned. */
export function myNameWarning(config: Config): string | null {
  if (config.me.name?.trim()) return null;
  const signing = Object.entries(config.templates)
    .filter(([, t]) =>
      [t, ...Object.values(t.languages)].some((text) =>
        [text.subject, text.body, text.html ?? ''].some((part) => MY_NAME.test(part)),
      ),
    )
    .map(([name]) => name);
  if (signing.length === 0) return null;
  const which =
    signing.length > 1 ? `templates ${signing.join(', ')} use` : `template ${signing[0]} uses`;
  return `me.name is not set, but the ${which} {{myName}}: every draft would end without your name. Set me.name.`;
}

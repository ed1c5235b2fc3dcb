/**
 * `wherewemet run [--once]`: the entry point of the service. Loads the config, starts the
 * service, and turns SIGTERM/SIGINT into a clean stop (a second signal exits at once).
 */

import { fail } from '../src/cli/output.ts';
import { DEFAULT_ACCOUNT_ID } from '../src/config/accounts.ts';
import { loadConfig, resolveConfigPath } from '../src/config/load.ts';
import { createLogger } from '../src/log.ts';
import { runService } from '../src/service/run.ts';

export async function runCommand(options: { once: boolean; configPath: string }): Promise<void> {
  const log = createLogger();
  let signals = 0;
  let stop = () => {};
  const stopSignal = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(130); // a second signal means "now"
    log.info({ signal }, 'stopping');
    stop();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    const config = await loadConfig(options.configPath);
    const summary = await runService({
      config,
      configPath: resolveConfigPath(options.configPath),
      log,
      once: options.once,
      stopSignal,
    });
    // One line per account that could not be worked; the account is named when there are several.
    for (const { account, reason } of summary.failed)
      fail(account === DEFAULT_ACCOUNT_ID ? reason : `account ${account}: ${reason}`);
  } catch (err) {
    fail(err);
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}

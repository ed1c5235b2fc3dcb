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
  try {
    const config = await loadConfig(options.configPath);
    const stopSignal = new Promise<void>((resolve) => {
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals) => {
        signals++;
        if (signals > 1) process.exit(130);
        log.info({ signal }, 'stopping');
        resolve();
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    });
    const summary = await runService({
      config,
      configPath: resolveConfigPath(options.configPath),
      log,
      once: options.once,
      stopSignal,
    });
    // Whatever still holds the event loop (a connection that would not close) gets 5 s.
    setTimeout(() => process.exit(), 5000).unref();
    // One line per account that could not be worked; the account is named when there are several.
    for (const { account, reason } of summary.failed)
      fail(account === DEFAULT_ACCOUNT_ID ? reason : `account ${account}: ${reason}`);
  } catch (err) {
    fail(err);
  }
}

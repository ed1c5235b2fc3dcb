/** `wherewemet run [--once]`: load and check the config, then hand over to the service. */

import { fail } from '../src/cli/output.ts';
import { loadConfig, requireConnection, resolveConfigPath } from '../src/config/load.ts';
import { createLogger } from '../src/log.ts';
import { runService } from '../src/service/runService.ts';

export async function runCommand(options: { once: boolean; configPath: string }): Promise<void> {
  const log = createLogger();
  try {
    const config = await loadConfig(options.configPath);
    const connection = requireConnection(config);
    const stopSignal = new Promise<void>((resolve) => {
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals) => {
        signals++;
        if (signals > 1) process.exit(130); // a second signal means "now"
        log.info({ signal }, 'stopping');
        resolve();
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    });
    const summary = await runService({
      config,
      configPath: resolveConfigPath(options.configPath),
      connection,
      log,
      once: options.once,
      stopSignal,
    });
    if (options.once) {
      log.info(
        { queued: summary.queued, failed: summary.failed.length, deferred: summary.deferred },
        'done',
      );
      if (summary.failed.length > 0) {
        const first = summary.failed[0];
        fail(`${summary.failed.length} job(s) failed; first: ${first?.reason ?? 'unknown'}`);
      }
    }
  } catch (err) {
    fail(err);
  }
}

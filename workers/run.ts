/**
 * `wherewemet run [--once]`: the entry point of the service. Loads the config, finds (or starts)
 * its Redis, starts the service with its progress display and metrics, and turns SIGTERM/SIGINT
 * into a clean stop (a second signal exits at once).
 */

import { dirname } from 'node:path';
import { secureStateDir } from '../src/auth/tokenStore.ts';
import { DEFAULT_ACCOUNT_ID, tokenStoreFor } from '../src/config/accounts.ts';
import { loadConfig, resolveConfigPath } from '../src/config/load.ts';
import { createLogger } from '../src/log.ts';
import type { startMetrics } from '../src/metrics/server.ts';
import { runService } from '../src/service/run.ts';
import { redisForRun } from '../src/store/localRedis.ts';
import { fail } from '../src/terminal/output.ts';
import { startProgress } from '../src/terminal/progress.ts';

export async function runCommand(options: { once: boolean; configPath: string }): Promise<void> {
  // On a terminal, log lines and progress bars share stderr. Bars and metrics are loaded only
  // when used: an idle service should not carry what it does not use.
  const terminal = process.stderr.isTTY
    ? new (await import('../src/terminal/terminal.ts')).Terminal(process.stderr)
    : null;
  const log = createLogger(terminal ? { terminal } : {});
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
  const progress = startProgress({ log, terminal });
  let metrics: Awaited<ReturnType<typeof startMetrics>> | null = null;
  try {
    const config = await loadConfig(options.configPath);
    // The token store and our Redis's data live there: a directory left open to others is closed.
    await secureStateDir(dirname(tokenStoreFor(config).file), log, { create: false });
    const redis = await redisForRun(config, log);
    metrics =
      config.metrics.port === null
        ? null
        : await (await import('../src/metrics/server.ts')).startMetrics(config.metrics, log);
    const summary = await runService({
      config,
      configPath: resolveConfigPath(options.configPath),
      log,
      once: options.once,
      stopSignal,
      redis,
      quietLog: progress.busy,
      subscribe(events, view) {
        progress.subscribe(events);
        metrics?.subscribe(events, view);
      },
    });
    progress.stop();
    // One line per account that could not be worked; the account is named when there are several.
    for (const { account, reason } of summary.failed)
      fail(account === DEFAULT_ACCOUNT_ID ? reason : `account ${account}: ${reason}`);
  } catch (err) {
    fail(err);
  } finally {
    progress.stop();
    await metrics?.close();
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}

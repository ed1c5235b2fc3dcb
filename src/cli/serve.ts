/**
 * `wherewemet serve`: the local review page. Listens on 127.0.0.1 unless the config says
 * otherwise, and prints the address with its access token on stderr.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { requireSmtp } from '../config/accounts.ts';
import { ConfigError } from '../errors.ts';
import { openLifecycle } from '../lifecycle/open.ts';
import { createLogger } from '../log.ts';
import { reviewApp } from '../review/app.ts';
import { reviewFunctions } from '../review/data.ts';
import { queueBoard } from '../review/queueBoard.ts';
import { smtpSender } from '../smtp/sendApproved.ts';
import { fail } from './output.ts';

export async function serveCommand(options: { configPath: string; port?: number }): Promise<void> {
  const log = createLogger();
  try {
    const lifecycle = await openLifecycle(options.configPath, log);
    const { config } = lifecycle;
    if (!config.smtp.url) {
      await lifecycle.close();
      throw new ConfigError([
        'smtp.url: required to approve drafts (set it in the config file or give SMTP_URL)',
      ]);
    }
    const token = config.review.token ?? randomBytes(24).toString('base64url');
    const board = queueBoard(lifecycle.redis, lifecycle.bullPrefix, '/queues');
    const app = reviewApp({
      token,
      ...reviewFunctions(
        lifecycle,
        smtpSender(config.smtp.url, requireSmtp(lifecycle.account, config).credentials),
      ),
      queues: board.app,
    });
    const server = serve(
      { fetch: app.fetch, hostname: config.review.host, port: options.port ?? config.review.port },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        const login = `http://${host}:${info.port}/login?token=${encodeURIComponent(token)}`;
        process.stderr.write(`wherewemet: review page at ${login}\n`);
      },
    );
    server.on('error', (err: NodeJS.ErrnoException) => {
      fail(`review page cannot listen on ${config.review.host}: ${err.code ?? err.message}`);
      void board.close().finally(() => lifecycle.close());
    });
    const stop = () => {
      server.close();
      void board.close().finally(() => lifecycle.close());
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (err) {
    fail(err);
  }
}

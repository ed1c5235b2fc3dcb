/**
 * The review page's server, for `wherewemet serve` and the demo. Listens on 127.0.0.1 unless the
 * config or --host says otherwise (beyond loopback only with review.tls or review.allowRemote),
 * and hands out one-time sign-in links. Without SMTP settings everything but approving works.
 */
import { readFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { serve } from '@hono/node-server';
import { requireSmtp } from '../config/accounts.ts';
import { loadConfig, resolveConfigPath } from '../config/load.ts';
import { ConfigError } from '../errors.ts';
import { openLifecycle } from '../lifecycle/open.ts';
import type { Logger } from '../log.ts';
import { isLoopback } from '../net/loopback.ts';
import { smtpSender } from '../smtp/sendApproved.ts';
import { reviewApp } from './app.ts';
import { reviewFunctions } from './data.ts';
import { isWildcard, linkHost, listenRefusal } from './listen.ts';
import { queueBoard } from './queueBoard.ts';

/** How long requests in flight may take to finish once `serve` is told to stop. */
const STOP_GRACE_MS = 3000;

export interface ReviewOptions {
  configPath: string;
  port?: number;
  host?: string;
  allowRemote?: boolean;
  /** The account to review; the config's first by default. */
  account?: string;
}

export interface ReviewServer {
  /** The one-time sign-in link. */
  link: string;
  /** Another one-time sign-in link (another browser, a phone), without a restart. */
  newLink(): string;
  /** The account whose drafts it shows. */
  account: string;
  /** Approving works (there are SMTP settings). */
  canSend: boolean;
  /** Stops listening and closes its connections; requests in flight get a few seconds. */
  stop(): Promise<void>;
}

/**
 * Each line on stdin (Enter on the terminal) prints a new one-time sign-in link: opening the page
 * on another browser or a phone needs no restart. stdin at its end (a service's /dev/null) offers
 * nothing. Returns what stops listening, so that stdin holds the process no longer.
 */
export function offerNewLinks(newLink: () => string, print: (link: string) => void): () => void {
  const lines = createInterface({ input: process.stdin, terminal: false });
  lines.on('line', () => print(newLink()));
  return () => {
    lines.close();
    process.stdin.pause();
  };
}

/** The review page, listening once this resolves (`wherewemet serve`, and the demo). */
export async function startReview(options: ReviewOptions, log: Logger): Promise<ReviewServer> {
  // Where and how to listen is settled before anything connects.
  const { review } = await loadConfig(options.configPath);
  const host = options.host ?? review.host;
  const tls = await readTls(resolveConfigPath(options.configPath), review.tls);
  const refusal = listenRefusal(host, {
    tls: tls !== null,
    allowRemote: options.allowRemote === true || review.allowRemote,
  });
  if (refusal) throw new ConfigError([refusal]);
  const lifecycle = await openLifecycle(options.configPath, log, { account: options.account });
  const { config } = lifecycle;
  const board = queueBoard(lifecycle.draftQueue, '/queues');
  const release = () => board.close().finally(() => lifecycle.close());
  const smtp = lifecycle.account.smtp.url ? requireSmtp(lifecycle.account, config) : null;
  const send = smtp ? smtpSender(smtp.url, smtp.credentials, smtp) : null;
  const { app, issueLoginCode } = reviewApp({
    token: review.token,
    sessionMs: review.sessionHours * 3600 * 1000,
    allowedHosts: [...review.allowedHosts, ...(isWildcard(host) || isLoopback(host) ? [] : [host])],
    secure: tls !== null,
    ...(await reviewFunctions(lifecycle, send)),
    queues: board.app,
    log,
  });
  const listening = { fetch: app.fetch, host, port: options.port ?? review.port, tls };
  const bound = await listen(listening, log, release);
  const scheme = tls ? 'https' : 'http';
  const newLink = () =>
    `${scheme}://${linkHost(host)}:${bound.port}/login?code=${issueLoginCode()}`;
  return {
    link: newLink(),
    newLink,
    account: lifecycle.account.id,
    canSend: send !== null,
    stop: () => stopServing(bound.server, release),
  };
}

type Server = ReturnType<typeof serve>;

/**
 * Listens on `host:port` (HTTPS with `tls`); resolves with the port it got. If it cannot listen,
 * `release` frees what the page opened before the error says why.
 */
function listen(
  where: {
    fetch: Parameters<typeof serve>[0]['fetch'];
    host: string;
    port: number;
    tls: { cert: Buffer; key: Buffer } | null;
  },
  log: Logger,
  release: () => Promise<unknown>,
): Promise<{ server: Server; port: number }> {
  const { fetch, host, port, tls } = where;
  return new Promise((resolve, reject) => {
    const listening = (info: AddressInfo) => resolve({ server, port: info.port });
    const server = tls
      ? serve(
          {
            fetch,
            hostname: host,
            port,
            createServer: createHttpsServer,
            serverOptions: tls,
          },
          listening,
        )
      : serve({ fetch, hostname: host, port }, listening);
    server.on('error', (err: NodeJS.ErrnoException) => {
      if (server.listening) {
        log.warn({ err: err.message }, 'review page: server error');
        return;
      }
      const hint =
        err.code === 'EADDRINUSE'
          ? ' (another `wherewemet serve`? give --port, or --port 0 for any free port)'
          : '';
      void release().finally(() =>
        reject(
          new Error(
            `review page cannot listen on ${host}:${port}: ${err.code ?? err.message}${hint}`,
          ),
        ),
      );
    });
  });
}

/**
 * Requests in flight finish first; connections a browser keeps busy (the queue board polls) are
 * cut after a few seconds, so that stopping takes a bounded time. Then `release`.
 */
function stopServing(server: Server, release: () => Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve) => {
    const cut = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, STOP_GRACE_MS);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      void release().finally(resolve);
    });
  });
}

/** review.tls's certificate and key, read relative to the config file; null without them. */
async function readTls(
  configFile: string,
  tls: { cert: string | null; key: string | null },
): Promise<{ cert: Buffer; key: Buffer } | null> {
  if (!tls.cert || !tls.key) return null;
  const read = async (key: 'cert' | 'key', path: string) =>
    readFile(resolve(dirname(configFile), path)).catch((err: NodeJS.ErrnoException) => {
      throw new ConfigError([
        `review.tls.${key}: cannot read ${path} (${err.code ?? err.message})`,
      ]);
    });
  return { cert: await read('cert', tls.cert), key: await read('key', tls.key) };
}

/**
 * `/metrics` over HTTP for Prometheus, on metrics.host:metrics.port (loopback by default). The
 * port is taken before anything else starts, so that a clash is one clear line at start.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/schema.ts';
import { ConfigError } from '../errors.ts';
import type { Events } from '../events.ts';
import type { Logger } from '../log.ts';
import type { ServiceView } from '../service/run.ts';
import { serviceMetrics } from './metrics.ts';

export interface MetricsServer {
  url: string;
  subscribe(events: Events, view: ServiceView): void;
  close(): Promise<void>;
}

export async function startMetrics(
  settings: Config['metrics'],
  log: Logger,
): Promise<MetricsServer> {
  const metrics = serviceMetrics(log);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${err.message}\n`),
    );
  });
  const port = settings.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const where = `${settings.host}:${port}`;
      reject(
        new ConfigError([
          err.code === 'EADDRINUSE'
            ? `metrics.port: ${where} is already in use (another wherewemet run?): choose another port, or 0 for any free one`
            : `metrics.host: cannot listen on ${where} (${err.code ?? err.message})`,
        ]),
      );
    });
    server.listen(port, settings.host, resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = `http://${host}:${bound}/metrics`;
  log.info({ url }, `metrics at ${url}`);
  return {
    url,
    subscribe: metrics.subscribe,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

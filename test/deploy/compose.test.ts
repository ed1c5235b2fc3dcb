// docker-compose.yml read as Docker Compose reads it (no Docker engine here; YAML merge keys as
// Compose takes them): the state volume, the secret and OAuth2 settings passed through,
// everything published on loopback only, healthchecks, and the "cluster" profile's Redis Cluster
// and worker. The Dockerfile prepares the volume's mount point for the unprivileged user.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface Service {
  command?: string[];
  profiles?: string[];
  hostname?: string;
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const { worker, review } = compose.services as { worker: Service; review: Service };
const workerCluster = compose.services['worker-cluster'] as Service;

/** "${NAME:-default}" → what Compose puts there with an empty .env. */
const interpolate = (value: string) =>
  value.replace(/\$\{([A-Z_]+)(?::?-([^}]*))?\}/g, (_m, _name, fallback = '') => fallback);

describe('docker-compose.yml', () => {
  it('keeps the token store (state.dir) in a named volume that the worker and the page share', () => {
    for (const service of [worker, review, workerCluster]) {
      expect(service.environment?.XDG_STATE_HOME).toBe('/state');
      expect(service.volumes).toContain('wherewemet-state:/state');
    }
    expect(Object.keys(compose.volumes)).toContain('wherewemet-state');
    // state.dir null: $XDG_STATE_HOME/wherewemet, so nothing in the config has to change.
    expect(parse(read('config/wherewemet.yaml')).state.dir).toBeNull();
    expect(read('Dockerfile')).toMatch(/mkdir -p \/state && chown node:node \/state\nUSER node/);
  });

  it('passes the secret and the OAuth2 settings through, and needs no IMAP_URL with OAuth2', () => {
    for (const service of [worker, review, workerCluster]) {
      const env = service.environment ?? {};
      for (const name of [
        'WHEREWEMET_SECRET',
        'OAUTH2_CLIENT_ID',
        'OAUTH2_CLIENT_SECRET',
        'OAUTH2_REFRESH_TOKEN',
      ])
        expect(env[name]).toBe(`\${${name}:-}`);
      expect(env.IMAP_URL).toBe(`\${IMAP_URL:-}`);
    }
    expect(worker.environment?.SMTP_URL).toBeUndefined();
  });

  it('publishes the review page and the metrics on 127.0.0.1 only', () => {
    const published = Object.entries(compose.services).flatMap(([name, s]) =>
      (s.ports ?? []).map((p) => [name, interpolate(p)]),
    );
    expect(published).toEqual([
      ['worker', '127.0.0.1:9464:9464'],
      ['review', '127.0.0.1:8025:8025'],
      // The cluster profile's worker, started instead of `worker`.
      ['worker-cluster', '127.0.0.1:9464:9464'],
    ]);
    // Inside the container the worker's metrics listen where the mapping reaches them.
    const env = Object.fromEntries(
      Object.entries(worker.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]),
    );
    const templates =
      'templates:\n  where-we-met: { subject: s, body: b }\n  not-now: { subject: s, body: b }\n';
    expect(parseConfig(templates, 'compose', env).metrics).toEqual({
      host: '0.0.0.0',
      port: 9464,
    });
  });

  it('checks the worker with `wherewemet status` and the page by asking it', () => {
    expect(worker.healthcheck?.test).toEqual(['CMD', './bin/wherewemet', 'status', '--json']);
    const [cmd, node, flag, script] = review.healthcheck?.test ?? [];
    expect([cmd, node, flag]).toEqual(['CMD', 'node', '-e']);
    expect(script).toBe(
      "fetch('http://127.0.0.1:8025/login').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
    );
  });

  it('starts a Redis Cluster of six nodes and a worker on it with the "cluster" profile', () => {
    const inProfile = Object.entries(compose.services)
      .filter(([, s]) => s.profiles?.includes('cluster'))
      .map(([name]) => name);
    const nodes = inProfile.filter((name) => name.startsWith('redis-node-'));
    expect(nodes).toHaveLength(6);
    for (const name of nodes) {
      const node = compose.services[name] as Service;
      // Each announces its own hostname, which the compose network resolves, to clients.
      expect(node.hostname).toBe(name);
      expect(node.command?.join(' ')).toMatch(
        /--cluster-enabled yes .*--maxmemory-policy noeviction .*--cluster-announce-hostname "\$\$\(hostname\)" --cluster-preferred-endpoint-type hostname/,
      );
      expect(node.volumes).toEqual([`${name}:/data`]);
      expect(Object.keys(compose.volumes)).toContain(name);
    }
    const create = compose.services['redis-cluster-create'] as Service;
    expect(create.command?.at(-1)).toContain(
      `--cluster create ${nodes.map((n) => `${n}:6379`).join(' ')} --cluster-replicas 1 --cluster-yes`,
    );
    expect(Object.keys(create.depends_on ?? {}).sort()).toEqual([...nodes].sort());
    expect(workerCluster.depends_on).toEqual({
      'redis-cluster-create': { condition: 'service_completed_successfully' },
    });
    // The worker's config then names the cluster and no single Redis.
    const env = Object.fromEntries(
      Object.entries(workerCluster.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]),
    );
    const templates =
      'templates:\n  where-we-met: { subject: s, body: b }\n  not-now: { subject: s, body: b }\n';
    const { redis } = parseConfig(templates, 'compose', env);
    expect(redis.url).toBeNull();
    expect(redis.clusterNodes?.map((url) => new URL(url).hostname)).toEqual(
      nodes.filter((_, i) => i < 3),
    );
    // Everything else as the single-Redis worker has it.
    expect({ ...workerCluster.environment, REDIS_URL: '', REDIS_CLUSTER_NODES: '' }).toEqual({
      ...worker.environment,
      REDIS_URL: '',
      REDIS_CLUSTER_NODES: '',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { redisTargetOf, resolveAccounts } from '../../src/config/accounts.ts';
import { parseConfig, parseImapUrl } from '../../src/config/load.ts';
import { ConfigError } from '../../src/errors.ts';

const problems = (yaml: string, env: Record<string, string> = {}): string[] => {
  try {
    parseConfig(yaml, 'test.yaml', env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

const TEMPLATES = `
templates:
  where-we-met: { subject: "Hi", body: "Hi {{firstName}}" }
  not-now: { subject: "Hi", body: "No, {{firstName}}" }
`;

describe('config loading', () => {
  it('gives every default with an almost empty file', () => {
    const config = parseConfig(TEMPLATES, 'test.yaml', {});
    expect(config.mailboxes).toMatchObject({ inbox: 'INBOX', drafts: null });
    expect(config.sync.lookbackDays).toBe(30);
    expect(config.rules.actions['no-context']).toBe('where-we-met');
    expect(config.imap.tlsRejectUnauthorized).toBe(true);
  });

  it('names the key, the value and what was expected', () => {
    expect(problems(`${TEMPLATES}\nsync: { lookbackDays: "thirty" }`)).toEqual([
      'test.yaml: sync.lookbackDays: expected number, received string (got "thirty")',
    ]);
    expect(problems(`${TEMPLATES}\nmailboxes: { inbx: INBOX }`)).toEqual([
      'test.yaml: mailboxes: unknown key "inbx": did you mean "inbox"?',
    ]);
  });

  it('reports every problem of a file in one run, the templates’ beside the others', () => {
    const yaml = `
templates:
  where-we-met: { subject: "Hi", body: "Hi {{frstName}}" }
  not-now: { subject: "Hi", body: "No, {{firstName}}" }
rules: { dailyDraftLimt: 5 }
sync: { lookbackDays: "thirty" }
imap: { host: "\${IMAP_HOST}" }
mailboxes: { inbx: INBOX, sentt: Sent }
`;
    expect(problems(yaml)).toEqual([
      'test.yaml: imap.host: environment variable IMAP_HOST is not set',
      'test.yaml: mailboxes: unknown key "inbx": did you mean "inbox"?',
      'test.yaml: mailboxes: unknown key "sentt": did you mean "sent"?',
      'test.yaml: sync.lookbackDays: expected number, received string (got "thirty")',
      'test.yaml: rules: unknown key "dailyDraftLimt": did you mean "dailyDraftLimit"?',
      'test.yaml: templates.where-we-met.body uses unknown variable {{frstName}}: did you mean {{firstName}}?',
    ]);
  });

  it('lists the keys it knows where no known key is near an unknown one', () => {
    const [problem] = problems(`${TEMPLATES}\nstate: { where: /tmp }`);
    expect(problem).toBe('test.yaml: state: unknown key "where" (known keys here: dir)');
    const [inAccount] = problems(
      `${TEMPLATES}\naccounts:\n  - { id: work, imap: { url: "imap://a:b@h" }, rules: { pausd: true } }`,
    );
    expect(inAccount).toBe(
      'test.yaml: accounts.0.rules: unknown key "pausd": did you mean "paused"?',
    );
  });

  it('reports a YAML syntax error with line and column', () => {
    const [problem] = problems('imap:\n  host: [unclosed\nredis: {}\n');
    expect(problem).toMatch(/^test\.yaml:\d+:\d+: YAML syntax error/);
  });

  it('reads environment variable references and names the key when the variable is unset', () => {
    const yaml = `${TEMPLATES}\nimap: { host: mail.example.com, user: me, password: "\${IMAP_PASSWORD}" }`;
    expect(parseConfig(yaml, 'test.yaml', { IMAP_PASSWORD: 's3cret' }).imap.password).toBe(
      's3cret',
    );
    expect(problems(yaml)).toEqual([
      'test.yaml: imap.password: environment variable IMAP_PASSWORD is not set',
    ]);
  });

  it('never echoes a secret value in an error', () => {
    const found = problems(`${TEMPLATES}\nimap: { password: 12345 }`);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('imap.password');
    expect(found[0]).not.toContain('12345');
  });

  it('rejects a template with an unknown variable, naming it and where it is', () => {
    const yaml = `templates:\n  where-we-met: { subject: "Hi", body: "Hi {{fristName}}" }\n  not-now: { subject: "x", body: "y" }`;
    expect(problems(yaml)).toEqual([
      expect.stringMatching(
        /^test\.yaml: templates\.where-we-met\.body uses unknown variable \{\{fristName\}\}/,
      ),
    ]);
  });

  it('rejects an action naming a template that does not exist', () => {
    const yaml = `${TEMPLATES}\nrules: { actions: { pitch: polite-no } }`;
    expect(problems(yaml)).toEqual([
      'test.yaml: rules.actions.pitch: names template "polite-no", which is not defined under templates',
    ]);
  });

  it('lets IMAP_URL and REDIS_URL replace the connection settings', async () => {
    const env = {
      IMAP_URL: 'imaps://me%40example.com:p%40ss@imap.example.com',
      REDIS_URL: 'redis://r:6379',
    };
    const config = parseConfig(TEMPLATES, 'test.yaml', env);
    const [account, ...others] = resolveAccounts(config);
    expect(others).toEqual([]);
    expect(account?.id).toBe('default');
    const imap = account?.imap;
    expect({ ...imap, credentials: undefined }).toEqual({
      host: 'imap.example.com',
      port: 993,
      secure: true,
      user: 'me@example.com',
      credentials: undefined,
      tlsRejectUnauthorized: true,
      allowPlaintext: false,
      idleRestartSeconds: 300,
      provider: null,
    });
    expect(await imap?.credentials.login()).toEqual({ user: 'me@example.com', pass: 'p@ss' });
    expect(config.redis.url).toBe('redis://r:6379');
  });

  it('takes a Redis Cluster from redis.clusterNodes or REDIS_CLUSTER_NODES', () => {
    const fromFile = parseConfig(
      `${TEMPLATES}\nredis: { clusterNodes: [redis://10.0.0.1:7000, redis://10.0.0.2:7000] }`,
      'test.yaml',
      {},
    );
    expect(redisTargetOf(fromFile)).toEqual({
      kind: 'cluster',
      nodes: ['redis://10.0.0.1:7000', 'redis://10.0.0.2:7000'],
    });
    // The environment replaces the file's Redis, whichever kind it names.
    const fromEnv = parseConfig(`${TEMPLATES}\nredis: { url: redis://r:6379 }`, 'test.yaml', {
      REDIS_CLUSTER_NODES: 'redis://a:7000, redis://b:7001,',
    });
    expect(redisTargetOf(fromEnv)).toEqual({
      kind: 'cluster',
      nodes: ['redis://a:7000', 'redis://b:7001'],
    });
    const single = parseConfig(
      `${TEMPLATES}\nredis: { clusterNodes: [redis://a:7000] }`,
      'test.yaml',
      {
        REDIS_URL: 'redis://r:6379',
      },
    );
    expect(redisTargetOf(single)).toEqual({ kind: 'single', url: 'redis://r:6379' });
  });

  it('says what is wrong with a cluster setting, without echoing a password', () => {
    expect(
      problems(`${TEMPLATES}\nredis: { url: redis://r:6379, clusterNodes: [redis://a:7000] }`),
    ).toEqual([
      'test.yaml: redis.clusterNodes: set either redis.url (a single Redis) or redis.clusterNodes (a Redis Cluster), not both; REDIS_URL sets the first, REDIS_CLUSTER_NODES the second',
    ]);
    expect(problems(`${TEMPLATES}\nredis: { clusterNodes: [] }`)).toEqual([
      'test.yaml: redis.clusterNodes: list at least one node of the cluster, or null for a single Redis',
    ]);
    expect(
      problems(TEMPLATES, { REDIS_CLUSTER_NODES: 'http://u:secret@a:7000,redis://b' }),
    ).toEqual([
      'test.yaml: redis.clusterNodes.0: must be redis://host:port or rediss://host:port (user and password URL-encoded)',
      'test.yaml: redis.clusterNodes.1: must be redis://host:port or rediss://host:port (user and password URL-encoded)',
    ]);
    expect(
      problems(TEMPLATES, { REDIS_URL: 'redis://r:6379', REDIS_CLUSTER_NODES: 'redis://a:7000' }),
    ).toEqual([
      'REDIS_URL and REDIS_CLUSTER_NODES are both set: set REDIS_URL for a single Redis, or REDIS_CLUSTER_NODES for a Redis Cluster',
    ]);
  });

  it('says what is missing to connect', () => {
    const config = parseConfig(TEMPLATES, 'test.yaml', {});
    expect(() => resolveAccounts(config)).toThrow(/imap\.host: required/);
  });

  it('refuses an IMAP_URL it cannot use', () => {
    expect(() => parseImapUrl('http://x')).toThrow(/imap:\/\/ or imaps:\/\//);
    expect(() => parseImapUrl('imap://host-only')).toThrow(/must name a user/);
    expect(parseImapUrl('imap://u:p@h')).toMatchObject({ port: 143, secure: false });
  });
});

/**
 * Which module may import which (`npm run lint` runs this after Biome; .ci/run runs lint).
 *
 * The code is in four rings, one folder per concern. An import goes inward only:
 *
 *   faces     src/cli, src/review, src/demo, src/metrics, src/terminal, workers/
 *     ↓       (what people and other programs see: commands, pages, metrics, entry points)
 *   flows     src/sync, src/pipeline, src/lifecycle, src/queue, src/service, src/status
 *     ↓       (what happens to an account, a message, a draft, step after step)
 *   adapters  src/imap, src/store, src/auth, src/smtp, src/servers, src/dns, src/config
 *     ↓       (one outside system each: IMAP, Redis, OAuth, SMTP, DNS, daemons, config files)
 *   core      src/parse, src/classify, src/draft, src/answer, src/decide
 *             (pure: reads mail, decides and writes text; no I/O)
 *
 * Flows call adapters, and adapters declare the interfaces they offer (LifecycleMailbox…), so
 * adapters sit below flows. Beside the rings, shared leaves anyone may import: src/errors.ts,
 * log.ts, text.ts, paths.ts, backoff.ts, events.ts, repeat.ts, src/net/ (is this address this machine) and
 * the config's declared shape (config/schema.ts, config/providers.ts); they import only each other.
 * Faces keep apart: only cli/ and demo/ start the review page (review/server.ts), and all may
 * use terminal/. Every module under src/ is in a ring or a shared leaf. Also: no import cycles;
 * src/ never imports workers/ or bench/.
 * The never-sends property (the worker reaches no SMTP code) is a test of its own:
 * test/architecture/neverSends.test.ts.
 */
const SHARED =
  '^src/(errors|log|text|paths|backoff|events|repeat)[.]ts$|^src/net/|^src/config/(schema|providers)[.]ts$';
const CORE = '^src/(parse|classify|draft|answer|decide)/';
const ADAPTERS = '^src/(imap|store|auth|smtp|servers|dns|config)/';
const FLOWS = '^src/(sync|pipeline|lifecycle|queue|service|status)/';
const FACES = '^src/(cli|review|demo|metrics|terminal)/|^workers/';
/** What talks to the world: sockets, files, processes, DNS, and the clients built on them. */
const IO =
  '^(fs|fs/promises|net|http|https|http2|tls|dns|dns/promises|dgram|child_process|worker_threads|readline)$|' +
  'node_modules/(ioredis|imapflow|bullmq|mailauth|@hono/node-server|prom-client)/|' +
  'node_modules/nodemailer/lib/(smtp|xoauth)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle means two modules are one; merge them or move the shared part out.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-entry-points',
      severity: 'error',
      comment: 'src/ is the service; workers/ and bench/ are entry points that use it.',
      from: { path: '^src/' },
      to: { path: '^(workers|bench)/' },
    },
    {
      name: 'shared-leaves-import-only-leaves',
      severity: 'error',
      comment: 'Everyone may import a shared leaf because it imports nothing of the rings.',
      from: { path: SHARED },
      to: { path: '^(src|workers)/', pathNot: SHARED },
    },
    {
      name: 'core-imports-only-core',
      severity: 'error',
      comment:
        'The core (parse, classify, draft, answer, decide) is pure: it knows no adapter, flow or face. Move the code inward, or hand the outer thing in.',
      from: { path: CORE },
      to: { path: '^(src|workers)/', pathNot: `${CORE}|${SHARED}` },
    },
    {
      name: 'core-does-no-io',
      severity: 'error',
      comment:
        'The core is pure: no sockets, files, processes or DNS. That belongs in an adapter (src/imap, src/store, src/dns…).',
      from: { path: CORE },
      to: { path: IO },
    },
    {
      name: 'adapters-not-to-flows-or-faces',
      severity: 'error',
      comment:
        'An adapter wraps one outside system and knows nothing of the flows and faces that use it. Declare the interface it offers in the adapter, or move the flow code up.',
      from: { path: ADAPTERS, pathNot: SHARED },
      to: { path: `${FLOWS}|${FACES}` },
    },
    {
      name: 'flows-not-to-faces',
      severity: 'error',
      comment:
        'A flow runs the same under the CLI, the review page and the worker: it imports no face.',
      from: { path: FLOWS },
      to: { path: FACES },
    },
    {
      name: 'faces-apart',
      severity: 'error',
      comment:
        'Faces share through terminal/ or an inner ring; only cli/ and demo/ start the review page (review/server.ts).',
      from: { path: '^src/(cli|demo|metrics|review|terminal)/' },
      to: {
        path: '^src/(cli|demo|metrics|review)/',
        pathNot: '^src/$1/|^src/review/server[.]ts$',
      },
    },
    {
      name: 'review-server-from-cli-and-demo',
      severity: 'error',
      comment: 'The review page is started by `serve` and the demo only.',
      from: { path: '^src/(metrics|terminal)/' },
      to: { path: '^src/review/server[.]ts$' },
    },
    {
      name: 'every-module-in-a-ring',
      severity: 'error',
      comment:
        'A module outside every ring escapes these rules: put it in a ring folder, or name it a shared leaf here.',
      from: { path: '^src/', pathNot: `${SHARED}|${CORE}|${ADAPTERS}|${FLOWS}|${FACES}` },
      to: {},
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};

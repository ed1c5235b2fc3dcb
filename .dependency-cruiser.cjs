/**
 * Which module may import which (`npm run lint` runs this after Biome):
 *   - no import cycles;
 *   - nothing under src/ imports workers/ (entry points sit on top, never below);
 *   - bench/ and workers/ may import src/, and src/ imports neither.
 * The never-sends property (the worker reaches no SMTP code) is a test of its own:
 * test/architecture/neverSends.test.ts.
 */
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

import { defineConfig } from 'vitest/config';

// Two layers. `unit`: pure code, no server, seconds (`npm run test:unit`). `integration`: the CLI
// and the service against a real Dovecot and Redis that the harness starts (test/harness/).
// `npm test` runs both.
const SERVER_TESTS = [
  'test/integration/**/*.test.ts',
  'test/faults/**/*.test.ts',
  'test/harness/**/*.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: SERVER_TESTS,
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: SERVER_TESTS,
          // Starts one Dovecot and one Redis for the run; see test/harness/.
          globalSetup: ['test/harness/globalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

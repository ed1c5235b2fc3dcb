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
          // The pure tests first, on vitest's default number of workers; then the server tests.
          sequence: { groupOrder: 0 },
          include: ['test/**/*.test.ts'],
          exclude: SERVER_TESTS,
          // The temp folder is left as it was found (test/harness/tempFolder.ts).
          globalSetup: ['test/harness/tempFolder.ts'],
          setupFiles: ['test/harness/cleanup.ts', 'test/harness/propertySeed.ts'],
          // A worker keeps its modules from one file to the next: importing them afresh for each
          // file cost more than the tests (35 s against 15 s here). No test relies on a fresh
          // module; the few that set process.env put it back.
          isolate: false,
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: SERVER_TESTS,
          // Starts one Dovecot and one Redis for the run; see test/harness/.
          globalSetup: ['test/harness/globalSetup.ts'],
          setupFiles: ['test/harness/cleanup.ts'],
          // These files mostly wait on servers, child processes and timers, not on the CPU; run
          // two at once on two cores (vitest's default there is one at a time); four at once
          // made the timed ones (a draft within seconds of arrival) fail on a loaded host.
          maxWorkers: 2,
          isolate: false, // as above: 150 s against 122 s on two cores
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

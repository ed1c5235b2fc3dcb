import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts one Dovecot and one Redis for the run; see test/harness/.
    globalSetup: ['test/harness/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

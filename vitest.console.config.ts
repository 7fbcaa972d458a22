import { defineConfig } from 'vitest/config';

/**
 * The console's browser tests: Debian's Chromium driven by playwright-core against a real
 * `ferry serve` fed by the simulators. Apart from `npm test` (which needs no browser), one file at
 * a time: each starts its own Ferry and browser, and two cores are all CI has.
 */
export default defineConfig({
  test: {
    include: ['console/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['console/e2e/global-setup.ts'],
  },
});

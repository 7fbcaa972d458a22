import { defineConfig } from 'vitest/config';

/**
 * The slow checks of what ships, apart from `npm test`: the packed tarball installed into an empty
 * folder (`npm run test:package`) and the container image built and run with buildah
 * (`npm run test:image`). Each builds or installs for minutes, not seconds.
 */
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts', 'test/image/**/*.test.ts'],
    testTimeout: 3_600_000,
    hookTimeout: 3_600_000,
    pool: 'forks',
  },
});

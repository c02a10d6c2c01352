import { defineConfig } from 'vitest/config';

// The project's own tests (npm test). The conformance suites have their own config,
// suites/vitest.config.ts, which only the runner uses.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});

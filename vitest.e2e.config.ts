// End-to-end tests in real browsers (npm test runs them after the production builds).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    // One browser at a time: two cores, and every file launches its own browsers.
    fileParallelism: false,
    // Real browsers on a loaded two-core machine occasionally drop a protocol call (Firefox BiDi
    // mid-navigation). One retry absorbs that; a behaviour that fails twice still fails the run.
    retry: 1,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
  },
});

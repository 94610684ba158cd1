// The unit config, narrowed for Stryker (npm run mutate): each module group is tested by the test
// files that exercise it (STANCE_MUTATE_TESTS, a JSON list of globs, set by scripts/mutate.mjs),
// so a mutant costs seconds, not a run of the whole suite.
import { defineConfig } from 'vitest/config';
import unit from './vitest.config';

const include: string[] | undefined = process.env.STANCE_MUTATE_TESTS
  ? JSON.parse(process.env.STANCE_MUTATE_TESTS)
  : undefined;

// Replaced, not merged: vite's mergeConfig would append these globs to the unit config's own.
// Instrumented code with coverage per test runs several times slower, on two shared cores: a test
// that takes 2 s in npm test may pass 5 s here, so the timeout is wider (a real hang still fails).
export default defineConfig({
  ...unit,
  test: { ...unit.test, testTimeout: 60_000, ...(include?.length ? { include } : {}) },
});

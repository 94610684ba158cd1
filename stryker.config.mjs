// Stryker over the pure modules where a wrong line loses or leaks data (npm run mutate; not part
// of npm test: it takes minutes). scripts/mutate.mjs runs one module group at a time with its own
// incremental file, so a rerun only tests the mutants whose code or tests changed.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  // The first run, with coverage per test, takes several minutes on two busy cores.
  dryRunTimeoutMinutes: 20,
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  // A static mutant (module-level code: valibot schemas, lookup tables) runs every test of its
  // group, not the few that cover it: the share group's schemas alone would take hours. They are
  // counted apart (scripts/mutate.mjs records how many), not in the score.
  ignoreStatic: true,
  // Two cores, shared: never more than two test processes.
  concurrency: 2,
  timeoutMS: 10_000,
  incremental: true,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  reporters: ['clear-text', 'progress', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // scripts/mutate.mjs passes mutate, incrementalFile, report names and the tests per group.
  mutate: ['utils/positions/**/*.ts'],
  jsonReporter: { fileName: 'reports/mutation/positions.json' },
  incrementalFile: 'reports/stryker-incremental-positions.json',
};

// Stryker over the pure modules where a wrong line loses or leaks data (npm run mutate; not part
// of npm test: it takes minutes). scripts/mutate.mjs runs one module group at a time with its own
// incremental file, so a rerun only tests the mutants whose code or tests changed.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  // Two cores, shared: never more than two test processes.
  concurrency: 2,
  timeoutMS: 10_000,
  incremental: true,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  reporters: ['clear-text', 'progress', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // scripts/mutate.mjs passes mutate, incrementalFile and jsonReporter.fileName per group.
  mutate: ['utils/positions/**/*.ts'],
  jsonReporter: { fileName: 'reports/mutation/positions.json' },
  incrementalFile: 'reports/stryker-incremental-positions.json',
};

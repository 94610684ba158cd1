// npm run mutate: Stryker over the pure modules where a wrong line loses or leaks data, one group at
// a time (each with its own incremental file under reports/, so a rerun tests only what changed).
// Records into .bench/results.json: tests.mutation_score (1 − undetected ÷ all, over every group
// recorded; timeouts count as killed, as Stryker does) and, per group, its score, mutants and
// survivors. `npm run mutate -- positions share` runs only those groups; the overall score then
// combines them with the other groups' last recorded counts. Survivors are listed in
// reports/mutation/<group>-survivors.txt. Not part of npm test: it takes minutes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import config from '../stryker.config.mjs';

// Stryker 10 refuses Node < 22 when its CLI module loads (a semver check of process.version), but
// uses no API newer than Node 20 (searched its dist for groupBy, withResolvers, fromAsync, toSorted,
// import.meta.dirname). This machine has Node 20.20: show it 22 while Stryker loads, then restore.
const realVersion = Object.getOwnPropertyDescriptor(process, 'version');
Object.defineProperty(process, 'version', { ...realVersion, value: 'v22.0.0' });
const { Stryker } = await import('@stryker-mutator/core');
Object.defineProperty(process, 'version', realVersion);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(root, '.bench', 'results.json');

/**
 * Module groups: the files each mutates, and the unit tests that guard them (the suite's other
 * files import these modules too, but as scaffolding; running them for every mutant would cost the
 * whole suite per mutant, far over the 30 minutes this may take on two cores).
 */
const GROUPS = {
  positions: {
    mutate: ['utils/positions/**/*.ts'],
    tests: ['tests/unit/positions/**/*.test.{ts,tsx}', 'tests/unit/sync/merge.property.test.ts'],
  },
  // The logic tests only: the component tests (.tsx) render the Group page with happy-dom and run axe,
  // seconds per mutant for the few lines of utils/share they reach that the logic tests miss.
  share: { mutate: ['utils/share/*.ts'], tests: ['tests/unit/share/**/*.test.ts'] },
  sync: {
    mutate: ['utils/sync/outbox.ts', 'utils/sync/chunks.ts', 'utils/sync/budget.ts'],
    // The fast tests of these modules (small payloads and quotas: a plan codes a few KB). The
    // engine's, never-stops' and the multi-device property tests drive them too, but code whole
    // 100 KB areas, 10–40 s a test on two cores: per mutant, hours.
    tests: [
      'tests/unit/sync/outbox.test.ts',
      'tests/unit/sync/chunks.test.ts',
      'tests/unit/sync/budget.test.ts',
      'tests/unit/sync/article-url.test.ts',
    ],
  },
  forms: { mutate: ['utils/extract/forms.ts'], tests: ['tests/unit/extract/forms*.test.ts'] },
  // The opinion map's mathematics (PCA, k-means, Fisher's test) reads decided answers and draws a
  // map: no line of it can lose or leak what a reader wrote, so it is not in the default run. Its
  // planted-camp tests loop over hundreds of members, ten times slower instrumented: ~12 s a
  // mutant here. `npm run mutate -- opinion` runs it on its own.
  opinion: { mutate: ['utils/share/opinion/**/*.ts'], tests: ['tests/unit/share/opinion.test.ts'] },
};
/** What `npm run mutate` runs with no group named: the modules where a wrong line loses or leaks data. */
const DEFAULT_GROUPS = ['positions', 'share', 'sync', 'forms'];

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!GROUPS[name]) {
    console.error(`Unknown group ${name}: one of ${Object.keys(GROUPS).join(', ')}.`);
    process.exit(2);
  }
}
const groups = wanted.length ? wanted : DEFAULT_GROUPS;

const readResults = () => (existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {});

/** One line per undetected mutant: where, which mutator, and what it replaced the code with. */
function describe(mutant) {
  const at = `${mutant.fileName}:${mutant.location.start.line}:${mutant.location.start.column}`;
  const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 120);
  return `${at}  ${mutant.status}  ${mutant.mutatorName}  → ${replacement}`;
}

for (const group of groups) {
  const started = Date.now();
  // Read by vitest.mutate.config.ts in the test runner processes Stryker starts for this group.
  process.env.STANCE_MUTATE_TESTS = JSON.stringify(GROUPS[group].tests);
  const stryker = new Stryker({
    ...config,
    mutate: GROUPS[group].mutate,
    incrementalFile: `reports/stryker-incremental-${group}.json`,
    jsonReporter: { fileName: `reports/mutation/${group}.json` },
    htmlReporter: { fileName: `reports/mutation/${group}.html` },
  });
  const mutants = await stryker.runMutationTest();
  const counted = mutants.filter((m) => DETECTED.has(m.status) || UNDETECTED.has(m.status));
  const undetected = counted.filter((m) => UNDETECTED.has(m.status));
  const seconds = Math.round((Date.now() - started) / 1000);
  if (!counted.length) throw new Error(`Stryker found no mutant to count in ${group}.`);
  const score = 1 - undetected.length / counted.length;
  mkdirSync(join(root, 'reports', 'mutation'), { recursive: true });
  writeFileSync(
    join(root, 'reports', 'mutation', `${group}-survivors.txt`),
    `${undetected.map(describe).sort().join('\n')}\n`,
  );
  const results = readResults();
  Object.assign(results, {
    [`tests.mutation_score.${group}`]: Number(score.toFixed(4)),
    [`tests.mutation_mutants.${group}`]: counted.length,
    [`tests.mutation_survived.${group}`]: undetected.length,
    [`tests.mutation_run_s.${group}`]: seconds,
    // Static mutants are not run (stryker.config.mjs, ignoreStatic): how many, so the score says what it covers.
    [`tests.mutation_static_ignored.${group}`]: mutants.filter((m) => m.status === 'Ignored').length,
  });
  // The overall score: every group's last recorded counts, so a run of one group keeps it whole.
  const recorded = DEFAULT_GROUPS.filter((name) => `tests.mutation_mutants.${name}` in results);
  const all = recorded.reduce((sum, name) => sum + results[`tests.mutation_mutants.${name}`], 0);
  const survived = recorded.reduce((sum, name) => sum + results[`tests.mutation_survived.${name}`], 0);
  results['tests.mutation_score'] = Number((1 - survived / all).toFixed(4));
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\n${group}: score ${score.toFixed(3)} (${undetected.length} undetected of ${counted.length}) in ${seconds} s; ` +
      `overall ${results['tests.mutation_score']} over ${recorded.join(', ')}. ` +
      `Survivors: reports/mutation/${group}-survivors.txt`,
  );
}

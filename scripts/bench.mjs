// npm run bench: runs every part in scripts/bench/*.mjs (each exports `async run(ctx)` returning a
// flat object of named numbers), prints them, and merges them into .bench/results.json so figures
// from parts run at other times persist. `npm run bench -- size page-load` runs only those parts.
// The builds measured are .output/<target> (built if missing); `--builds <dir>` or
// STANCE_BENCH_BUILDS=<dir> measures the builds in <dir>/<target> instead (build them there first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findChromium, findFirefox } from './lib/browsers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const partsDir = join(root, 'scripts', 'bench');
const resultsFile = join(root, '.bench', 'results.json');

const args = process.argv.slice(2);
const buildsAt = args.indexOf('--builds');
const buildsOption = buildsAt >= 0 ? args.splice(buildsAt, 2)[1] : process.env.STANCE_BENCH_BUILDS;
const outputDir = buildsOption ? resolve(buildsOption) : join(root, '.output');

const builds = [
  ['chrome-mv3', []],
  ['firefox-mv2', ['-b', 'firefox']],
];
for (const [target, flags] of builds) {
  if (existsSync(join(outputDir, target, 'manifest.json'))) continue;
  if (buildsOption) {
    // Parts that need this build will say so; the others run.
    console.log(`No ${target} build in ${outputDir}.`);
    continue;
  }
  console.log(`Building ${target}...`);
  const build = spawnSync(join(root, 'node_modules', '.bin', 'wxt'), ['build', ...flags], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) {
    console.error(`The ${target} build failed: fix it, then run the benchmarks again.`);
    process.exit(1);
  }
}

const wanted = args;
const parts = readdirSync(partsDir)
  .filter((file) => file.endsWith('.mjs'))
  .sort()
  .filter((file) => !wanted.length || wanted.includes(basename(file, '.mjs')));
/** `outputDir` holds the builds measured: chrome-mv3, firefox-mv2. */
const ctx = { chromiumPath: findChromium(), firefoxPath: findFirefox(), root, outputDir };

const figures = {};
const problems = [];
for (const file of parts) {
  const name = basename(file, '.mjs');
  const started = Date.now();
  try {
    const { run } = await import(pathToFileURL(join(partsDir, file)).href);
    const result = await run(ctx);
    for (const [key, value] of Object.entries(result)) {
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new Error(`${key} is not a number: ${value}`);
      figures[key] = value;
    }
    console.log(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    problems.push(name);
    console.error(`${name}: skipped, it failed: ${error?.message ?? error}`);
  }
}

const width = Math.max(10, ...Object.keys(figures).map((key) => key.length));
console.log(`\n${'figure'.padEnd(width)}  value`);
for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(width)}  ${value}`);

mkdirSync(dirname(resultsFile), { recursive: true });
const previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
writeFileSync(resultsFile, `${JSON.stringify({ ...previous, ...figures }, null, 2)}\n`);
console.log(`\nWrote ${Object.keys(figures).length} figures to ${resultsFile}.`);
if (problems.length) {
  console.log(`Failed parts: ${problems.join(', ')}`);
  process.exitCode = 1;
}

// node scripts/bench-table.mjs: rewrites README's benchmark table from .bench/results.json, with
// the date the file was last written and this machine (run it where the bench ran, after it).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchTable, replaceTable } from './lib/bench-table.mjs';
import { findChromium, findFirefox } from './lib/browsers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(root, '.bench', 'results.json');
const readmeFile = join(root, 'README.md');

if (!existsSync(resultsFile)) {
  console.error(`No ${resultsFile}: run npm run bench (and npm run mutate) first.`);
  process.exit(1);
}

const version = (path) => {
  try {
    return path
      ? execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
      : '';
  } catch {
    return '';
  }
};
const osName = () => {
  try {
    return /^PRETTY_NAME="?([^"\n]+)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch {
    return '';
  }
};

const cpu = cpus();
const machine = [
  `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'})`,
  `${Math.round(totalmem() / 2 ** 30)} GB`,
  osName() || `Linux ${release()}`,
  `Node ${process.version}`,
  version(findChromium()),
  version(findFirefox()),
]
  .filter(Boolean)
  .join(', ');
const writtenAt = statSync(resultsFile)
  .mtime.toISOString()
  .replace(/\.\d+Z$/, 'Z');
const results = JSON.parse(readFileSync(resultsFile, 'utf8'));

writeFileSync(
  readmeFile,
  replaceTable(readFileSync(readmeFile, 'utf8'), benchTable(results, { machine, writtenAt })),
);
console.log(
  `README's benchmark table: ${Object.keys(results).length} figures from ${resultsFile} (${writtenAt}).`,
);

// npm test: every check the project has, in order, continuing after failures. Each check that is
// not a test suite counts as one test; vitest suites count their own tests. Ends with exactly one
// line "N passed, N failed, N passed only on a retry" and exits non-zero if anything failed. Works
// with CI=true and no TTY.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGETS, checkBudgets, formatKB, measureSizes } from './lib/sizes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const reportDir = join(root, '.e2e', 'reports');
const useColour = process.stdout.isTTY && !process.env.NO_COLOR && !process.env.CI;
const paint = (code, text) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);
const PASS = paint(32, 'PASS');
const FAIL = paint(31, 'FAIL');

let passed = 0;
let failed = 0;
/** Tests that passed only on a retry: they pass, and the summary line says how many. */
const retried = [];
const failures = [];

// Children run in their own process groups (so a timeout can kill a runner with its browsers);
// Ctrl+C therefore does not reach them by itself: pass it on.
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
    process.exit(130);
  });
}

/**
 * Runs a command with its output captured; kills its whole process group after `timeoutMs`
 * (so browsers started by a test runner go too). Resolves to { code, output, ms }.
 */
function run(command, args, { timeoutMs = 5 * 60_000, env } = {}) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    running.add(child);
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      output += `\n[timed out after ${timeoutMs / 1000} s]`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      done({ code: 127, output: String(error), ms: Date.now() - started });
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      clearTimeout(timer);
      done({ code: code ?? (signal ? 1 : 0), output, ms: Date.now() - started });
    });
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function tail(text, lines = 60) {
  const all = text.trimEnd().split('\n');
  const shown = all.slice(-lines).join('\n');
  return all.length > lines ? `  [... ${all.length - lines} earlier lines]\n${shown}` : shown;
}

const indent = (text) =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

function record(name, ok, detail = '', extra = '') {
  console.log(`${ok ? PASS : FAIL}  ${name}${detail ? `  (${detail})` : ''}`);
  if (extra) console.log(indent(extra));
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

/** A command that passes when it exits 0; its output is shown only when it fails. */
async function step(name, command, args, options) {
  const { code, output, ms } = await run(command, args, options);
  record(name, code === 0, seconds(ms), code === 0 ? '' : tail(output));
  return code === 0;
}

/** A vitest run whose tests are counted from its JSON report; a crash counts as one failure. */
async function vitestSuite(name, args, options) {
  mkdirSync(reportDir, { recursive: true });
  const reportFile = join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  rmSync(reportFile, { force: true });
  const { code, output, ms } = await run(
    bin('vitest'),
    ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`],
    { ...options, env: { CI: 'true', ...options?.env } },
  );
  if (!existsSync(reportFile)) {
    const why = output.includes('[timed out after') ? 'timed out' : 'the runner crashed';
    record(`${name} (no report: ${why})`, false, seconds(ms), tail(output));
    return;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const failedTests = report.testResults.flatMap((file) =>
    file.assertionResults
      .filter((t) => t.status === 'failed')
      .map((t) => `${file.name.replace(`${root}/`, '')} > ${t.fullName}`),
  );
  // A file that fails to load, or whose beforeAll throws, fails with no failed test (its tests are
  // missing or skipped): count each such file as one failure.
  const brokenFiles = report.testResults.filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((t) => t.status === 'failed'),
  );
  // A test that passed with failure messages failed first and passed on its retry.
  const passedOnRetry = report.testResults.flatMap((file) =>
    file.assertionResults
      .filter((t) => t.status === 'passed' && t.failureMessages.length > 0)
      .map((t) => `${file.name.replace(`${root}/`, '')} > ${t.fullName}`),
  );
  retried.push(...passedOnRetry);
  const nPassed = report.numPassedTests;
  const nFailed = report.numFailedTests + brokenFiles.length;
  const ok = nFailed === 0 && code === 0;
  console.log(
    `${ok ? PASS : FAIL}  ${name}: ${nPassed} passed (${passedOnRetry.length} only on a retry), ${nFailed} failed, ${report.numPendingTests} skipped  (${seconds(ms)})`,
  );
  passed += nPassed;
  failed += nFailed;
  for (const test of failedTests) failures.push(test);
  for (const file of brokenFiles) {
    failures.push(`${file.name.replace(`${root}/`, '')} (did not load, or a hook failed)`);
  }
  if (!ok) {
    console.log(indent(tail(output, 120)));
    if (nFailed === 0) {
      // Exited non-zero with no failed test (e.g. an unhandled error): still a failure.
      failed++;
      failures.push(`${name} (runner exited ${code})`);
    }
  }
}

/** The minified code around a web-ext finding, so a reader can tell whose code it is. */
function excerpt({ file, line, column }) {
  const path = file && join(root, '.output', 'firefox-mv2', file);
  if (!path || !line || !existsSync(path)) return '';
  const text = readFileSync(path, 'utf8').split('\n')[line - 1] ?? '';
  const at = Math.max(0, (column ?? 0) - 50);
  return `\n      near: ${JSON.stringify(text.slice(at, at + 100))}`;
}

async function webExtLint() {
  const { output, ms } = await run(bin('web-ext'), [
    'lint',
    '--source-dir',
    '.output/firefox-mv2',
    '--no-config-discovery',
    '--output',
    'json',
  ]);
  const name = 'web-ext lint (.output/firefox-mv2)';
  let report;
  try {
    report = JSON.parse(output.slice(output.indexOf('{')));
  } catch {
    record(name, false, seconds(ms), tail(output));
    return;
  }
  const describe = (m) =>
    `${m._type} ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}:${m.column}` : ''}  ${m.message}${excerpt(m)}`;
  const lines = [...report.errors, ...report.warnings].map(describe);
  record(
    name,
    report.errors.length === 0,
    `${seconds(ms)}; ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`,
    lines.join('\n'),
  );
}

function sizeBudgets() {
  let sizes;
  try {
    sizes = measureSizes(join(root, '.output', 'chrome-mv3'));
  } catch (error) {
    for (const name of Object.keys(BUDGETS)) record(`size budget ${name}`, false, String(error.message));
    return;
  }
  const list = (files) => files.map((f) => `${f} ${formatKB(sizes.gzip[f])}`).join(', ');
  const later = sizes.files.sidepanelAll.filter((f) => !sizes.files.sidepanelFirstView.includes(f));
  const labels = {
    sidepanel_first_view_gzip_bytes: `side panel first view JS, gzip (${list(sizes.files.sidepanelFirstView)})`,
    sidepanel_all_gzip_bytes: `all side panel JS, gzip (first view + chunks loaded later: ${list(later) || 'none'})`,
    extractor_gzip_bytes: 'extractor extract.js, gzip',
    every_page_bytes: `injected into every page (${sizes.files.everyPage.join(', ') || 'nothing'})`,
  };
  for (const { name, bytes, budget, ok } of checkBudgets(sizes)) {
    record(`size: ${labels[name]}`, ok, `${formatKB(bytes)} of ${formatKB(budget)}`);
  }
}

const started = Date.now();
await step('tsc --noEmit', bin('tsc'), ['--noEmit']);
await step('biome check .', bin('biome'), ['check', '.']);
await vitestSuite('unit tests', [], { timeoutMs: 8 * 60_000 });
await step('wxt build (chrome-mv3)', bin('wxt'), ['build']);
await step('wxt build -b firefox (firefox-mv2)', bin('wxt'), ['build', '-b', 'firefox']);
await step('wxt build -b firefox --mv3 (firefox-mv3)', bin('wxt'), ['build', '-b', 'firefox', '--mv3']);
await webExtLint();
sizeBudgets();
await vitestSuite('e2e tests', ['-c', 'vitest.e2e.config.ts'], { timeoutMs: 8 * 60_000 });

console.log(`\nTotal time ${seconds(Date.now() - started)}.`);
if (retried.length) console.log(`Passed only on a retry:\n${retried.map((f) => `  - ${f}`).join('\n')}`);
if (failures.length) console.log(`Failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`${passed} passed, ${failed} failed, ${retried.length} passed only on a retry`);
process.exitCode = failed ? 1 : 0;

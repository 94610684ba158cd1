// npm start: builds Stance for Chrome (MV3, production), serves tests/fixtures on 127.0.0.1, and
// opens a Chromium window with Stance loaded on the demo article. Stops the server when the
// browser closes. STANCE_CHROMIUM=/path/to/chrome picks the browser.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, findChromium, isExecutable } from './lib/browsers.mjs';
import { startStaticServer } from './lib/static-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_PATH = '/demo/spacex-ipo.html';

/** One clear sentence on stderr, no stack trace, exit 1. */
function giveUp(sentence) {
  console.error(sentence);
  process.exit(1);
}

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  giveUp(
    'npm start opens a browser window, but there is no display here (DISPLAY and WAYLAND_DISPLAY are unset): run it in a desktop session, or run `npm test` for the headless checks.',
  );
}
const chromiumPath = findChromium();
if (!chromiumPath) {
  giveUp(
    'No Chromium or Chrome was found: install one (e.g. `apt-get install chromium`) or set STANCE_CHROMIUM to its executable, or run `npm test` for the headless checks.',
  );
}
if (!isExecutable(chromiumPath)) {
  giveUp(
    `STANCE_CHROMIUM is set to ${chromiumPath}, which is not an executable file: fix the path or unset it.`,
  );
}

console.log('Building Stance for Chrome (MV3)...');
const build = spawnSync(join(root, 'node_modules', '.bin', 'wxt'), ['build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) giveUp('The build failed (see above): fix it, then run `npm start` again.');

const server = await startStaticServer(join(root, 'tests', 'fixtures'));
const demoUrl = server.url + DEMO_PATH;
const profileDir = join(root, '.e2e', 'profile-start');
mkdirSync(profileDir, { recursive: true });

// The production build itself, not an e2e copy: here a reader clicks the toolbar button, which
// grants activeTab on the article, exactly as after installing from a store.
const browser = spawn(
  chromiumPath,
  [`--user-data-dir=${profileDir}`, ...chromiumArgs(join(root, '.output', 'chrome-mv3')), demoUrl],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
let browserErrors = '';
browser.stderr.on('data', (chunk) => {
  browserErrors = (browserErrors + chunk).slice(-4000);
});
const openedAt = Date.now();

console.log(`Demo article: ${demoUrl}`);
console.log(`Chromium: ${chromiumPath} (profile ${profileDir})`);
console.log('Click the Stance icon in the toolbar (pin it from the puzzle-piece menu) to open the panel.');
console.log('Close the browser window, or press Ctrl+C here, to stop.');

const stop = () => {
  if (browser.exitCode === null) browser.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

browser.on('error', async (error) => {
  await server.close();
  giveUp(
    `Could not start ${chromiumPath} (${error.message}): set STANCE_CHROMIUM to a working Chromium or Chrome.`,
  );
});
browser.on('exit', async (code) => {
  await server.close();
  if (Date.now() - openedAt < 3000) {
    // An instance already running on this profile takes the URL and this process exits at once,
    // so the demo server would be gone: say so rather than leave a broken tab.
    const last = browserErrors.trim().split('\n').slice(-3).join('\n');
    giveUp(
      `Chromium closed at once (exit ${code}): close any other browser window using ${profileDir} and run \`npm start\` again.${last ? `\n${last}` : ''}`,
    );
  }
  console.log('Browser closed; demo server stopped.');
});

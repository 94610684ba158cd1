// What Stance costs a page it is not opened on: loads the demo article in headless Chromium with
// the production build loaded and without it, alternating, and compares median load times
// (navigation timing loadEventEnd). Expect ~1.0: nothing is injected until the reader asks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../lib/browsers.mjs';
import { startStaticServer } from '../lib/static-server.mjs';

// Each browser instance has its own bias (process placement, start-up work), larger than
// Stance's effect: so loads are spread over several pairs of fresh instances, launched in turn.
const ROUNDS = 4;
const LOADS_PER_ROUND = 10;
const WARM_UP = 3;
// Lets both browsers finish start-up work (extension service worker, profile set-up) first.
const SETTLE_MS = 1500;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function launch(chromiumPath, extensionDir) {
  const profile = mkdtempSync(join(tmpdir(), 'stance-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs(extensionDir), '--no-sandbox', '--disable-gpu'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    close: () => context.close().finally(() => rmSync(profile, { recursive: true, force: true })),
  };
}

async function loadTime(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(async () => {
    // loadEventEnd is set just after the load handlers return: wait a task for it.
    const entry = () => performance.getEntriesByType('navigation')[0];
    while (!(entry()?.loadEventEnd > 0)) await new Promise((done) => setTimeout(done, 5));
    return entry().loadEventEnd;
  });
}

export async function run({ chromiumPath, root }) {
  if (!chromiumPath) throw new Error('No Chromium found: install chromium or set STANCE_CHROMIUM.');
  const server = await startStaticServer(join(root, 'tests', 'fixtures'));
  const url = `${server.url}/demo/spacex-ipo.html`;
  const times = { with: [], without: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const sides = round % 2 ? ['with', 'without'] : ['without', 'with'];
      const browsers = {};
      for (const side of sides) {
        browsers[side] = await launch(
          chromiumPath,
          side === 'with' ? join(root, '.output', 'chrome-mv3') : undefined,
        );
      }
      try {
        await new Promise((done) => setTimeout(done, SETTLE_MS));
        for (let i = 0; i < WARM_UP + LOADS_PER_ROUND; i++) {
          // Alternate which goes first so drift (CPU heat, other work) hits both sides alike.
          for (const side of i % 2 ? sides : [...sides].reverse()) {
            const ms = await loadTime(browsers[side].page, url);
            if (i >= WARM_UP) times[side].push(ms);
          }
        }
      } finally {
        await Promise.allSettled(Object.values(browsers).map((b) => b.close()));
      }
    }
  } finally {
    await server.close();
  }
  const withMs = median(times.with);
  const withoutMs = median(times.without);
  return {
    'page.load_overhead_ratio': Number((withMs / withoutMs).toFixed(3)),
    'page.load_ms_with': Number(withMs.toFixed(1)),
    'page.load_ms_without': Number(withoutMs.toFixed(1)),
    'page.load_samples': times.with.length,
  };
}

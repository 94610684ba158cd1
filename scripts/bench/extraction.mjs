// Extraction benchmark in real headless Chromium: the call the page script makes (Stance's whole
// reading, without answer forms, which the panel gives) against what Readability does for it —
// cloning the document and parse() with the same identity serializer (no HTML serialised on
// either side) — on our fixtures and (when present) the shared corpus; the first, cold extraction
// on the demo page; and the time to give up on a page nested past the depth limit.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS_PAGES = resolve(ROOT, '../shared/corpus/pages');
const RUNS = 5;
// Fresh pages for the cold figures: each one parses the bundle and runs one contender once.
const COLD_RUNS = 9;
// The extractor's own limits (utils/extract/read.ts): the give-up page stays under the element
// cap so that it is the depth check that refuses it.
const MAX_ELEMENTS = 60_000;
const GIVE_UP_DEPTH = 5_000;
const GIVE_UP_PARAGRAPHS = 50_000;
const BENCH_ORIGIN = 'http://127.0.0.1:9';
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Lets the timing loop collect garbage between runs (see timeInPage).
  '--js-flags=--expose-gc',
];

// The bundle exposes both contenders on one global, built from the extension's own sources.
const BENCH_ENTRY = `
import { Readability } from '@mozilla/readability';
import { readArticleQuestions } from './utils/extract/read.ts';
globalThis.__stanceBench = {
  stance: (doc) => readArticleQuestions(doc, location.href),
  // Stance hands Readability an identity serializer (utils/extract/article.ts): so does the baseline.
  readability: (doc) => new Readability(doc.cloneNode(true), { serializer: (node) => node }).parse(),
};
`;

async function bundleExtractor(dir) {
  const outfile = join(dir, 'bench-extract.js');
  await build({
    stdin: { contents: BENCH_ENTRY, resolveDir: ROOT, sourcefile: 'bench-entry.js', loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

function benchPages() {
  const fixtures = resolve(ROOT, 'tests/fixtures');
  const pages = [join(fixtures, 'demo/spacex-ipo.html')];
  for (const file of readdirSync(join(fixtures, 'pages'))) {
    if (file.endsWith('.html')) pages.push(join(fixtures, 'pages', file));
  }
  // The corpus is read where it lies, at bench time only: it is never copied into the repository.
  if (existsSync(CORPUS_PAGES)) {
    for (const file of readdirSync(CORPUS_PAGES).sort()) {
      if (file.endsWith('.html')) pages.push(join(CORPUS_PAGES, file));
    }
  }
  return pages;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Median ms of each contender on the loaded page. Runs alternate, each after a forced GC so one
 * contender's garbage is not collected on the other's clock; small pages are timed in batches
 * because performance.now() is coarse (100 µs) in a page that is not cross-origin isolated.
 */
function timeInPage(runs) {
  const bench = globalThis.__stanceBench;
  const collect = globalThis.gc ?? (() => {});
  bench.stance(document);
  const start = performance.now();
  bench.readability(document);
  const batch = Math.max(1, Math.ceil(20 / Math.max(0.1, performance.now() - start)));
  const timeBatch = (contender) => {
    collect();
    const begin = performance.now();
    for (let i = 0; i < batch; i++) contender(document);
    return (performance.now() - begin) / batch;
  };
  const stance = [];
  const readability = [];
  for (let i = 0; i < runs; i++) {
    readability.push(timeBatch(bench.readability));
    stance.push(timeBatch(bench.stance));
  }
  const mid = (values) => values.sort((a, b) => a - b)[values.length >> 1];
  return { stance: mid(stance), readability: mid(readability) };
}

/**
 * Time for the extractor to give up on a generated page nested `depth` deep, with `paragraphs`
 * beside the chain: fewer elements than the cap in all, so it is the depth check that refuses it.
 */
function timeGiveUp({ depth, paragraphs }) {
  const doc = document.implementation.createHTMLDocument('too deep');
  let parent = doc.body;
  for (let level = 0; level < depth; level++) {
    const div = doc.createElement('div');
    parent.appendChild(div);
    parent = div;
  }
  for (let i = 0; i < paragraphs; i++) {
    const p = doc.createElement('p');
    p.textContent = 'Lorem ipsum dolor sit amet?';
    doc.body.appendChild(p);
  }
  const start = performance.now();
  const result = globalThis.__stanceBench.stance(doc);
  return {
    ms: performance.now() - start,
    reason: result.ok ? 'ok' : result.reason,
    elements: doc.getElementsByTagName('*').length,
  };
}

/**
 * The first extraction in a fresh page, as the reader meets it: the bundle parsed and run, then one
 * call of `contender`, timed in the page from before the bundle to after the call.
 */
async function timeCold(page, url, bundleSource, contender) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
  return page.evaluate(
    `(() => { const start = performance.now(); ${bundleSource}\n;globalThis.__stanceBench.${contender}(document); return performance.now() - start; })()`,
  );
}

/**
 * A browser context serving `pages` from disk under a CSP that stops their own scripts (the DOM
 * measured is the saved one) while ours still runs through evaluate(); every other request is refused.
 */
async function servingContext(browser, pages) {
  const context = await browser.newContext();
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const file = decodeURIComponent(url.pathname.slice('/page'.length));
    if (url.origin !== BENCH_ORIGIN || !pages.includes(file)) return route.abort();
    return route.fulfill({
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "script-src 'none'",
      },
      body: readFileSync(file),
    });
  });
  return { context, page: await context.newPage() };
}

export async function run({ chromiumPath = '/usr/lib/chromium/chromium' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'stance-bench-'));
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: LAUNCH_ARGS });
  try {
    const bundle = await bundleExtractor(dir);
    const pages = benchPages();
    const { page } = await servingContext(browser, pages);
    const bundleSource = readFileSync(bundle, 'utf8');
    const ratios = [];
    let maxMs = 0;
    for (const file of pages) {
      await page.goto(`${BENCH_ORIGIN}/page${encodeURI(file)}`, {
        waitUntil: 'domcontentloaded',
        timeout: 30_000,
      });
      await page.evaluate(bundleSource);
      const { stance, readability } = await page.evaluate(timeInPage, RUNS);
      if (readability > 0) ratios.push(stance / readability);
      maxMs = Math.max(maxMs, stance);
    }
    // Cold, on the demo page: contenders alternate, each in a browser context of its own (its own
    // renderer process, so no code compiled or optimised by an earlier run is reused).
    const demo = `${BENCH_ORIGIN}/page${encodeURI(pages[0])}`;
    const coldStance = [];
    const coldReadability = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      for (const [contender, times] of [
        ['stance', coldStance],
        ['readability', coldReadability],
      ]) {
        const fresh = await servingContext(browser, pages);
        times.push(await timeCold(fresh.page, demo, bundleSource, contender));
        await fresh.context.close();
      }
    }
    await page.goto(demo, { waitUntil: 'domcontentloaded' });
    await page.evaluate(bundleSource);
    const giveUp = await page.evaluate(timeGiveUp, { depth: GIVE_UP_DEPTH, paragraphs: GIVE_UP_PARAGRAPHS });
    if (giveUp.reason !== 'too-large')
      throw new Error(`extractor did not give up on the deep page: ${giveUp.reason}`);
    if (giveUp.elements >= MAX_ELEMENTS)
      throw new Error(
        `the deep page has ${giveUp.elements} elements: the element cap, not the depth, refused it`,
      );
    return {
      'extraction.ratio_vs_readability': Number(median(ratios).toFixed(3)),
      'extraction.max_ms': Number(maxMs.toFixed(1)),
      'extraction.pages': ratios.length,
      'extraction.demo_cold_ms': Number(median(coldStance).toFixed(1)),
      'extraction.demo_cold_readability_ms': Number(median(coldReadability).toFixed(1)),
      'extraction.giveup_ms': Number(giveUp.ms.toFixed(1)),
      'extraction.giveup_elements': giveUp.elements,
    };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

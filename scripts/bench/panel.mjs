// The panel in real headless Chromium, on a bench copy of the production build (its manifest may
// read 127.0.0.1 and it holds two more pages, an empty one and a minimal "floor" one): how fast an
// answered article shows its saved positions, against how fast a blank page of the same extension
// paints; how 200 and 10,000 questions render and answer a click or a keystroke; how My debates
// lists and searches 2,000 articles, and how long the reconcile it runs a second after opening
// takes. Page-load durations are taken inside the page with performance.now() (0 = its
// navigation start), "on screen" being the next animation frame after the DOM shows it. A click
// or a keystroke is timed from the reader's input event (real input, sent by the browser's
// automation protocol) to the end of the next frame. Fixture pages live in a temp dir. Prints nothing.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';
import { chromiumArgs } from '../lib/browsers.mjs';
import { startStaticServer } from '../lib/static-server.mjs';

// Storage is seeded exactly as Stance lays it out (utils/storage-keys.ts: record + version meta).
const { articleEntries, isArticleKey } = await tsImport(
  pathToFileURL(join(import.meta.dirname, '../../utils/storage-keys.ts')).href,
  import.meta.url,
);

const WARM_UP = 2;
/** Blank page and answered panel, opened in turn, each in a new page. */
const OPENINGS = 25;
const LIBRARY_OPENINGS = 5;
/** The longest the bench waits for My debates' reconcile to end (it starts 1 s after opening). */
const RECONCILE_WAIT_MS = 60_000;
const CLICKS = 7;
const MANY_QUESTIONS = 200;
const HUGE_QUESTIONS = 10_000;
const HUGE_OPENINGS = 3;
const HUGE_CLICKS = 9;
/** Notes typed into, three characters each, a reader's pace apart. */
const HUGE_NOTES = 7;
const KEY_GAP_MS = 150;
const LIBRARY_SIZE = 2000;
const SEARCH_TERMS = ['spacex', 'monde', 'nucleaire', 'bench-unique-1234', 'mars regulation', 'zzzzqx'];
const DEMO_PATH = '/demo/spacex-ipo.html';
const DEMO_CANONICAL = 'https://blog.example.fr/spacex-ipo-elon-musk/';
const DEBATE_CARDS = 'section[aria-labelledby="section-debate"] article[data-question-id]';
const GONE_CARDS = 'section[aria-labelledby="section-gone"] article[data-question-id]';
/** Added to the bench copy only, never to the production build. */
const BLANK_PAGE = 'bench-blank.html';
/**
 * Also bench-only: the least any panel must do before showing saved positions (one module script,
 * the tab, then its record in one storage read, one checked input): the floor the panel is held to.
 */
const FLOOR_PAGE = 'bench-floor.html';
const FLOOR_SCRIPT = `const tabId = Number(new URLSearchParams(location.search).get('tab'));
const tab = await chrome.tabs.get(tabId);
const key = 'article:' + tab.url;
const stored = await chrome.storage.local.get([key, key + '$']);
const input = document.createElement('input');
input.type = 'radio';
input.checked = Boolean(stored[key]);
document.body.append(input);
`;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (ms) => Number(ms.toFixed(1));
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// ------------------------------------------------------------------ stored data, as Stance writes it

/** An HLC stamp as utils/positions/clock.ts encodes it. */
const stamp = (ms, counter, device) =>
  ms.toString(36).padStart(9, '0') + counter.toString(36).padStart(4, '0') + device;

/** A deterministic pseudo-random generator, so every run seeds the same data. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

const FORMS = [
  { type: 'yes-no' },
  { type: 'agree-disagree' },
  { type: 'alternatives', poles: ['des États lents', 'un seul maître'] },
];
const SUBJECTS = [
  'l’IA',
  'SpaceX',
  'le nucléaire',
  'Mars',
  'la régulation',
  'Starlink',
  'le climat',
  'la Bourse',
];
const VERBS = [
  'doit-elle être freinée',
  'va-t-il dominer',
  'sauvera-t-il',
  'est-il surestimé',
  'change-t-il',
];
const OBJECTS = ['le marché', 'l’Europe', 'les États', 'la recherche', 'nos emplois', 'la démocratie'];
const SITES = ['Le Monde', 'Blog Example', 'Numerama', 'Les Echos', 'The Verge', 'Wired', 'Ars Technica'];
const NOTES = [
  'Les États ont encore des leviers.',
  'Pas convaincu par les chiffres avancés.',
  'À relire avec les sources.',
  'Un ami investisseur m’a convaincu.',
  'Le nucléaire reste la clé, à mon avis.',
  '',
];

function questionRecord(random, text, order, ms, device, { note } = {}) {
  const form = FORMS[Math.floor(random() * FORMS.length)];
  const at = stamp(ms, 0, device);
  const changed = stamp(ms + 60_000, 0, device);
  const first = 1 + Math.floor(random() * 5);
  const last = 1 + Math.floor(random() * 5);
  const q = {
    q: { v: { kind: 'debate', label: '', text, form, order }, at },
    position: { v: last, at: changed },
    history: { [at]: { from: null, to: first }, [changed]: { from: first, to: last } },
  };
  if (note) q.note = { v: note, at: changed };
  return q;
}

/** A questionText for the i-th generated question, unique by its number. */
function questionText(random, i) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} (question ${i}) ?`;
}

/** The article with `count` answered questions that are not on its page ("No longer on the page"). */
function manyQuestionsArticle(url, count) {
  const random = rng(200);
  const ms = Date.UTC(2026, 0, 10);
  const questions = {};
  for (let i = 0; i < count; i++) {
    const note = i % 10 === 0 ? NOTES[i % NOTES.length] : undefined;
    questions[`bq${i.toString(36)}x${count}`] = questionRecord(
      random,
      questionText(random, i),
      i,
      ms + i,
      'bench1',
      {
        note,
      },
    );
  }
  return {
    url,
    meta: {
      v: { title: `Article aux ${count} questions`, siteName: 'Blog Example', lang: 'fr', readingMinutes: 7 },
      at: stamp(ms, 0, 'bench1'),
    },
    questions,
  };
}

/** `count` saved articles: varied titles, sites and notes, 5 answered questions each. */
function library(count) {
  const random = rng(2000);
  const items = {};
  const start = Date.UTC(2025, 0, 1);
  for (let a = 0; a < count; a++) {
    const ms = start + Math.floor(random() * 300 * 86_400_000);
    const device = a % 3 ? 'bench1' : 'bench2';
    const site = SITES[a % SITES.length];
    const slug = site.toLowerCase().replace(/\s+/g, '');
    const url = `https://www.${slug}.example/${a}/article-${Math.floor(random() * 1e6)}/`;
    const questions = {};
    for (let i = 0; i < 5; i++) {
      const text = questionText(random, a * 5 + i);
      const note = random() < 0.3 ? NOTES[Math.floor(random() * NOTES.length)] : undefined;
      questions[`lq${a.toString(36)}y${i}`] = questionRecord(random, text, i, ms + i * 1000, device, {
        note,
      });
    }
    const subject = SUBJECTS[Math.floor(random() * SUBJECTS.length)];
    const title = `${subject[0].toUpperCase()}${subject.slice(1)} : ${
      ['enquête', 'analyse', 'tribune', 'entretien', 'décryptage'][a % 5]
    } n°${a}${a === 1234 ? ' bench-unique-1234' : ''}`;
    const article = {
      url,
      meta: {
        v: { title, siteName: site, lang: a % 4 ? 'fr' : 'en', readingMinutes: 3 + (a % 12) },
        at: stamp(ms, 0, device),
      },
      questions,
    };
    if (a % 4 === 0)
      article.note = { v: NOTES[a % NOTES.length] || 'Rien à ajouter.', at: stamp(ms + 5000, 0, device) };
    Object.assign(items, articleEntries(article));
  }
  return items;
}

// ------------------------------------------------------------------ the bench copy, the browser

/**
 * Copies the build to `dest`, grants the copy host access to http://127.0.0.1/* (headless tests
 * cannot click the toolbar button that grants activeTab) and adds an empty page, the blank to
 * compare the panel with. The JavaScript stays byte-identical to the build measured.
 */
function prepareBenchBuild(source, dest) {
  if (!existsSync(join(source, 'manifest.json')))
    throw new Error(`No build in ${source}: run \`npx wxt build\` first.`);
  rmSync(dest, { recursive: true, force: true });
  cpSync(source, dest, { recursive: true });
  for (const page of [BLANK_PAGE, FLOOR_PAGE])
    if (existsSync(join(dest, page))) throw new Error(`The build already has a ${page}`);
  const manifestFile = join(dest, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.host_permissions = [...new Set([...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'])];
  writeFileSync(manifestFile, JSON.stringify(manifest));
  writeFileSync(
    join(dest, BLANK_PAGE),
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body></body></html>\n',
  );
  writeFileSync(
    join(dest, FLOOR_PAGE),
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Floor</title><script type="module" src="/bench-floor.js"></script></head><body></body></html>\n',
  );
  writeFileSync(join(dest, 'bench-floor.js'), FLOOR_SCRIPT);
  return dest;
}

async function launch(chromiumPath, profileDir, extensionDir) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs(extensionDir), '--no-sandbox', '--disable-gpu', '--lang=en'],
  });
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return { context, extensionId: new URL(worker.url()).host };
}

/** Id of the tab showing `url`, asked of the extension's service worker (woken by a page if idle). */
async function tabIdOf(context, extensionId, url) {
  const prefix = `chrome-extension://${extensionId}/`;
  let worker = context.serviceWorkers().find((w) => w.url().startsWith(prefix));
  if (!worker) {
    const waking = await context.newPage();
    await waking.goto(`${prefix}${BLANK_PAGE}`);
    worker =
      context.serviceWorkers().find((w) => w.url().startsWith(prefix)) ??
      (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    await waking.close();
  }
  const id = await worker.evaluate(
    async (pageUrl) => (await chrome.tabs.query({})).find((tab) => tab.url === pageUrl)?.id,
    url,
  );
  if (id === undefined) throw new Error(`No tab shows ${url}`);
  return id;
}

// ------------------------------------------------------------------ in the page

/**
 * Installed before the page's own scripts: records, in performance.now() of the page, the
 * animation frame after each state first shows in the DOM, the main thread's long tasks, and
 * offers the timers a click or a keystroke needs.
 */
function installMarks() {
  const marks = {};
  window.__benchMarks = marks;
  window.__benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__benchLongTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // When each save of an article reached storage (extension pages only).
  window.__benchSaves = [];
  globalThis.chrome?.storage?.onChanged.addListener((changes, area) => {
    if (area === 'local' && Object.keys(changes).some((k) => k.startsWith('article:') && !k.endsWith('$')))
      window.__benchSaves.push(performance.now());
  });
  /** Runs `act`, then resolves with ms until the next frame after `root` next changes. */
  window.__benchTimeChange = (rootSelector, act) =>
    new Promise((resolve) => {
      const root = document.querySelector(rootSelector);
      const started = performance.now();
      const observer = new MutationObserver(() => {
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - started));
      });
      observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
      act();
    });
  /**
   * Arms a timer for the reader's next interaction: from the `startType` event's timestamp (when
   * the browser received the input) until the frame after the `endType` event has been painted.
   * Read the result from window.__benchInteraction.
   */
  window.__benchArmInteraction = (startType, endType) => {
    window.__benchInteraction = new Promise((resolve) => {
      let start;
      const onStart = (event) => {
        start ??= event.timeStamp;
      };
      const onEnd = () => {
        removeEventListener(startType, onStart, true);
        removeEventListener(endType, onEnd, true);
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - start);
          channel.port2.postMessage(null);
        });
      };
      addEventListener(startType, onStart, true);
      addEventListener(endType, onEnd, true);
    });
  };
  const pending = new Set();
  const mark = (name) => {
    if (name in marks || pending.has(name)) return;
    pending.add(name);
    const dom = performance.now();
    requestAnimationFrame(() => {
      marks[name] = performance.now();
      marks[`${name}Dom`] = dom;
    });
  };
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', () => mark('parsed'));
  else mark('parsed');
  let loadingSeen = false;
  const check = () => {
    if (document.querySelector('input:checked')) mark('checked');
    if (document.querySelector('p.state[role=status]')) loadingSeen = true;
    else if (loadingSeen) mark('extracted');
    if (
      document.querySelector(
        'section[aria-labelledby="section-claims"], section[aria-labelledby="section-raised"]',
      )
    )
      mark('claims');
    if (document.querySelector('section[aria-labelledby="section-gone"] input:checked')) mark('gone');
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
}

/** Opens `url` in a new page with the marks installed; resolves when every mark in `until` is set. */
async function openMarked(context, url, until) {
  const page = await context.newPage();
  await page.addInitScript(installMarks);
  await page.goto(url);
  await page
    .waitForFunction((names) => names.every((n) => n in (window.__benchMarks ?? {})), until, {
      timeout: 60_000,
    })
    .catch(async (error) => {
      const state = await page.evaluate(() => ({
        marks: window.__benchMarks,
        text: document.body.textContent.slice(0, 300),
      }));
      throw new Error(`${error.message}: ${JSON.stringify(state)}`);
    });
  const marks = await page.evaluate(() => window.__benchMarks);
  return { panel: page, marks };
}

const panelUrl = (extensionId, tabId) => `chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`;

/** Ms from the reader's input to the frame after it: `act` gives the input (a real click or key). */
async function timeInteraction(page, [startType, endType], act) {
  await page.evaluate(([s, e]) => window.__benchArmInteraction(s, e), [startType, endType]);
  await act();
  return page.evaluate(() => window.__benchInteraction);
}

/** Clicks the next step of card `card`'s scale, for real; returns ms to the frame that shows it. */
async function timeClick(page, card) {
  const value = await page.$eval(`${card} input:checked`, (input) => input.value);
  const next = String((Number(value) % 5) + 1);
  const ms = await timeInteraction(page, ['pointerdown', 'click'], () =>
    page.locator(`${card} input[value="${next}"]`).click(),
  );
  const checked = await page.$eval(`${card} input:checked`, (input) => input.value);
  if (checked !== next) throw new Error(`clicked ${next}, ${checked} is checked`);
  return ms;
}

/** Types `text` into card `card`'s note a key at a time, `gap` ms apart; returns ms per key. */
async function timeTyping(page, card, text, gap) {
  const textarea = page.locator(`${card} textarea`);
  await textarea.focus();
  const before = await textarea.inputValue();
  const times = [];
  for (const key of text) {
    const started = Date.now();
    times.push(await timeInteraction(page, ['keydown', 'input'], () => page.keyboard.press(key)));
    await sleep(Math.max(0, gap - (Date.now() - started)));
  }
  const after = await textarea.inputValue();
  if (after !== before + text) throw new Error(`typed "${text}" after "${before}", the note says "${after}"`);
  return times;
}

/**
 * Resolves once the page is idle: the save that `since` (performance.now() of the page) started
 * has reached storage, no long task for 500 ms since, and the browser gives an idle period. Each
 * click or keystroke is timed from an idle panel, as a reader acting after the last save finds
 * it; what the saves themselves block is reported apart (the longest task).
 */
const settle = (page, since = null) =>
  page.evaluate(
    (saveAfter) =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const check = () =>
          requestIdleCallback((deadline) => {
            const saved = saveAfter === null || window.__benchSaves.some((t) => t > saveAfter);
            const last = window.__benchLongTasks.at(-1);
            const quiet = last ? performance.now() - (last[0] + last[1]) : Number.POSITIVE_INFINITY;
            if (saved && quiet > 500 && deadline.timeRemaining() > 40) resolve();
            else if (performance.now() - started > 60_000) reject(new Error('the panel never settled'));
            else setTimeout(check, 50);
          });
        check();
      }),
    since,
  );
const now = (page) => page.evaluate(() => performance.now());

/** The longest main-thread task since `since` (performance.now() of the page), in ms. */
const longestTaskSince = (page, since) =>
  page.evaluate(
    (from) => Math.max(0, ...window.__benchLongTasks.filter(([at]) => at >= from).map(([, ms]) => ms)),
    since,
  );

// ------------------------------------------------------------------ the run

/**
 * STANCE_BENCH_PANEL=open,many,huge,library runs only those groups of figures (all by default):
 * opening the panel, 200 questions, 10,000 questions, My debates.
 */
const GROUPS = ['open', 'many', 'huge', 'library'];

export async function run({ chromiumPath, root, outputDir = join(root, '.output') }) {
  if (!chromiumPath) throw new Error('No Chromium found: install chromium or set STANCE_CHROMIUM.');
  const groups = process.env.STANCE_BENCH_PANEL?.split(',').filter(Boolean) ?? GROUPS;
  const unknown = groups.filter((g) => !GROUPS.includes(g));
  if (unknown.length)
    throw new Error(`STANCE_BENCH_PANEL: no group ${unknown.join(', ')} (${GROUPS.join(', ')})`);
  const want = (group) => groups.includes(group);
  const temp = mkdtempSync(join(tmpdir(), 'stance-bench-panel-'));
  const pagesDir = join(temp, 'pages');
  const fixtures = await startStaticServer(join(root, 'tests', 'fixtures'));
  const pages = await startStaticServer(pagesDir);
  let session;
  try {
    const extensionDir = prepareBenchBuild(join(outputDir, 'chrome-mv3'), join(temp, 'extension'));
    // Copies of the demo whose canonical URL is the URL the tab shows: the common case on the web,
    // where the saved record can be found before the page is read.
    const demoHtml = readFileSync(join(root, 'tests', 'fixtures', DEMO_PATH), 'utf8');
    const asCanonical = (url) =>
      demoHtml
        .replace(/<link rel="canonical" href="[^"]*">/, `<link rel="canonical" href="${url}">`)
        .replace(/<meta property="og:url" content="[^"]*">/, `<meta property="og:url" content="${url}">`);
    const canonicalUrl = `${pages.url}/canonical.html`;
    const manyUrl = `${pages.url}/questions-200.html`;
    const hugeUrl = `${pages.url}/questions-10000.html`;
    mkdirSync(pagesDir, { recursive: true });
    for (const url of [canonicalUrl, manyUrl, hugeUrl])
      writeFileSync(join(pagesDir, url.slice(pages.url.length + 1)), asCanonical(url));

    session = await launch(chromiumPath, join(temp, 'profile'), extensionDir);
    const { context, extensionId } = session;
    const figures = {};

    // --- An answered article: answer every debate question of the demo through the panel itself,
    // so the stored record is exactly what Stance writes.
    const demoPage = await context.newPage();
    await demoPage.goto(fixtures.url + DEMO_PATH);
    const demoTab = await tabIdOf(context, extensionId, demoPage.url());
    const demo = await context.newPage();
    await demo.goto(panelUrl(extensionId, demoTab));
    await demo.waitForSelector(DEBATE_CARDS);
    const ids = await demo.$$eval(DEBATE_CARDS, (cards) => cards.map((c) => c.dataset.questionId));
    // A scale question gets a position; an open question (no scale) is answered in words, its note.
    const scaled = [];
    const open = [];
    for (const [i, id] of ids.entries()) {
      const card = `article[data-question-id="${id}"]`;
      if (await demo.locator(`${card} input[type="radio"]`).count()) {
        await demo.locator(`${card} input[value="${(i % 5) + 1}"]`).check();
        scaled.push(id);
      } else {
        await demo
          .locator(`${card} textarea`)
          .first()
          .fill(`Réponse ${i} : les États ont encore des leviers.`);
        open.push(id);
      }
    }
    if (scaled.length === 0) throw new Error('the demo has no scale question to answer');
    await demo
      .locator(`article[data-question-id="${scaled[0]}"] textarea`)
      .fill('Les États ont encore des leviers.');
    // Positions save at once, notes shortly after: wait until all are stored.
    let demoRecord;
    for (let tries = 0; !demoRecord; tries++) {
      if (tries > 100) throw new Error('the answers to the demo were not stored');
      demoRecord = await demo.evaluate(
        async ({ key, scaled, open }) => {
          const stored = (await chrome.storage.local.get(key))[key];
          const qs = stored?.questions ?? {};
          const ok =
            scaled.every((id) => qs[id]?.position?.v != null) &&
            open.every((id) => qs[id]?.note?.v) &&
            qs[scaled[0]]?.note?.v;
          return ok ? stored : null;
        },
        { key: `article:${DEMO_CANONICAL}`, scaled, open },
      );
      if (!demoRecord) await sleep(100);
    }
    await demo.close();

    const seeder = await context.newPage();
    await seeder.goto(`chrome-extension://${extensionId}/${BLANK_PAGE}`);
    const seed = (items) => seeder.evaluate((all) => chrome.storage.local.set(all), items);

    // The demo as served here: its tab URL is not its canonical URL, so the record is found only
    // once the page is read.
    const demoTimes = { checked: [], extracted: [] };
    for (let i = 0; want('open') && i < WARM_UP + OPENINGS; i++) {
      const { panel, marks } = await openMarked(context, panelUrl(extensionId, demoTab), [
        'checked',
        'extracted',
      ]);
      await panel.close();
      if (i >= WARM_UP) for (const name of Object.keys(demoTimes)) demoTimes[name].push(marks[name]);
    }
    if (want('open')) {
      figures['panel.open_answered_ms'] = round(median(demoTimes.checked));
      figures['panel.open_extracted_ms'] = round(median(demoTimes.extracted));

      // Tab URL = canonical URL: the saved positions show before the page is read. Against a blank
      // page of the same extension, opened in turn with the panel, each in a new page (cold).
      await seed(articleEntries({ ...demoRecord, url: canonicalUrl }));
      const canonicalPage = await context.newPage();
      await canonicalPage.goto(canonicalUrl);
      const canonicalTab = await tabIdOf(context, extensionId, canonicalUrl);
      const canonicalTimes = { checked: [], extracted: [], blank: [], floor: [] };
      for (let i = 0; i < WARM_UP + OPENINGS; i++) {
        const blank = await openMarked(context, `chrome-extension://${extensionId}/${BLANK_PAGE}`, [
          'parsed',
        ]);
        await blank.panel.close();
        const floor = await openMarked(
          context,
          `chrome-extension://${extensionId}/${FLOOR_PAGE}?tab=${canonicalTab}`,
          ['checked'],
        );
        await floor.panel.close();
        const { panel, marks } = await openMarked(context, panelUrl(extensionId, canonicalTab), [
          'checked',
          'extracted',
        ]);
        await panel.close();
        if (i < WARM_UP) continue;
        canonicalTimes.blank.push(blank.marks.parsed);
        canonicalTimes.floor.push(floor.marks.checked);
        canonicalTimes.checked.push(marks.checked);
        canonicalTimes.extracted.push(marks.extracted);
      }
      figures['panel.open_blank_page_ms'] = round(median(canonicalTimes.blank));
      figures['panel.open_answered_canonical_tab_ms'] = round(median(canonicalTimes.checked));
      figures['panel.open_answered_ratio_vs_blank'] = Number(
        (median(canonicalTimes.checked) / median(canonicalTimes.blank)).toFixed(2),
      );
      // The same two reads and one checked input, nothing else: what no panel can do faster.
      figures['panel.open_floor_page_ms'] = round(median(canonicalTimes.floor));
      figures['panel.open_floor_ratio_vs_blank'] = Number(
        (median(canonicalTimes.floor) / median(canonicalTimes.blank)).toFixed(2),
      );
      figures['panel.open_extracted_canonical_tab_ms'] = round(median(canonicalTimes.extracted));
      figures['panel.saved_before_extraction_ms'] = round(
        median(canonicalTimes.extracted.map((t, i) => t - canonicalTimes.checked[i])),
      );
      figures['panel.saved_before_extraction_demo_ms'] = round(
        median(demoTimes.extracted.map((t, i) => t - demoTimes.checked[i])),
      );
      await canonicalPage.close();
    }

    // --- 200 answered questions the page no longer shows.
    if (want('many')) {
      await seed(articleEntries(manyQuestionsArticle(manyUrl, MANY_QUESTIONS)));
      const manyPage = await context.newPage();
      await manyPage.goto(manyUrl);
      const manyTab = await tabIdOf(context, extensionId, manyUrl);
      const manyTimes = { checked: [], gone: [] };
      let manyPanel;
      for (let i = 0; i < WARM_UP + 5; i++) {
        const opened = await openMarked(context, panelUrl(extensionId, manyTab), [
          'checked',
          'gone',
          'extracted',
        ]);
        if (i >= WARM_UP) for (const name of Object.keys(manyTimes)) manyTimes[name].push(opened.marks[name]);
        if (manyPanel) await manyPanel.close();
        manyPanel = opened.panel;
      }
      figures['panel.questions_200_first_render_ms'] = round(median(manyTimes.checked));
      figures['panel.questions_200_render_ms'] = round(median(manyTimes.gone));
      const manyIds = await manyPanel.$$eval(GONE_CARDS, (cards) => cards.map((c) => c.dataset.questionId));
      const clicks = [];
      for (let i = 0; i < CLICKS; i++) {
        const before = await now(manyPanel);
        clicks.push(
          await timeClick(manyPanel, `article[data-question-id="${manyIds[(i * 7) % manyIds.length]}"]`),
        );
        await settle(manyPanel, before);
      }
      figures['panel.questions_200_click_ms'] = round(median(clicks));
      // "Show more" until every card is in the DOM, then the same click among 200 cards.
      const more = manyPanel.locator('section[aria-labelledby="section-gone"] .section-more button');
      const showMore = [];
      while ((await more.count()) > 0) {
        const shown = await manyPanel.locator(GONE_CARDS).count();
        showMore.push(await timeInteraction(manyPanel, ['pointerdown', 'click'], () => more.click()));
        await settle(manyPanel);
        const focused = await manyPanel.evaluate(() => document.activeElement?.id);
        const firstNew = await manyPanel.$eval(
          `${GONE_CARDS}:nth-of-type(${shown + 1})`,
          (card) => card.dataset.questionId,
        );
        if (focused !== `q-${firstNew}`) throw new Error(`"Show more" left focus on #${focused}`);
      }
      const allIds = await manyPanel.$$eval(GONE_CARDS, (cards) => cards.map((c) => c.dataset.questionId));
      if (allIds.length !== MANY_QUESTIONS) throw new Error(`${allIds.length} cards after "Show more"`);
      const expandedClicks = [];
      for (let i = 0; i < CLICKS; i++) {
        const id = allIds[60 + i * 20];
        const before = await now(manyPanel);
        expandedClicks.push(await timeClick(manyPanel, `article[data-question-id="${id}"]`));
        await settle(manyPanel, before);
      }
      figures['panel.questions_200_show_more_ms'] = round(median(showMore));
      figures['panel.questions_200_expanded_click_ms'] = round(median(expandedClicks));
      await manyPanel.close();

      // Same click on the 5-question demo, for comparison.
      const small = await openMarked(context, panelUrl(extensionId, demoTab), ['checked', 'extracted']);
      const smallClicks = [];
      for (let i = 0; i < CLICKS; i++) {
        const before = await now(small.panel);
        smallClicks.push(await timeClick(small.panel, `article[data-question-id="${ids[i % ids.length]}"]`));
        await settle(small.panel, before);
      }
      figures['panel.questions_5_click_ms'] = round(median(smallClicks));
      await small.panel.close();
      await manyPage.close();
    }

    // --- 10,000 answered questions the page no longer shows: a click and a keystroke.
    if (want('huge')) {
      await seed(articleEntries(manyQuestionsArticle(hugeUrl, HUGE_QUESTIONS)));
      const hugePage = await context.newPage();
      await hugePage.goto(hugeUrl);
      const hugeTab = await tabIdOf(context, extensionId, hugeUrl);
      const hugeTimes = { checked: [], gone: [] };
      let hugePanel;
      for (let i = 0; i < 1 + HUGE_OPENINGS; i++) {
        const opened = await openMarked(context, panelUrl(extensionId, hugeTab), [
          'checked',
          'gone',
          'extracted',
        ]);
        if (i >= 1) for (const name of Object.keys(hugeTimes)) hugeTimes[name].push(opened.marks[name]);
        if (hugePanel) await hugePanel.close();
        hugePanel = opened.panel;
      }
      figures['panel.questions_10000_first_render_ms'] = round(median(hugeTimes.checked));
      figures['panel.questions_10000_render_ms'] = round(median(hugeTimes.gone));
      await settle(hugePanel);
      const hugeIds = await hugePanel.$$eval(GONE_CARDS, (cards) => cards.map((c) => c.dataset.questionId));
      const since = await hugePanel.evaluate(() => performance.now());
      const hugeClicks = [];
      for (let i = 0; i < HUGE_CLICKS; i++) {
        const before = await now(hugePanel);
        hugeClicks.push(
          await timeClick(hugePanel, `article[data-question-id="${hugeIds[i % hugeIds.length]}"]`),
        );
        await settle(hugePanel, before); // a click saves at once
      }
      const keys = [];
      for (let i = 0; i < HUGE_NOTES; i++) {
        const card = `article[data-question-id="${hugeIds[(HUGE_CLICKS + i) % hugeIds.length]}"]`;
        const before = await now(hugePanel);
        keys.push(...(await timeTyping(hugePanel, card, 'abc', KEY_GAP_MS)));
        await settle(hugePanel, before); // the reader pauses: the note saves
      }
      figures['panel.questions_10000_click_ms'] = round(median(hugeClicks));
      figures['panel.questions_10000_click_max_ms'] = round(Math.max(...hugeClicks));
      figures['panel.questions_10000_keystroke_ms'] = round(median(keys));
      figures['panel.questions_10000_keystroke_max_ms'] = round(Math.max(...keys));
      figures['panel.questions_10000_longest_task_ms'] = round(await longestTaskSince(hugePanel, since));
      await hugePanel.close();
      await hugePage.close();
    }

    // --- My debates with 2,000 articles (plus the articles above).
    if (want('library')) {
      const items = library(LIBRARY_SIZE);
      // As Stance keeps it: every save also writes the article's summary for My debates.
      const { summarizeArticle } = await tsImport(
        pathToFileURL(join(root, 'utils/positions/view.ts')).href,
        import.meta.url,
      );
      const index = await seeder.evaluate(() =>
        chrome.storage.local.get('libraryIndex').then((r) => r.libraryIndex ?? {}),
      );
      for (const [key, value] of Object.entries(items)) {
        if (isArticleKey(key)) index[value.url] = summarizeArticle(value);
      }
      await seed({ ...items, libraryIndex: index });
      figures['panel.library_2000_stored_kb'] = Math.round(
        (await seeder.evaluate(() => chrome.storage.local.getBytesInUse(null))) / 1024,
      );
      const libraryTimes = [];
      const searchTimes = [];
      const clearTimes = [];
      const reconcileTimes = [];
      const reconcileTasks = [];
      for (let i = 0; i < LIBRARY_OPENINGS; i++) {
        const { panel } = await openMarked(context, panelUrl(extensionId, demoTab), ['checked', 'extracted']);
        // One second after My debates opens, the panel reconciles its index: it re-reads all 2,000
        // records (listArticles: storage.local.get(null)), rebuilds every summary, then compares
        // under the articles lock. The reader waits for it too (it holds the main thread and the
        // lock a save needs), so it is timed here: from that get(null) to the lock's release, with
        // the longest task it ran in that window. Both calls are watched as the panel makes them.
        const opened = await panel.evaluate(
          (waitMs) =>
            new Promise((resolve, reject) => {
              const calls = { getAll: [], locks: [] };
              // Chromium has both `chrome` and `browser` (distinct objects): the panel may use either.
              const areas = [...new Set([chrome.storage.local, globalThis.browser?.storage?.local])].filter(
                Boolean,
              );
              const realGets = areas.map((area) => area.get);
              areas.forEach((area, i) => {
                area.get = function (...args) {
                  if (args[0] === null) calls.getAll.push(performance.now());
                  return realGets[i].apply(this, args);
                };
              });
              const realRequest = navigator.locks.request;
              navigator.locks.request = function (...args) {
                const entry = { at: performance.now(), released: null };
                calls.locks.push(entry);
                const work = args[args.length - 1];
                args[args.length - 1] = async (lock) => {
                  try {
                    return await work(lock);
                  } finally {
                    entry.released = performance.now();
                  }
                };
                return realRequest.apply(this, args);
              };
              const tasks = [];
              const longTasks = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
              longTasks.observe({ type: 'longtask' });
              const button = [...document.querySelectorAll('nav button')].find(
                (b) => b.textContent === 'My debates',
              );
              const started = performance.now();
              const observer = new MutationObserver(() => {
                if (!document.querySelector('.library-item')) return;
                observer.disconnect();
                requestAnimationFrame(() => {
                  const rendered = performance.now() - started;
                  const finish = (error, result) => {
                    clearInterval(poll);
                    longTasks.disconnect();
                    areas.forEach((area, i) => {
                      area.get = realGets[i];
                    });
                    navigator.locks.request = realRequest;
                    if (error) reject(error);
                    else resolve(result);
                  };
                  // Until the reconcile has released the lock, however long it takes.
                  const poll = setInterval(() => {
                    const from = calls.getAll.find((t) => t > started + rendered);
                    const lock = calls.locks.find((l) => from !== undefined && l.at > from && l.released);
                    if (!lock) {
                      if (performance.now() - started > waitMs)
                        finish(new Error(`no reconcile of the library index ended within ${waitMs} ms`));
                      return;
                    }
                    const during = tasks.filter(
                      (t) => t.startTime + t.duration > from && t.startTime < lock.released,
                    );
                    finish(null, {
                      rendered,
                      reconcile: lock.released - from,
                      // null where the browser reports no long tasks (then there is no figure).
                      longestTask: PerformanceObserver.supportedEntryTypes.includes('longtask')
                        ? Math.max(0, ...during.map((t) => t.duration))
                        : null,
                    });
                  }, 50);
                });
              });
              observer.observe(document.body, { subtree: true, childList: true });
              button.click();
            }),
          RECONCILE_WAIT_MS,
        );
        libraryTimes.push(opened.rendered);
        reconcileTimes.push(opened.reconcile);
        reconcileTasks.push(opened.longestTask);
        const rows = await panel.locator('.library-item').count();
        if (rows !== 100) throw new Error(`My debates shows ${rows} rows, not 100`);
        if (i === LIBRARY_OPENINGS - 1) {
          // The whole term in one input event, as a paste or the last keystroke would give it.
          const type = (text) =>
            panel.evaluate((value) => {
              const input = document.querySelector('#library-search');
              return window.__benchTimeChange('.library', () => {
                input.value = value;
                input.dispatchEvent(new Event('input', { bubbles: true }));
              });
            }, text);
          for (const term of SEARCH_TERMS) {
            searchTimes.push(await type(term));
            clearTimes.push(await type(''));
          }
          const unique = await type('bench-unique-1234');
          if (!(unique >= 0) || (await panel.locator('.library-item').count()) !== 1)
            throw new Error('the search for a unique title does not find exactly one article');
        }
        await panel.close();
      }
      figures['panel.library_2000_render_ms'] = round(median(libraryTimes));
      figures['panel.library_2000_reconcile_ms'] = round(median(reconcileTimes));
      // A long task is one over 50 ms: 0 means the reconcile never held the main thread that long.
      if (reconcileTasks.every((t) => t !== null))
        figures['panel.library_2000_reconcile_longest_task_ms'] = round(median(reconcileTasks));
      figures['panel.library_2000_search_ms'] = round(median(searchTimes));
      figures['panel.library_2000_search_max_ms'] = round(Math.max(...searchTimes));
      figures['panel.library_2000_clear_search_ms'] = round(median(clearTimes));
    }
    await seeder.close();
    return figures;
  } finally {
    await session?.context.close().catch(() => {});
    await Promise.allSettled([fixtures.close(), pages.close()]);
    rmSync(temp, { recursive: true, force: true });
  }
}

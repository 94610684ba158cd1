// Issue 12's data-loss faults in real Chromium, production build, real toolbar click and side
// panel: two panels on one article, a record synced from a clock a year ahead, and a full
// storage.local. Each of these lost the reader's words before the fix.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { tsImport } from 'tsx/esm/api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ChromiumSession,
  clickToolbarButton,
  DEMO_PATH,
  launchChromium,
  openPageWithPanel,
  PAGE_READ,
  prepareBuildWithoutUnlimitedStorage,
  ROOT,
  serveFixtures,
  uiText,
  waitUntil,
} from './harness';
import { inWorker } from './support-sync';

const load = (path: string) => tsImport(pathToFileURL(join(ROOT, path)).href, import.meta.url);
const { planSync } = (await load('utils/sync/budget.ts')) as typeof import('../../utils/sync/budget');
const { encodeStamp } = (await load(
  'utils/positions/clock.ts',
)) as typeof import('../../utils/positions/clock');
type ArticleRecord = import('../../utils/positions/model').ArticleRecord;

// The extension pages' own `chrome` global, used inside page callbacks only (they run in the page).
// biome-ignore lint/suspicious/noExplicitAny: the extension API, untyped here.
declare const chrome: any;

const CARDS = 'section[aria-labelledby="section-debate"] article';
const YEAR_MS = 365 * 24 * 3600 * 1000;

let server: Awaited<ReturnType<typeof serveFixtures>>;
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(async () => {
  await server?.close();
});

/** Every article record in storage.local, read in the page (panel) where `chrome` is the extension API. */
const storedArticles = (panel: Page) =>
  panel.evaluate(async () => {
    const all = (await chrome.storage.local.get(null)) as Record<string, unknown>;
    return Object.entries(all)
      .filter(([key]) => key.startsWith('article:') && !key.endsWith('$'))
      .map(([, value]) => value) as ArticleRecord[];
  });

/** The positions storage holds for the demo article's debate questions, in page order. */
async function storedPositions(panel: Page): Promise<(number | string | null)[]> {
  const [article] = await storedArticles(panel);
  if (!article) return [];
  return Object.values(article.questions)
    .filter((q) => q.q.v.kind === 'debate')
    .sort((a, b) => a.q.v.order - b.q.v.order)
    .map((q) => (q.position?.v ?? null) as number | string | null);
}

/** A click on the element itself (its handlers, as a press on it runs them), wherever it has moved. */
const clickElement = (panel: Page, selector: string) =>
  panel.$eval(selector, (element) => (element as HTMLElement).click());

const radio = (index: number, value: number) =>
  `${CARDS}:nth-of-type(${index + 1}) input[type=radio][value="${value}"]`;

/** Opens a card's note field ("Add your argument") and types `text`, as a reader does. */
async function writeNote(panel: Page, index: number, text: string) {
  const card = (await panel.$$(CARDS))[index]!;
  for (const button of await card.$$('button')) {
    if ((await button.evaluate((b) => b.textContent?.trim())) === uiText('noteAdd')) await button.click();
  }
  const area = await card.waitForSelector('textarea');
  await area!.click({ count: 3 });
  await area!.type(text);
}

const noteShown = (panel: Page, index: number) =>
  panel.$$eval(CARDS, (cards, i) => cards[i]?.querySelector('textarea')?.value ?? null, index);

describe('Chromium: the reader’s words are never lost', () => {
  let profileDir: string;
  let session: ChromiumSession;
  beforeAll(async () => {
    profileDir = mkdtempSync(join(tmpdir(), 'stance-safety-'));
    session = await launchChromium(profileDir);
  });
  afterAll(async () => {
    await session?.browser.close();
    rmSync(profileDir, { recursive: true, force: true });
  });

  test('two panels on one article: clicks on two questions at the same moment are both kept', async () => {
    const a = await openPageWithPanel(session, server.url + DEMO_PATH);
    const b = await openPageWithPanel(session, server.url + DEMO_PATH);
    await Promise.all([a.panel.waitForSelector(PAGE_READ), b.panel.waitForSelector(PAGE_READ)]);
    for (let trial = 0; trial < 5; trial++) {
      const first = (trial % 5) + 1;
      const second = ((trial + 2) % 5) + 1;
      // SHORTCUT (README, Tests): each radio is clicked as an element, not at a point: the other panel's answer, arriving
      // meanwhile, opens its card's note field above this radio and moves it ~100 px between
      // puppeteer's measuring and its mouse press, which then misses (seen in 1 run of 5).
      await Promise.all([clickElement(a.panel, radio(0, first)), clickElement(b.panel, radio(1, second))]);
      await waitUntil(
        a.panel,
        async ([want1, want2]) => {
          const all = (await chrome.storage.local.get(null)) as Record<
            string,
            {
              questions?: Record<
                string,
                { q: { v: { order: number; kind: string } }; position?: { v: unknown } }
              >;
            }
          >;
          const article = Object.entries(all).find(
            ([k]) => k.startsWith('article:') && !k.endsWith('$'),
          )?.[1];
          const debate = Object.values(article?.questions ?? {})
            .filter((q) => q.q.v.kind === 'debate')
            .sort((x, y) => x.q.v.order - y.q.v.order);
          return debate[0]?.position?.v === want1 && debate[1]?.position?.v === want2;
        },
        [first, second] as const,
        20_000,
      );
      const positions = await storedPositions(a.panel);
      expect(positions.slice(0, 2), `trial ${trial}`).toEqual([first, second]);
    }
    await a.page.close();
    await b.page.close();
  });

  test('a note synced from a device whose clock is a year ahead does not beat the note typed here', async () => {
    const { page, panel } = await openPageWithPanel(session, server.url + DEMO_PATH);
    await panel.waitForSelector(PAGE_READ);
    await panel.click(radio(4, 3));
    await waitUntil(panel, async () => (await chrome.storage.local.get(null)) !== null, null);
    await waitUntil(
      panel,
      async () => {
        const all = (await chrome.storage.local.get(null)) as Record<string, unknown>;
        return Object.keys(all).some((k) => k.startsWith('article:') && !k.endsWith('$'));
      },
      null,
    );
    // The other device: it has this article, and wrote a note with its clock a year fast.
    const [ours] = await storedArticles(panel);
    const shockId = Object.entries(ours!.questions).find(([, q]) => q.q.v.order === 4)![0];
    const future = (n: number) => encodeStamp(Date.now() + YEAR_MS, n, 'fast01');
    const theirs: ArticleRecord = structuredClone(ours!);
    theirs.questions[shockId]!.note = { v: 'Their note, from a clock a year ahead', at: future(1) };
    const { items } = planSync([theirs]);
    // What the browser's sync does when that device's items arrive.
    await inWorker(session, (all) => chrome.storage.sync.set(all), items);
    await waitUntil(
      panel,
      (text) => [...document.querySelectorAll('textarea')].some((t) => t.value === text),
      'Their note, from a clock a year ahead',
      20_000,
    );

    // The reader, having seen it, writes their own.
    await writeNote(panel, 4, 'My note, typed after seeing theirs');
    await new Promise((settled) => setTimeout(settled, 9_000));
    expect(await noteShown(panel, 4)).toBe('My note, typed after seeing theirs');
    const [stored] = await storedArticles(panel);
    expect(stored!.questions[shockId]!.note!.v).toBe('My note, typed after seeing theirs');

    // Delivered once more (sync re-sends the remote items): still the reader's.
    await inWorker(session, (all) => chrome.storage.sync.set(all), items);
    await new Promise((settled) => setTimeout(settled, 3_000));
    await page.close();
    const again = await openPageWithPanel(session, server.url + DEMO_PATH);
    await again.panel.waitForSelector(PAGE_READ);
    await waitUntil(
      again.panel,
      (text) => [...document.querySelectorAll('textarea')].some((t) => t.value === text),
      'My note, typed after seeing theirs',
    );
    await again.page.close();
  });
});

// SHORTCUT: this build lacks `unlimitedStorage` (prepareBuildWithoutUnlimitedStorage), so Chrome's
// 10 MB quota is reached in seconds; a reader's build refuses only when the disk is full, and the
// refusal takes the same path (the panel's save, its error, the side store, the retry).
describe('Chromium: storage.local full', () => {
  let profileDir: string;
  let session: ChromiumSession;
  beforeAll(async () => {
    profileDir = mkdtempSync(join(tmpdir(), 'stance-full-'));
    session = await launchChromium(profileDir, { extensionDir: prepareBuildWithoutUnlimitedStorage() });
  });
  afterAll(async () => {
    await session?.browser.close();
    rmSync(profileDir, { recursive: true, force: true });
  });

  test('the panel says so, keeps the position and the note, and saves them once there is room', async () => {
    const { page, panel } = await openPageWithPanel(session, server.url + DEMO_PATH);
    await panel.waitForSelector(PAGE_READ);
    // Fill storage.local to the last kilobytes of its quota, as years of notes would.
    const filled = await inWorker(session, async () => {
      const chunk = 'x'.repeat(1_000_000);
      let i = 0;
      for (let size = 1_000_000; size >= 1_000; size = Math.floor(size / 4)) {
        for (;;) {
          try {
            await chrome.storage.local.set({ [`filler-${i++}`]: chunk.slice(0, size) });
          } catch {
            break;
          }
        }
      }
      return i;
    });
    expect(filled).toBeGreaterThan(9);

    await panel.click(radio(2, 5));
    await waitUntil(
      panel,
      (text) => document.querySelector('[role=alert]')?.textContent === text,
      uiText('errorStorageFull'),
    );
    await writeNote(panel, 2, 'Un argument qui ne doit pas se perdre');
    await new Promise((settled) => setTimeout(settled, 1_500));
    // Still refused: the alert stays, never replaced by "Saving…" for ever.
    expect(await panel.$eval('[role=alert]', (e) => e.textContent)).toBe(uiText('errorStorageFull'));
    expect(await panel.evaluate(() => document.body.textContent)).not.toContain(
      uiText('announceSaved').split(':')[0],
    );

    // The reader goes on to another page in the same tab: nothing they wrote is dropped.
    await page.goto(`${server.url}/pages/en-comments-questions.html`);
    await clickToolbarButton(session, page, panel);
    await waitUntil(
      panel,
      () => document.querySelector('h1')?.textContent?.includes('Sourdough') ?? false,
      null,
    );

    // Room comes back.
    await inWorker(session, async () => {
      const keys = Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('filler-'));
      await chrome.storage.local.remove(keys);
    });
    await waitUntil(
      panel,
      async () => {
        const all = (await chrome.storage.local.get(null)) as Record<
          string,
          { questions?: Record<string, { position?: { v: unknown }; note?: { v: string } }> }
        >;
        const article = Object.entries(all).find(
          ([k]) => k.startsWith('article:') && k.includes('spacex') && !k.endsWith('$'),
        )?.[1];
        const qs = Object.values(article?.questions ?? {});
        return (
          qs.some((q) => q.position?.v === 5) &&
          qs.some((q) => q.note?.v === 'Un argument qui ne doit pas se perdre')
        );
      },
      null,
      40_000,
    );
    // The alert goes once the save loop has finished (after the write the loop still clears the
    // side copy): waited for, not checked at the instant the data lands.
    await waitUntil(panel, () => document.querySelector('[role=alert]') === null, null, 10_000);
  });
});

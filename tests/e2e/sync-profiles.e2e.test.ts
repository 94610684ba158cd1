// Sync in real Chromium, with the test standing in for the browser's sync service: two profiles'
// storage.sync items are copied across, and edits on both merge; a profile pushed past the real
// quota keeps every note locally and says how many articles stay on this device.
// Chromium runs the production build with no host permission: each profile's reader clicks the
// toolbar button on the demo article and works in the real side panel that opens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { tsImport } from 'tsx/esm/api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { questionId } from '../../utils/extract/ids';
import { encodeStamp } from '../../utils/positions/clock';
import type { ArticleRecord } from '../../utils/positions/model';
import {
  type ChromiumSession,
  clickToolbarButton,
  DEMO_PATH,
  extensionWorker,
  launchChromium,
  launchFirefox,
  openFirefoxPageWithPanel,
  openPageWithPanel,
  PAGE_READ,
  prepareHostAccessBuild,
  ROOT,
  serveFixtures,
  uiText,
  waitInFirefox,
  waitUntil,
} from './harness';
import { clickNav, type StatusSnapshot, storedSyncStatus } from './support-sync';

// The e2e config has no '@/' alias; tsx resolves it from tsconfig.
const { planSync } = (await tsImport(
  pathToFileURL(join(ROOT, 'utils/sync/budget.ts')).href,
  import.meta.url,
)) as typeof import('../../utils/sync/budget');

const { articleEntries } = (await tsImport(
  pathToFileURL(join(ROOT, 'utils/storage-keys.ts')).href,
  import.meta.url,
)) as typeof import('../../utils/storage-keys');

type Items = Record<string, unknown>;
// The extension pages' own `chrome` global, used inside page callbacks only (they run in the page).
// biome-ignore lint/suspicious/noExplicitAny: untyped here; the test only calls storage.
declare const chrome: any;
// biome-ignore lint/suspicious/noExplicitAny: Firefox's `browser` global, likewise.
declare const browser: any;

const DEBATE = 'section[aria-labelledby="section-debate"] article';

/** The index-th debate card of the panel (page order). */
async function card(panel: Page, index: number) {
  const cards = await panel.$$(DEBATE);
  const found = cards[index];
  if (!found) throw new Error(`The panel shows ${cards.length} debate cards, not ${index + 1}`);
  return found;
}

/** Takes a stance on a card, as a reader does: clicks its radio button of that value. */
async function takeStance(panel: Page, index: number, value: number) {
  const input = await (await card(panel, index)).$(`input[type=radio][value="${value}"]`);
  if (!input) throw new Error(`No stance ${value} on card ${index}`);
  await input.click();
  await waitUntil(
    panel,
    ([i, v]) => {
      const radio = document
        .querySelectorAll('section[aria-labelledby="section-debate"] article')
        [i]?.querySelector(`input[type=radio][value="${v}"]`) as HTMLInputElement | null;
      return radio?.checked === true;
    },
    [index, value] as const,
  );
}

/** Writes a note on a card, as a reader does: "Add your argument", then types it. */
async function writeNote(panel: Page, index: number, text: string) {
  const target = await card(panel, index);
  let opened = false;
  for (const button of await target.$$('button')) {
    if ((await button.evaluate((b) => b.textContent?.trim())) === uiText('noteAdd')) {
      await button.click();
      opened = true;
      break;
    }
  }
  if (!opened) throw new Error(`No "${uiText('noteAdd')}" button on card ${index}`);
  const area = await target.waitForSelector('textarea');
  await area!.type(text);
  expect(await area!.evaluate((t) => (t as HTMLTextAreaElement).value)).toBe(text);
}

const readStatus = (panel: Page) => panel.evaluate(storedSyncStatus);

/** Waits until the background has written everything it had pending to storage.sync. */
async function syncSettled(panel: Page, atLeast = 0) {
  await waitUntil(
    panel,
    async (after) => {
      // Inlined: the predicate runs in the panel, where the test's imports do not exist.
      const { syncStatus: status } = await chrome.storage.local.get('syncStatus');
      return status != null && !status.pending && (status.lastSyncedAt ?? 0) > after;
    },
    atLeast,
    30_000,
  );
}

const syncItems = (panel: Page) => panel.evaluate(() => chrome.storage.sync.get(null) as Promise<Items>);

/** What the browser's sync would do: deliver one device's items to another. */
async function deliver(from: Page, to: Page) {
  const items = await syncItems(from);
  expect(Object.keys(items).length).toBeGreaterThan(0);
  await to.evaluate((all) => chrome.storage.sync.set(all), items);
}

/** Positions stored for the demo article's first three debate questions, in page order. */
async function storedPositions(panel: Page): Promise<unknown[]> {
  const ids = await panel.$$eval(DEBATE, (cards) =>
    cards.slice(0, 3).map((c) => c.getAttribute('data-question-id')),
  );
  return panel.evaluate(
    (wanted) =>
      chrome.storage.local
        .get(null)
        .then((all: Record<string, { questions?: Record<string, { position?: { v: unknown } }> }>) => {
          const article = Object.entries(all).find(
            ([key]) => key.startsWith('article:') && !key.endsWith('$'),
          )?.[1];
          return wanted.map((id: string | null) => article?.questions?.[id ?? '']?.position?.v ?? null);
        }),
    ids,
  );
}

const positions = (panel: Page) =>
  panel.$$eval(DEBATE, (cards) =>
    cards.map((c) => (c.querySelector('input:checked') as HTMLInputElement | null)?.value ?? null),
  );

let server: Awaited<ReturnType<typeof serveFixtures>>;
const dirs: string[] = [];
const sessions: ChromiumSession[] = [];

beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(async () => {
  for (const s of sessions) await s.browser.close().catch(() => {});
  await server?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh Chromium profile running the production build `.output/chrome-mv3` itself. */
async function launch(): Promise<ChromiumSession> {
  const dir = mkdtempSync(join(tmpdir(), 'stance-sync-'));
  dirs.push(dir);
  const session = await launchChromium(dir);
  sessions.push(session);
  return session;
}

describe('two browsers of one reader', () => {
  test('edits made on both merge: different questions, stance and note of one question, the later of two edits', async () => {
    const [laptop, phone] = [await launch(), await launch()];
    const onLaptop = await openPageWithPanel(laptop, server.url + DEMO_PATH);
    const onPhone = await openPageWithPanel(phone, server.url + DEMO_PATH);
    const [a, b] = [onLaptop.panel, onPhone.panel];
    for (const panel of [a, b]) await panel.waitForSelector(DEBATE);

    await takeStance(a, 0, 5); // laptop: the stance on question 0
    await takeStance(a, 2, 1); // both edit question 2: the phone's is later
    const laptopEdited = Date.now();
    await writeNote(b, 0, 'Écrit sur le téléphone.'); // phone: the note on question 0
    await takeStance(b, 1, 2); // phone: another question
    await takeStance(b, 2, 4);
    const phoneEdited = Date.now();
    await syncSettled(a, laptopEdited);
    await syncSettled(b, phoneEdited);

    // The phone receives the laptop's items, merges them into its own data, and writes the merge.
    const firstDelivery = Date.now();
    await deliver(a, b);
    await expect.poll(() => storedPositions(b), { timeout: 20_000 }).toEqual([5, 2, 4]);
    await syncSettled(b, firstDelivery);
    // The laptop receives the phone's merged items.
    await deliver(b, a);
    await expect.poll(() => storedPositions(a), { timeout: 20_000 }).toEqual([5, 2, 4]);

    // Each reader closes the side panel and clicks the toolbar button again: the new panel shows the merge.
    for (const [session, opened] of [
      [laptop, onLaptop],
      [phone, onPhone],
    ] as const) {
      await opened.panel.close();
      const panel = await clickToolbarButton(session, opened.page);
      await panel.waitForSelector(PAGE_READ);
      await expect.poll(() => positions(panel)).toEqual(['5', '2', '4', null, null]);
      expect(await (await card(panel, 0)).$eval('textarea', (t) => (t as HTMLTextAreaElement).value)).toBe(
        'Écrit sur le téléphone.',
      );
    }
  });
});

describe('a damaged item', () => {
  test('delivered to one profile only: nothing of it is merged, that profile replaces it, and every edit still syncs both ways', async () => {
    const [laptop, phone] = [await launch(), await launch()];
    const onLaptop = await openPageWithPanel(laptop, server.url + DEMO_PATH);
    const onPhone = await openPageWithPanel(phone, server.url + DEMO_PATH);
    const [a, b] = [onLaptop.panel, onPhone.panel];
    for (const panel of [a, b]) await panel.waitForSelector(DEBATE);
    await takeStance(a, 0, 5);
    await syncSettled(a, Date.now() - 1);

    // The phone receives the laptop's items with one character of b0 changed, as a copy damaged on
    // the way would arrive (one article: one item, whose checksum then fails).
    const items = await syncItems(a);
    const head = items.b0 as string;
    expect(Object.keys(items)).toEqual(['b0']);
    const at = Math.floor(head.length / 2);
    const damaged = { ...items, b0: head.slice(0, at) + (head[at] === 'a' ? 'b' : 'a') + head.slice(at + 1) };
    const delivered = Date.now();
    await b.evaluate((all) => chrome.storage.sync.set(all), damaged);
    await expect
      .poll(async () => (await readStatus(b))?.repairedAt ?? 0, { timeout: 30_000 })
      .toBeGreaterThan(delivered);
    expect(await storedPositions(b)).toEqual([null, null, null]);
    expect((await syncItems(b)).b0).not.toBe(damaged.b0);

    // Both profiles go on syncing: the phone's edit reaches the laptop, the laptop's the phone.
    await takeStance(b, 1, 2);
    await syncSettled(b, Date.now() - 1);
    await deliver(b, a);
    await expect.poll(() => storedPositions(a), { timeout: 20_000 }).toEqual([5, 2, null]);
    const merged = Date.now();
    await syncSettled(a, merged);
    await deliver(a, b);
    await expect.poll(() => storedPositions(b), { timeout: 20_000 }).toEqual([5, 2, null]);
    expect((await readStatus(b))?.corrupt).toBe(0);
  });
});

/** Whether Stance's service worker runs in this profile now. */
function workerRuns({ browser, extensionId }: ChromiumSession): boolean {
  return browser
    .targets()
    .some((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`));
}

describe('a worker stopped while the reader works', () => {
  test('a stance taken in the panel starts the stopped worker again and reaches the other profile', async () => {
    const [laptop, phone] = [await launch(), await launch()];
    const onLaptop = await openPageWithPanel(laptop, server.url + DEMO_PATH);
    const onPhone = await openPageWithPanel(phone, server.url + DEMO_PATH);
    const [a, b] = [onLaptop.panel, onPhone.panel];
    for (const panel of [a, b]) await panel.waitForSelector(DEBATE);
    await takeStance(a, 0, 5);
    await syncSettled(a, Date.now() - 1);

    // Chrome stops an idle worker after 30 s; DevTools stops it now.
    await (await extensionWorker(laptop)).close();
    await expect.poll(() => workerRuns(laptop), { timeout: 15_000 }).toBe(false);
    const stopped = Date.now();
    // The panel saves to storage.local; the change starts the worker, whose start must see that
    // the library changed since its last plan.
    await takeStance(a, 1, 2);
    await expect.poll(() => workerRuns(laptop), { timeout: 15_000 }).toBe(true);
    await syncSettled(a, stopped);
    await deliver(a, b);
    await expect.poll(() => storedPositions(b), { timeout: 20_000 }).toEqual([5, 2, null]);
  });
});

describe('past the real storage.sync quota', () => {
  test('every note stays on the device, the most recent articles sync, and the status says how many stay', async () => {
    const session = await launch();
    const { panel } = await openPageWithPanel(session, server.url + DEMO_PATH);
    await panel.waitForSelector(DEBATE);
    const articles = manyArticles(PAST_QUOTA);
    await panel.evaluate((items) => chrome.storage.local.set(items), articles);

    await expect
      .poll(
        async () => {
          const status = await readStatus(panel);
          return status !== null && !status.pending && status.localByBudget > 0;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true);
    const outcome = await panel.evaluate(quotaOutcome);
    expectEveryNoteKept(outcome);
    expectSameBytesAsNode(outcome);
    const { status } = outcome;

    await clickNav(panel, 'navSettings');
    await waitUntil(
      panel,
      (text) => document.querySelector('.sync-status')?.textContent?.includes(text) === true,
      uiText('syncLocalOnlyCount').replace('$1', String(status.localByBudget)),
    );
  });
});

// SHORTCUT (README, Tests): WebDriver BiDi cannot press Firefox's toolbar button nor open its
// sidebar, so no click can grant the demo tab to Stance: this runs the host-access copy of the
// Firefox build, with the panel page in a tab beside the article.
describe('past the real storage.sync quota, in Firefox', () => {
  test('every note stays on the device and the status says how many stay', async () => {
    const firefox = await launchFirefox({
      extensionDir: prepareHostAccessBuild('firefox-mv2', 'sync-profiles-firefox'),
    });
    try {
      const { panel } = await openFirefoxPageWithPanel(firefox, server.url + DEMO_PATH);
      await panel.waitForSelector(DEBATE);
      await panel.evaluate((items) => browser.storage.local.set(items), manyArticles(PAST_QUOTA));
      await waitInFirefox(
        panel,
        () =>
          browser.storage.local
            .get('syncStatus')
            .then(
              ({ syncStatus }: { syncStatus?: StatusSnapshot }) =>
                syncStatus !== undefined && !syncStatus.pending && syncStatus.localByBudget > 0,
            ),
        undefined,
        60_000,
      );
      const outcome = await panel.evaluate(quotaOutcome);
      expectEveryNoteKept(outcome);
      expectSameBytesAsNode(outcome);
      const { status } = outcome;
      await clickNav(panel, 'navSettings');
      await waitInFirefox(
        panel,
        (text) => document.querySelector('.sync-status')?.textContent?.includes(text) === true,
        uiText('syncLocalOnlyCount').replace('$1', String(status.localByBudget)),
      );
    } finally {
      await firefox.browser.close();
    }
  });
});

/**
 * Articles past what storage.sync holds: these notes draw on a 200-word vocabulary, which Stance's
 * coder packs to about 110 bytes an article compact, so about 950 fit.
 */
const PAST_QUOTA = 1_500;

/** Runs in the panel page (either browser): what storage holds after the quota was passed. */
async function quotaOutcome() {
  // biome-ignore lint/suspicious/noExplicitAny: the page's own extension global, untyped here.
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  const all: Items = await api.storage.local.get(null);
  const articleKeys = Object.keys(all).filter((k) => k.startsWith('article:') && !k.endsWith('$'));
  return {
    status: all.syncStatus as StatusSnapshot,
    used: (await api.storage.sync.getBytesInUse(null)) as number,
    local: articleKeys.filter((k) => k.startsWith('article:https://news.example/')).length,
    library: articleKeys.map((k) => all[k]),
    synced: (await api.storage.sync.get(null)) as Items,
  };
}

/** Every article stays on the device, sync stays within the real quota, and some stay local. */
function expectEveryNoteKept({ status, used, local }: Awaited<ReturnType<typeof quotaOutcome>>) {
  expect(local).toBe(PAST_QUOTA);
  expect(used).toBeLessThanOrEqual(102_400);
  expect(status.localByBudget).toBeGreaterThan(0);
  expect(status.localByBudget).toBeLessThan(PAST_QUOTA);
}

/**
 * What the browser wrote is, byte for byte, what this test's Node plans for the same library: the
 * coder gives the same bytes in every engine, or two browsers of one reader would overwrite each
 * other's items for ever.
 */
function expectSameBytesAsNode({ library, synced }: Awaited<ReturnType<typeof quotaOutcome>>) {
  const plan = planSync(library as ArticleRecord[]);
  expect(Object.keys(synced).sort()).toEqual(Object.keys(plan.items).sort());
  for (const [key, value] of Object.entries(plan.items)) expect(synced[key] === value, key).toBe(true);
}

/** `count` articles as Stance stores them, with notes of varied text that compresses like real prose. */
function manyArticles(count: number): Items {
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const vocabulary =
    'le la les un une des débat question article énergie état pouvoir monde the of and to in that is was for on are with as his they be at one have this from or had by word but what some we can out other were all there when up use your how said an each she which do their time if will way about many then them write would like so these her long make thing see him two has look more day could go come did number sound no most people my over know water than call first who may down side been now find'.split(
      ' ',
    );
  const words = (n: number) =>
    Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
  const items: Items = {};
  for (let i = 0; i < count; i++) {
    const at = encodeStamp(1_760_000_000_000 + i * 60_000, 0, 'seed01');
    const url = `https://news.example/${i}`;
    const questions: Items = {};
    for (let k = 0; k < 5; k++) {
      const text = `${words(12)} ?`;
      const position = (k % 5) + 1;
      questions[questionId(text)] = {
        q: { v: { kind: 'debate', label: '', text, form: { type: 'yes-no' }, order: k }, at },
        position: { v: position, at },
        history: { [at]: { from: null, to: position } },
        ...(k < 2 ? { note: { v: words(35), at } } : {}),
      };
    }
    Object.assign(
      items,
      articleEntries({
        url,
        meta: { v: { title: words(8), siteName: 'News', lang: 'en', readingMinutes: 4 }, at },
        questions,
      } as ArticleRecord),
    );
  }
  return items;
}

// Proves the e2e harness itself: Stance loads in each browser, its panel opens beside a page tab
// (Chromium: the real side panel, through the toolbar button) and renders, and its storage answers.
// The panel's behaviour is tested in its own files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ChromiumSession,
  DEMO_PATH,
  extensionWorker,
  type FirefoxSession,
  launchChromium,
  launchFirefox,
  openFirefoxPageWithPanel,
  openPageWithPanel,
  PAGE_READ,
  prepareHostAccessBuild,
  runAxe,
  serveFixtures,
} from './harness';

let server: Awaited<ReturnType<typeof serveFixtures>>;
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(async () => {
  await server?.close();
});

describe('Chromium (production build, real toolbar click)', () => {
  let profileDir: string;
  let session: ChromiumSession;
  beforeAll(async () => {
    profileDir = mkdtempSync(join(tmpdir(), 'stance-e2e-chromium-'));
    session = await launchChromium(profileDir);
  });
  afterAll(async () => {
    await session?.browser.close();
    rmSync(profileDir, { recursive: true, force: true });
  });

  test('loads Stance and opens its real side panel beside a page tab', async () => {
    expect(session.extensionId).toMatch(/^[a-p]{32}$/);
    const { panel, tabId } = await openPageWithPanel(session, server.url + DEMO_PATH);
    expect(tabId).toBeGreaterThan(0);
    // The real side panel, not a copy of it in a tab.
    expect(panel.url()).toBe(`chrome-extension://${session.extensionId}/sidepanel.html`);
    expect(await panel.evaluate(() => document.documentElement.lang)).not.toBe('');
    // The panel as a reader first meets it, with the page read: no WCAG 2 A/AA violation.
    await panel.waitForSelector(PAGE_READ);
    expect(await runAxe(panel)).toEqual([]);
  });

  test('keeps storage.local across a restart with the same profile', async () => {
    const worker = await extensionWorker(session);
    // biome-ignore lint/suspicious/noExplicitAny: the worker's own `chrome` global, untyped here.
    await worker.evaluate(() => (globalThis as any).chrome.storage.local.set({ 'e2e.smoke': 42 }));
    await session.browser.close();
    session = await launchChromium(profileDir);
    const { panel: again } = await openPageWithPanel(session, server.url + DEMO_PATH);
    // biome-ignore lint/suspicious/noExplicitAny: the page's own `chrome` global, untyped here.
    const stored = await again.evaluate(() => (globalThis as any).chrome.storage.local.get('e2e.smoke'));
    expect(stored).toEqual({ 'e2e.smoke': 42 });
  });
});

// SHORTCUT (README, Tests): BiDi cannot press Firefox's toolbar button nor open its sidebar, so the
// panel page opens in a tab beside the article, on the host-access copy of each Firefox build.
describe.each(['firefox-mv2', 'firefox-mv3'] as const)('Firefox (%s)', (target) => {
  let session: FirefoxSession;
  beforeAll(async () => {
    session = await launchFirefox({ extensionDir: prepareHostAccessBuild(target, `smoke-${target}`) });
  });
  afterAll(async () => {
    await session?.browser.close();
  });

  test('installs Stance, opens its panel beside a page tab, and reaches storage', async () => {
    const { panel, tabId } = await openFirefoxPageWithPanel(session, server.url + DEMO_PATH);
    expect(tabId).toBeGreaterThan(0);
    // puppeteer's page.url() lags on moz-extension:// pages (no BiDi load event): ask the page.
    expect(await panel.evaluate(() => location.search)).toBe(`?tab=${tabId}`);
    await panel.waitForFunction(() => (document.getElementById('app')?.childElementCount ?? 0) > 0);
    const stored = await panel.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: the page's own `browser` global, untyped here.
      const storage = (globalThis as any).browser.storage.local;
      await storage.set({ 'e2e.smoke': 'ok' });
      return storage.get('e2e.smoke');
    });
    expect(stored).toEqual({ 'e2e.smoke': 'ok' });
    // The panel reads the article beside it: the same path as the sidebar's.
    await panel.waitForSelector(PAGE_READ);
    expect(await runAxe(panel)).toEqual([]);
  });
});

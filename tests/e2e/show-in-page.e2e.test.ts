// "Show in page" on the demo article: the page scrolls to the question and highlights it with the
// CSS Custom Highlight API (a `stance-passage` highlight), without adding any element to the page
// body or moving its layout.
// Chromium runs the production build with no host permission: the reader clicks the toolbar
// button on the demo article, and the real side panel's button reaches the page through that grant.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ChromiumSession,
  DEMO_PATH,
  launchChromium,
  openPageWithPanel,
  serveFixtures,
  uiText,
} from './harness';
import { clickButton } from './support-chromium';

/** Words of the 5th debate question ("La question choc"), as the page writes them. */
const QUESTION_START = 'Préféreriez-vous vivre dans un monde';

let server: Awaited<ReturnType<typeof serveFixtures>>;
let profileDir: string;
let session: ChromiumSession;

beforeAll(async () => {
  server = await serveFixtures();
  profileDir = mkdtempSync(join(tmpdir(), 'stance-show-in-page-'));
  session = await launchChromium(profileDir, { locale: 'en' });
});
afterAll(async () => {
  await session?.browser.close();
  await server?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

/** What must not change in the page: its body's elements and height. */
function pageLayout() {
  return {
    bodyElements: document.body.querySelectorAll('*').length,
    bodyHeight: document.body.getBoundingClientRect().height,
    headElements: document.head.querySelectorAll('*').length,
    headNonStyle: document.head.querySelectorAll(':not(style)').length,
  };
}

/** Resolves once the page's width and height have not changed for 500 ms. */
async function waitForStableLayout(page: Page): Promise<void> {
  let last = '';
  let since = Date.now();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const now = await page.evaluate(() => `${innerWidth}x${document.body.getBoundingClientRect().height}`);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= 500) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The page kept reflowing (last ${last})`);
}

/** Where the question's paragraph sits relative to the viewport. */
function questionBox(start: string) {
  const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent?.startsWith(start));
  if (!paragraph) return null;
  const rect = paragraph.getBoundingClientRect();
  return { top: rect.top, bottom: rect.bottom, viewport: innerHeight, scrollY };
}

describe('Show in page', () => {
  test('scrolls to the 5th debate question and highlights it without touching the layout', async () => {
    const { page, panel } = await openPageWithPanel(session, server.url + DEMO_PATH);
    const fifth = await panel.waitForSelector(
      'section[aria-labelledby="section-debate"] article[data-question-id]:nth-of-type(5)',
    );
    expect(await fifth!.$eval('.label', (e) => e.textContent)).toContain('La question choc');
    expect(await fifth!.$eval('.text', (e) => e.textContent)).toContain(QUESTION_START);

    // The side panel slides in beside the page, narrowing it: measure once the page stops reflowing.
    await waitForStableLayout(page);
    const before = await page.evaluate(pageLayout);
    const start = await page.evaluate(questionBox, QUESTION_START);
    expect(start).not.toBeNull();
    // The question starts below the fold, so scrolling to it is something to prove.
    expect(start!.top).toBeGreaterThan(start!.viewport);

    await clickButton(fifth!, uiText('showInPage', 'en'));

    // The highlight lasts 2.5 s: check it first, then wait for the smooth scroll to settle.
    await page.waitForFunction(() => CSS.highlights.has('stance-passage'), { polling: 50, timeout: 2000 });
    await page.waitForFunction(
      (wanted) => {
        const p = [...document.querySelectorAll('p')].find((el) => el.textContent?.startsWith(wanted));
        const rect = p?.getBoundingClientRect();
        return rect !== undefined && rect.top >= 0 && rect.bottom <= innerHeight;
      },
      { polling: 50, timeout: 5000 },
      QUESTION_START,
    );
    const end = await page.evaluate(questionBox, QUESTION_START);
    expect(end!.scrollY).toBeGreaterThan(0);
    expect(end!.top).toBeGreaterThanOrEqual(0);
    expect(end!.bottom).toBeLessThanOrEqual(end!.viewport);

    const during = await page.evaluate(pageLayout);
    expect(during.bodyElements).toBe(before.bodyElements);
    expect(during.bodyHeight).toBe(before.bodyHeight);
    // At most a <style> for the highlight's colour was added, in the head.
    expect(during.headNonStyle).toBe(before.headNonStyle);
    expect(during.headElements - before.headElements).toBeLessThanOrEqual(1);

    // The highlight and its style go away by themselves.
    await page.waitForFunction(() => !CSS.highlights.has('stance-passage'), {
      polling: 50,
      timeout: 5000,
    });
    expect(await page.evaluate(pageLayout)).toEqual(before);
  });
});

// A reader's whole session on the demo article, in French, then the same profile reopened in
// English: positions (one A-or-B), notes, a revised answer with its reason, a passage from the page
// as a claim, all found again in the article and in My debates; axe finds nothing to fix.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ChromiumSession,
  DEMO_PATH,
  launchChromium,
  openPageWithPanel,
  PAGE_READ,
  prepareE2eBuild,
  runAxe,
  serveFixtures,
} from './harness';

const PASSAGE = 'le code est éphémère, mais le hardware est l’arbitre final';
const card = (panel: Page, index: number) =>
  panel.locator('section[aria-labelledby="section-debate"] article').nth(index);

/** Resolves once storage.local holds an article whose JSON contains `text`. */
const storedContains = (text: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: the page's own `chrome` global, untyped here.
  (globalThis as any).chrome.storage.local
    .get(null)
    .then((all: Record<string, unknown>) =>
      Object.entries(all).some(
        ([key, value]) => key.startsWith('article:') && JSON.stringify(value).includes(text),
      ),
    );

let server: Awaited<ReturnType<typeof serveFixtures>>;
let profileDir: string;
let extensionDir: string;
let session: ChromiumSession;

beforeAll(async () => {
  server = await serveFixtures();
  profileDir = mkdtempSync(join(tmpdir(), 'stance-session-'));
  extensionDir = prepareE2eBuild('chrome-mv3', 'reader-session');
});
afterAll(async () => {
  await session?.context.close();
  await server?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

describe('a reader’s session on the demo article', () => {
  test('in French: answers, notes, a revised answer with its reason, and a passage as a claim', async () => {
    session = await launchChromium(profileDir, { extensionDir, locale: 'fr' });
    const { page, panel } = await openPageWithPanel(session, server.url + DEMO_PATH);
    await panel.waitForSelector('section[aria-labelledby="section-debate"] article');
    expect(await panel.textContent('#section-debate')).toBe('L’auteur vous demande');

    await card(panel, 0).locator('input[value="5"]').check();
    await card(panel, 0).locator('textarea').fill('Les États ont encore des leviers.');
    await card(panel, 4).locator('input[value="2"]').check();
    await expect
      .poll(() => card(panel, 4).locator('.scale-value').textContent())
      .toContain('Plutôt : l’IA est bridée');
    await card(panel, 4).locator('textarea').fill('Je préfère des États lents à un seul maître.');
    await card(panel, 1).locator('input[value="3"]').check();
    await card(panel, 1).locator('input[value="1"]').check();
    await card(panel, 1).locator('details.history summary').click();
    await card(panel, 1)
      .locator('details.history input[type=text]')
      .fill('Un ami investisseur m’a convaincu.');
    expect(await panel.locator('[role=status][aria-live=polite]').textContent()).toContain(
      'Position enregistrée',
    );

    // Select a passage in the page, then ask the panel to debate it.
    await page.evaluate((wanted) => {
      const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent?.includes(wanted))!;
      const text = paragraph.firstChild!;
      const start = text.textContent!.indexOf(wanted);
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + wanted.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    }, PASSAGE);
    await panel.getByRole('button', { name: 'Débattre du passage sélectionné dans la page' }).click();
    await panel.waitForSelector(`section[aria-labelledby="section-claims"] article:has-text("${PASSAGE}")`);

    // playwright's waitForFunction does not await a promise: poll the storage instead.
    for (const text of [
      'Un ami investisseur m’a convaincu.',
      'Je préfère des États lents à un seul maître.',
    ]) {
      await expect.poll(() => panel.evaluate(storedContains, text), { timeout: 10_000 }).toBe(true);
    }
    expect(await runAxe(panel)).toEqual([]);
    await panel.close();
    await session.context.close();
  });

  test('reopened in English: everything is in the article and in My debates', async () => {
    session = await launchChromium(profileDir, { extensionDir, locale: 'en' });
    const { panel } = await openPageWithPanel(session, server.url + DEMO_PATH);
    await panel.waitForSelector(PAGE_READ);
    expect(await panel.textContent('#section-debate')).toBe('The author asks you');

    const checked = await panel
      .locator('section[aria-labelledby="section-debate"] article')
      .evaluateAll((cards) =>
        cards.map((c) => (c.querySelector('input:checked') as HTMLInputElement | null)?.value ?? null),
      );
    expect(checked).toEqual(['5', '1', null, null, '2']);
    expect(await card(panel, 0).locator('textarea').inputValue()).toBe('Les États ont encore des leviers.');
    expect(await card(panel, 4).locator('textarea').inputValue()).toBe(
      'Je préfère des États lents à un seul maître.',
    );
    expect(await card(panel, 1).locator('details.history summary').textContent()).toMatch(/^Neither → No, /);
    await card(panel, 1).locator('details.history summary').click();
    expect(await card(panel, 1).locator('details.history input[type=text]').inputValue()).toBe(
      'Un ami investisseur m’a convaincu.',
    );
    expect(await panel.textContent('section[aria-labelledby="section-claims"]')).toContain(PASSAGE);
    expect(await panel.textContent('.article-header')).toContain('3 of 9 answered');
    expect(await runAxe(panel)).toEqual([]);

    await panel.getByRole('button', { name: 'My debates' }).click();
    const item = panel.locator('.library-item').first();
    await item.waitFor();
    expect(await item.textContent()).toContain('Le Coup de Maître d’Elon');
    expect(await item.textContent()).toContain('3 positions');
    await panel.fill('#library-search', 'leviers');
    expect(await panel.locator('.library-item').count()).toBe(1);
    await panel.fill('#library-search', 'introuvable');
    expect(await panel.locator('.library-item').count()).toBe(0);
    expect(await runAxe(panel)).toEqual([]);
  });
});

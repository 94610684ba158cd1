// A reader's whole session on the demo article, in French, then the same profile reopened in
// English: positions (one A-or-B), notes, a revised answer with its reason, a passage from the page
// as a claim, all found again in the article and in My debates; axe finds nothing to fix.
// Chromium runs the production build with no host permission: the reader clicks the toolbar
// button on the demo article and works in the real side panel that opens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ChromiumSession,
  DEMO_PATH,
  launchChromium,
  openPageWithPanel,
  PAGE_READ,
  ROOT,
  runAxe,
  serveFixtures,
  uiText,
  waitUntil,
} from './harness';
import { clickButton, counted, fillField, message, openView, textOf, textsOf } from './support-chromium';

// How long a reader is taken to be still deciding, from the product itself. The e2e config has no
// '@/' alias; tsx resolves it from tsconfig.
const { SETTLE_MS } = (await tsImport(
  pathToFileURL(join(ROOT, 'utils/positions/actions.ts')).href,
  import.meta.url,
)) as typeof import('../../utils/positions/actions');

const PASSAGE = 'le code est éphémère, mais le hardware est l’arbitre final';
const DEBATE = 'section[aria-labelledby="section-debate"] article';
/** The debate card at `index` (0-based): the section's articles follow its heading. */
const card = (index: number) => `${DEBATE}:nth-of-type(${index + 1})`;
const NOTE_0 = 'Les États ont encore des leviers.';
const NOTE_4 = 'Je préfère des États lents à un seul maître.';
const REASON = 'Un ami investisseur m’a convaincu.';

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

type StoredArticle = {
  questions?: Record<string, { q: { v: { text: string } }; position?: { v: unknown } }>;
};
/** Resolves once storage.local holds an article whose question `text` has the position `position`. */
const storedPosition = ([text, position]: readonly [string, number]) =>
  // biome-ignore lint/suspicious/noExplicitAny: the page's own `chrome` global, untyped here.
  (globalThis as any).chrome.storage.local
    .get(null)
    .then((all: Record<string, StoredArticle>) =>
      Object.entries(all).some(
        ([key, article]) =>
          key.startsWith('article:') &&
          Object.values(article.questions ?? {}).some(
            (q) => q.q.v.text === text && q.position?.v === position,
          ),
      ),
    );

let server: Awaited<ReturnType<typeof serveFixtures>>;
let profileDir: string;
let session: ChromiumSession | undefined;

beforeAll(async () => {
  server = await serveFixtures();
  profileDir = mkdtempSync(join(tmpdir(), 'stance-session-'));
});
afterAll(async () => {
  await session?.browser.close();
  await server?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

describe('a reader’s session on the demo article', () => {
  test('in French: answers, notes, a revised answer with its reason, and a passage as a claim', async () => {
    const FR = 'fr';
    session = await launchChromium(profileDir, { locale: FR });
    const { page, panel } = await openPageWithPanel(session, server.url + DEMO_PATH);
    await panel.waitForSelector(DEBATE);
    expect(await textOf(panel, '#section-debate')).toBe(uiText('sectionDebate', FR));

    // A first answer to question 2, which the reader revises later. A change made within SETTLE_MS
    // of the last one is the same decision still being made (no history entry), so the revision
    // below comes after that: the reader changes their mind, not a mis-click.
    const [question1] = await textsOf(panel, `${card(1)} h3 .text`);
    await panel.locator(`${card(1)} input[value="3"]`).click();
    await waitUntil(panel, storedPosition, [question1!, 3] as const);
    const firstAnswerAt = Date.now();

    await panel.locator(`${card(0)} input[value="5"]`).click();
    await fillField(panel, `${card(0)} textarea`, NOTE_0);
    await panel.locator(`${card(4)} input[value="2"]`).click();
    await waitUntil(
      panel,
      ([selector, wanted]) => document.querySelector(selector)?.textContent?.includes(wanted) ?? false,
      [`${card(4)} .scale-value`, message('stepRatherPole', FR, 'l’IA est bridée')] as const,
    );
    await fillField(panel, `${card(4)} textarea`, NOTE_4);

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
    await clickButton(panel, uiText('passageAdd', FR));
    await waitUntil(
      panel,
      (wanted) =>
        [...document.querySelectorAll('section[aria-labelledby="section-claims"] article')].some((a) =>
          a.textContent?.includes(wanted),
        ),
      PASSAGE,
    );

    // The reader comes back to question 2 and changes their mind, then says why.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, firstAnswerAt + SETTLE_MS + 1000 - Date.now())),
    );
    await panel.locator(`${card(1)} input[value="1"]`).click();
    await waitUntil(panel, ([selector, wanted]) => document.querySelector(selector)?.textContent === wanted, [
      `${card(1)} .scale-value`,
      uiText('stepNo', FR),
    ] as const);
    await waitUntil(
      panel,
      (wanted) => document.querySelector('[role=status][aria-live=polite]')?.textContent === wanted,
      message('announceSaved', FR, uiText('stepNo', FR)),
    );
    // Two settled changes: the history opens on the latest, with a place for its reason.
    const history = `${card(1)} details.history summary`;
    await waitUntil(panel, (selector) => document.querySelector(selector) !== null, history);
    await panel.locator(history).click();
    await fillField(panel, `${card(1)} details.history input[type=text]`, REASON);

    for (const text of [REASON, NOTE_4, NOTE_0]) await waitUntil(panel, storedContains, text);
    expect(await runAxe(panel)).toEqual([]);
    await session.browser.close();
    session = undefined;
  });

  test('reopened in English: everything is in the article and in My debates', async () => {
    const EN = 'en';
    session = await launchChromium(profileDir, { locale: EN });
    const { panel } = await openPageWithPanel(session, server.url + DEMO_PATH);
    await panel.waitForSelector(PAGE_READ);
    expect(await textOf(panel, '#section-debate')).toBe(uiText('sectionDebate', EN));

    const checked = await panel.$$eval(DEBATE, (cards) =>
      cards.map((c) => (c.querySelector('input:checked') as HTMLInputElement | null)?.value ?? null),
    );
    expect(checked).toEqual(['5', '1', null, null, '2']);
    const fieldValue = (selector: string) =>
      panel.$eval(selector, (field) => (field as HTMLInputElement | HTMLTextAreaElement).value);
    expect(await fieldValue(`${card(0)} textarea`)).toBe(NOTE_0);
    expect(await fieldValue(`${card(4)} textarea`)).toBe(NOTE_4);
    // "Neither → No, <when>": the latest change of mind, as it settled.
    const moved = message('historyMove', EN, uiText('stepNeither', EN), uiText('stepNo', EN), '');
    const summary = await textOf(panel, `${card(1)} details.history summary`);
    expect(summary.slice(0, moved.length)).toBe(moved);
    await panel.locator(`${card(1)} details.history summary`).click();
    expect(await fieldValue(`${card(1)} details.history input[type=text]`)).toBe(REASON);
    expect(await textOf(panel, 'section[aria-labelledby="section-claims"]')).toContain(PASSAGE);
    // Five debate questions, the claim and the passage: the two raised in the text are not counted.
    expect(await textOf(panel, '.article-header')).toContain(counted('headerAnswered', 3, EN, 7));
    expect(await runAxe(panel)).toEqual([]);

    await openView(panel, 'navLibrary', EN);
    const item = await textOf(panel, '.library-item');
    expect(item).toContain('Le Coup de Maître d’Elon');
    // "3 positions · <when>": the age depends on the clock, the count does not.
    const [positions] = counted('libraryAnswered', 3, EN, '\u0000').split('\u0000');
    expect(item).toContain(positions);
    const items = (count: number) =>
      waitUntil(panel, (n) => document.querySelectorAll('.library-item').length === n, count);
    await fillField(panel, '#library-search', 'leviers');
    await items(1);
    await fillField(panel, '#library-search', 'introuvable');
    await items(0);
    expect(await runAxe(panel)).toEqual([]);
  });
});

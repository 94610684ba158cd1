// The first real path, in both browsers: the demo article's five debate questions reach the
// panel (page → injected extractor → panel), and a position the reader takes survives a restart.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ChromiumSession,
  DEMO_PATH,
  type FirefoxSession,
  launchChromium,
  launchFirefox,
  openFirefoxPageWithPanel,
  openPageWithPanel,
  PAGE_READ,
  prepareE2eBuild,
  ROOT,
  serveFixtures,
  waitInFirefox,
} from './harness';

const LABELS = [
  'Le Monopole Ultime',
  'IPO vs Vision',
  'Le Pari Énergétique',
  'xAI vs OpenAI',
  'La question choc',
];
const TITLE = 'Le Coup de Maître d’Elon';

/** What the panel shows of the debate section: each card's label and text. */
const readDebateCards = () =>
  [...document.querySelectorAll('section[aria-labelledby="section-debate"] article')].map((card) => ({
    label: card.querySelector('.label')?.textContent ?? '',
    text: card.querySelector('.text')?.textContent ?? '',
    checked: (card.querySelector('input[type=radio]:checked') as HTMLInputElement | null)?.value ?? null,
  }));

/** Resolves true once storage.local holds an article with a question at `position`. */
const hasSavedPosition = (position: number) =>
  // biome-ignore lint/suspicious/noExplicitAny: the page's own extension global, untyped here.
  ((globalThis as any).browser ?? (globalThis as any).chrome).storage.local
    .get(null)
    .then((all: Record<string, { questions?: Record<string, { position?: { v: unknown } }> }>) =>
      Object.entries(all).some(
        ([key, article]) =>
          key.startsWith('article:') &&
          Object.values(article.questions ?? {}).some((q) => q.position?.v === position),
      ),
    );

let server: Awaited<ReturnType<typeof serveFixtures>>;
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(async () => {
  await server?.close();
});

describe('Chromium: demo article to panel to storage', () => {
  let profileDir: string;
  let extensionDir: string;
  let session: ChromiumSession;
  beforeAll(async () => {
    profileDir = mkdtempSync(join(tmpdir(), 'stance-foundation-'));
    extensionDir = prepareE2eBuild('chrome-mv3', 'foundation-chrome');
    session = await launchChromium(profileDir, { extensionDir });
  });
  afterAll(async () => {
    await session?.context.close();
    rmSync(profileDir, { recursive: true, force: true });
  });

  test('shows the title and the five debate questions with their labels', async () => {
    const { panel } = await openPageWithPanel(session, server.url + DEMO_PATH);
    await panel.setViewportSize({ width: 400, height: 900 });
    await panel.waitForSelector('section[aria-labelledby="section-debate"] article');
    expect(await panel.textContent('h1')).toContain(TITLE);
    const cards = await panel.evaluate(readDebateCards);
    expect(cards.map((c) => c.label)).toEqual(LABELS);
    expect(cards[4]!.text).toMatch(/^Préféreriez-vous vivre dans un monde où/);
    mkdirSync(join(ROOT, '.e2e'), { recursive: true });
    await panel.screenshot({ path: join(ROOT, '.e2e', 'panel.png') });
  });

  test('a position taken on a question is still there after the browser restarts', async () => {
    const [panel] = session.context.pages().filter((p) => p.url().includes('sidepanel.html'));
    const shock = panel!.locator('section[aria-labelledby="section-debate"] article').nth(4);
    await shock.locator('input[type=radio][value="4"]').check();
    // playwright's waitForFunction does not await a promise: poll the storage instead.
    await expect.poll(() => panel!.evaluate(hasSavedPosition, 4), { timeout: 10_000 }).toBe(true);
    await panel!.close();
    await session.context.close();

    session = await launchChromium(profileDir, { extensionDir });
    const { panel: again } = await openPageWithPanel(session, server.url + DEMO_PATH);
    await again.waitForSelector(PAGE_READ);
    const cards = await again.evaluate(readDebateCards);
    expect(cards.map((c) => c.checked)).toEqual([null, null, null, null, '4']);
  });
});

describe('Firefox: the same path on the Firefox build', () => {
  let session: FirefoxSession;
  beforeAll(async () => {
    session = await launchFirefox({ extensionDir: prepareE2eBuild('firefox-mv2', 'foundation-firefox') });
  });
  afterAll(async () => {
    await session?.browser.close();
  });

  test('shows the five questions, and a position is kept when the panel is reopened', async () => {
    const { panel, page } = await openFirefoxPageWithPanel(session, server.url + DEMO_PATH);
    await panel.waitForSelector('section[aria-labelledby="section-debate"] article');
    const cards = await panel.evaluate(readDebateCards);
    expect(cards.map((c) => c.label)).toEqual(LABELS);
    await panel.click('section[aria-labelledby="section-debate"] article:nth-of-type(1) input[value="2"]');
    await waitInFirefox(panel, hasSavedPosition, 2);
    await panel.close();
    const { panel: again } = await openFirefoxPageWithPanel(session, page.url());
    await again.waitForSelector(PAGE_READ);
    expect((await again.evaluate(readDebateCards)).map((c) => c.checked)).toEqual([
      '2',
      null,
      null,
      null,
      null,
    ]);
  });
});

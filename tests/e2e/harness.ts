// End-to-end helpers: serve our fixture pages, prepare a testable copy of a production build, drive
// real headless Chromium (playwright-core) and Firefox (puppeteer-core over WebDriver BiDi) with
// Stance loaded, open the panel page beside a given tab, and check a page with axe-core.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import puppeteer, { type Browser as FirefoxBrowser, type Page as FirefoxPage } from 'puppeteer-core';
import { chromiumArgs, findChromium, findFirefox } from '../../scripts/lib/browsers.mjs';
import { type StaticServer, startStaticServer } from '../../scripts/lib/static-server.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES_DIR = join(ROOT, 'tests', 'fixtures');
/** Path of the demo article under the fixture server. */
export const DEMO_PATH = '/demo/spacex-ipo.html';

/**
 * On the demo page: saved positions show before the page is read again; the raised questions only
 * come from reading it, so their section tells the panel shows the page and the saved record together.
 */
export const PAGE_READ = 'section[aria-labelledby="section-raised"]';
/** Fixed moz-extension:// UUID of Stance in Firefox tests, so panel URLs are known in advance. */
export const FIREFOX_UUID = '6c1b7b0e-5a3d-4f7e-9d51-2f4e1a8c9b3d';

export type BuildTarget = 'chrome-mv3' | 'firefox-mv2' | 'firefox-mv3';

/** Serves tests/fixtures on http://127.0.0.1:<free port>; call close() when done. */
export function serveFixtures(): Promise<StaticServer> {
  return startStaticServer(FIXTURES_DIR);
}

/**
 * Copies the production build `.output/<target>` to `.e2e/<name>` and grants the COPY host access
 * to http://127.0.0.1/* (any port). Headless tests cannot click the toolbar button, which is what
 * grants `activeTab` to a reader; this host permission stands in for that click. Only manifest.json
 * changes: the JavaScript under test stays byte-identical to the production build.
 * Returns the copy's absolute path. Build first (`wxt build`, `wxt build -b firefox`).
 */
export function prepareE2eBuild(target: BuildTarget = 'chrome-mv3', name: string = target): string {
  const source = join(ROOT, '.output', target);
  if (!existsSync(join(source, 'manifest.json'))) {
    throw new Error(`No production build in ${source}: run \`npx wxt build${buildFlags(target)}\` first.`);
  }
  const copy = join(ROOT, '.e2e', name);
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(dirname(copy), { recursive: true });
  cpSync(source, copy, { recursive: true });
  const manifestFile = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const origin = 'http://127.0.0.1/*';
  if (manifest.manifest_version === 3) {
    manifest.host_permissions = [...new Set([...(manifest.host_permissions ?? []), origin])];
  } else {
    manifest.permissions = [...new Set([...(manifest.permissions ?? []), origin])];
  }
  writeFileSync(manifestFile, JSON.stringify(manifest));
  return copy;
}

function buildFlags(target: BuildTarget): string {
  return { 'chrome-mv3': '', 'firefox-mv2': ' -b firefox', 'firefox-mv3': ' -b firefox --mv3' }[target];
}

// ---------------------------------------------------------------- Chromium

export interface ChromiumSession {
  context: BrowserContext;
  /** Host of chrome-extension://<id>/ (stable for one unpacked path). */
  extensionId: string;
}

export interface LaunchChromiumOptions {
  /** Unpacked extension to load; defaults to a fresh e2e copy of .output/chrome-mv3. */
  extensionDir?: string;
  /** Defaults to true. */
  headless?: boolean;
  /** Browser interface language (e.g. 'fr'): what browser.i18n follows. Defaults to Chromium's own. */
  locale?: string;
}

/**
 * Launches headless Chromium with Stance loaded, on a persistent profile. To test a restart, close
 * `context` and call this again with the same `profileDir` (storage survives; the id stays the same).
 */
export async function launchChromium(
  profileDir: string,
  { extensionDir, headless = true, locale }: LaunchChromiumOptions = {},
): Promise<ChromiumSession> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install chromium or set STANCE_CHROMIUM.');
  const dir = extensionDir ?? prepareE2eBuild('chrome-mv3');
  mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless,
    args: [...chromiumArgs(dir), '--no-sandbox', '--disable-gpu', ...(locale ? [`--lang=${locale}`] : [])],
  });
  const worker = await extensionWorker(context);
  return { context, extensionId: new URL(worker.url()).host };
}

/**
 * The extension's service worker. An MV3 worker stops when idle, so fetch it anew before each use;
 * if none is running, opening any extension page would wake it.
 */
export async function extensionWorker(context: BrowserContext, extensionId?: string): Promise<Worker> {
  const matches = (w: Worker) =>
    w.url().startsWith(extensionId ? `chrome-extension://${extensionId}/` : 'chrome-extension://');
  const running = context.serviceWorkers().find(matches);
  if (running) return running;
  return context.waitForEvent('serviceworker', { predicate: matches, timeout: 15_000 });
}

/** Id of the (first) tab showing `pageUrl`, asked of the extension's service worker. */
export async function chromiumTabId(
  context: BrowserContext,
  extensionId: string,
  pageUrl: string,
): Promise<number> {
  const worker = await extensionWorker(context, extensionId);
  const id = await worker.evaluate(async (url) => {
    // biome-ignore lint/suspicious/noExplicitAny: the worker's own `chrome` global, untyped here.
    const tabs: { id?: number; url?: string }[] = await (globalThis as any).chrome.tabs.query({});
    return tabs.find((tab) => tab.url === url)?.id;
  }, pageUrl);
  if (id === undefined) throw new Error(`No tab shows ${pageUrl}`);
  return id;
}

/**
 * Opens the panel page in a new tab as the panel beside tab `tabId`
 * (`sidepanel.html?tab=<id>`), waiting for it to load.
 */
export async function openPanel(context: BrowserContext, extensionId: string, tabId: number): Promise<Page> {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
  return panel;
}

/** Opens `pageUrl` in a new tab, then the panel beside it: { page, panel, tabId }. */
export async function openPageWithPanel(
  { context, extensionId }: ChromiumSession,
  pageUrl: string,
): Promise<{ page: Page; panel: Page; tabId: number }> {
  const page = await context.newPage();
  await page.goto(pageUrl);
  const tabId = await chromiumTabId(context, extensionId, page.url());
  const panel = await openPanel(context, extensionId, tabId);
  return { page, panel, tabId };
}

// ---------------------------------------------------------------- Firefox

export interface FirefoxSession {
  browser: FirefoxBrowser;
  /** The fixed UUID: the panel page is moz-extension://<uuid>/sidepanel.html. */
  uuid: string;
}

export interface LaunchFirefoxOptions {
  /** Profile directory (a temporary one if omitted). */
  profileDir?: string;
  /** Unpacked extension to install; defaults to a fresh e2e copy of .output/firefox-mv2. */
  extensionDir?: string;
}

/**
 * Launches headless Firefox over WebDriver BiDi and installs Stance as a temporary add-on with the
 * fixed UUID FIREFOX_UUID. `--remote-allow-system-access` lets a test open moz-extension:// pages.
 */
export async function launchFirefox({
  profileDir,
  extensionDir,
}: LaunchFirefoxOptions = {}): Promise<FirefoxSession> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('No Firefox found: install firefox-esr or set STANCE_FIREFOX.');
  const dir = extensionDir ?? prepareE2eBuild('firefox-mv2');
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  // The UUID pref is keyed by add-on id: read it from the build rather than assume it.
  const geckoId = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).browser_specific_settings.gecko
    .id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    protocol: 'webDriverBiDi',
    headless: true,
    userDataDir: profileDir,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_UUID }) },
  });
  await browser.installExtension(dir);
  return { browser, uuid: FIREFOX_UUID };
}

/**
 * Navigates a Firefox page to an extension URL. `page.goto()` never resolves there (Firefox sends no
 * load event over BiDi), so start the navigation and wait for the document instead.
 */
export async function gotoExtensionPage(page: FirefoxPage, url: string): Promise<void> {
  page.goto(url).catch(() => {});
  await waitInFirefox(
    page,
    (expected) => location.href === expected && document.readyState === 'complete',
    url,
    15_000,
  );
}

/**
 * Polls `check` in a Firefox page until it returns true. Unlike puppeteer's waitForFunction it
 * survives the protocol errors Firefox's BiDi raises while a page is between two documents
 * ("right-hand side of 'in' should be an object, got null"), which made waits flaky.
 */
export async function waitInFirefox<A>(
  page: FirefoxPage,
  check: (arg: A) => boolean | Promise<boolean>,
  arg: A,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      // puppeteer's EvaluateFunc types its argument loosely; the check is serialised as it is.
      if (
        (await page.evaluate(check as (arg: unknown) => boolean | Promise<boolean>, arg as unknown)) === true
      )
        return;
      lastError = null;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting in Firefox${lastError ? `: ${String(lastError)}` : ''}`,
  );
}

/**
 * Opens the panel page beside the tab showing `pageUrl`: loads sidepanel.html, asks
 * `browser.tabs.query` there for that tab's id, then reloads as `sidepanel.html?tab=<id>`.
 */
export async function openFirefoxPanel(
  { browser, uuid }: FirefoxSession,
  pageUrl: string,
): Promise<{ panel: FirefoxPage; tabId: number }> {
  const panel = await browser.newPage();
  const base = `moz-extension://${uuid}/sidepanel.html`;
  await gotoExtensionPage(panel, base);
  const tabId = await panel.evaluate(async (url) => {
    // biome-ignore lint/suspicious/noExplicitAny: the page's own `browser` global, untyped here.
    const tabs: { id?: number; url?: string }[] = await (globalThis as any).browser.tabs.query({});
    return tabs.find((tab) => tab.url === url)?.id;
  }, pageUrl);
  if (tabId === undefined) throw new Error(`No tab shows ${pageUrl}`);
  await gotoExtensionPage(panel, `${base}?tab=${tabId}`);
  return { panel, tabId };
}

/** Opens `pageUrl` in a new tab, then the panel beside it: { page, panel, tabId }. */
export async function openFirefoxPageWithPanel(
  session: FirefoxSession,
  pageUrl: string,
): Promise<{ page: FirefoxPage; panel: FirefoxPage; tabId: number }> {
  const page = await session.browser.newPage();
  await page.goto(pageUrl);
  const { panel, tabId } = await openFirefoxPanel(session, page.url());
  return { page, panel, tabId };
}

// ---------------------------------------------------------------- Accessibility

/** What runAxe returns per violation: enough to read a failure without the whole axe report. */
export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Any page object with `evaluate(string)`: playwright and puppeteer pages both qualify. */
interface EvaluatesScript {
  evaluate(script: string): Promise<unknown>;
}

/**
 * Runs axe-core (WCAG 2 A/AA rules) on the page's current document and returns its violations.
 * axe's source is evaluated by the driver, which extension-page CSP does not restrict.
 */
export async function runAxe(page: EvaluatesScript): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const script = `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')) })))`;
  return (await page.evaluate(script)) as AxeViolation[];
}

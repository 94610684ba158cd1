// End-to-end helpers: serve our fixture pages, drive real headless Chromium and Firefox
// (puppeteer-core: CDP for Chromium, WebDriver BiDi for Firefox) with Stance loaded, click Stance's
// toolbar button the way a reader does, read the side panel that opens, and check a page with axe.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import puppeteer, {
  type Browser,
  type Extension,
  type Browser as FirefoxBrowser,
  type Page as FirefoxPage,
  type Page,
  type WebWorker,
} from 'puppeteer-core';
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

type MessageFile = Record<string, { message: string }>;
const readMessages = (locale: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(
      JSON.parse(
        readFileSync(join(ROOT, 'public', '_locales', locale, 'messages.json'), 'utf8'),
      ) as MessageFile,
    ).map(([key, { message }]) => [key, message]),
  );
const loaded = new Map<string, Record<string, string>>();
/** An interface string as a reader sees it (read from _locales), so tests look for the real text. */
export function uiText(key: string, locale = 'en'): string {
  const all = loaded.get(locale) ?? readMessages(locale);
  loaded.set(locale, all);
  const text = all[key];
  if (text === undefined) throw new Error(`No message ${key} in ${locale}`);
  return text;
}

/** Serves tests/fixtures on http://127.0.0.1:<free port>; call close() when done. */
export function serveFixtures(): Promise<StaticServer> {
  return startStaticServer(FIXTURES_DIR);
}

/** The production build itself, `.output/<target>`, byte for byte. Build first (npm test does). */
export function productionBuild(target: BuildTarget = 'chrome-mv3'): string {
  const dir = join(ROOT, '.output', target);
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No production build in ${dir}: run \`npx wxt build${buildFlags(target)}\` first.`);
  }
  return dir;
}

/**
 * SHORTCUT, for the tests that cannot click: copies the production build to `.e2e/<name>` and grants
 * the COPY host access to http://127.0.0.1/* (any port), which a reader's build never has. Used
 * only where the browser offers a test no way to make the reader's click: Firefox's toolbar button
 * and sidebar (WebDriver BiDi cannot press them). Only manifest.json changes: the JavaScript stays
 * byte-identical.
 */
export function prepareHostAccessBuild(target: BuildTarget, name: string = `${target}-host-access`): string {
  const source = productionBuild(target);
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

/**
 * SHORTCUT, for the storage-full tests: a copy of the Chrome build without `unlimitedStorage`, so
 * Chrome's 10 MB storage.local quota is reached in seconds. A reader's Chrome, with the permission,
 * refuses writes only when the disk is full, through the same error path. Only manifest.json changes.
 */
export function prepareBuildWithoutUnlimitedStorage(name = 'chrome-mv3-10mb'): string {
  const copy = join(ROOT, '.e2e', name);
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(dirname(copy), { recursive: true });
  cpSync(productionBuild('chrome-mv3'), copy, { recursive: true });
  const manifestFile = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.permissions = manifest.permissions.filter((p: string) => p !== 'unlimitedStorage');
  writeFileSync(manifestFile, JSON.stringify(manifest));
  return copy;
}

function buildFlags(target: BuildTarget): string {
  return { 'chrome-mv3': '', 'firefox-mv2': ' -b firefox', 'firefox-mv3': ' -b firefox --mv3' }[target];
}

// ---------------------------------------------------------------- Chromium

export interface ChromiumSession {
  browser: Browser;
  extension: Extension;
  /** Host of chrome-extension://<id>/ (stable for one unpacked path). */
  extensionId: string;
}

export interface LaunchChromiumOptions {
  /** Unpacked extension to load; defaults to the production build `.output/chrome-mv3` itself. */
  extensionDir?: string;
  /** Defaults to true. */
  headless?: boolean;
  /** Browser interface language (e.g. 'fr'): what browser.i18n follows. Defaults to Chromium's own. */
  locale?: string;
}

/**
 * Launches headless Chromium with Stance loaded (DevTools' Extensions.loadUnpacked over a pipe, which
 * is also what lets a test press the toolbar button), on a persistent profile. To test a restart,
 * close `browser` and call this again with the same `profileDir`: storage survives, the id stays.
 */
export async function launchChromium(
  profileDir: string,
  { extensionDir, headless = true, locale }: LaunchChromiumOptions = {},
): Promise<ChromiumSession> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install chromium or set STANCE_CHROMIUM.');
  const dir = resolve(extensionDir ?? productionBuild('chrome-mv3'));
  mkdirSync(profileDir, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath,
    headless,
    pipe: true,
    enableExtensions: [dir],
    userDataDir: profileDir,
    defaultViewport: null,
    args: [...chromiumArgs(), '--no-sandbox', '--disable-gpu', ...(locale ? [`--lang=${locale}`] : [])],
  });
  await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
    {
      timeout: 15_000,
    },
  );
  const extension = [...(await browser.extensions()).values()].find((e) => resolve(e.path) === dir);
  if (!extension) throw new Error(`Stance did not load from ${dir}`);
  return { browser, extension, extensionId: extension.id };
}

/**
 * The extension's service worker. An MV3 worker stops when idle: fetch it anew before each use
 * (waking it by opening an extension page if none runs).
 */
export async function extensionWorker({ browser, extensionId }: ChromiumSession): Promise<WebWorker> {
  const isOurs = (t: { type(): string; url(): string }) =>
    t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`);
  let target = browser.targets().find(isOurs);
  if (!target) {
    const waker = await browser.newPage();
    await waker.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=0`).catch(() => {});
    target = await browser.waitForTarget(isOurs, { timeout: 15_000 });
    await waker.close();
  }
  const worker = await target.worker();
  if (!worker) throw new Error('Stance has no service worker');
  return worker;
}

/** Id of the tab showing `page`, asked of the extension's service worker. */
export async function chromiumTabId(session: ChromiumSession, page: Page): Promise<number> {
  const worker = await extensionWorker(session);
  const url = page.url();
  const id = await worker.evaluate(async (wanted: string) => {
    // biome-ignore lint/suspicious/noExplicitAny: the worker's own `chrome` global, untyped here.
    const tabs: { id?: number; url?: string }[] = await (globalThis as any).chrome.tabs.query({});
    return tabs.find((tab) => tab.url === wanted)?.id;
  }, url);
  if (id === undefined) throw new Error(`No tab shows ${url}`);
  return id;
}

const sidePanelUrl = (extensionId: string) => `chrome-extension://${extensionId}/sidepanel.html`;

/**
 * What a reader does: clicks Stance's button in the toolbar while `page` is the active tab
 * (DevTools' Extensions.triggerAction, which Chromium handles as that click, user gesture and
 * activeTab grant included). Resolves to the real side panel of the page's window, once it shows
 * something. A window holds one side panel: `known` is that window's panel when already open.
 */
export async function clickToolbarButton(session: ChromiumSession, page: Page, known?: Page): Promise<Page> {
  await page.bringToFront();
  const before = new Set(
    session.browser.targets().filter((t) => t.url() === sidePanelUrl(session.extensionId)),
  );
  await page.triggerExtensionAction(session.extension);
  const panel =
    known ??
    (await (
      await session.browser.waitForTarget(
        (t) => t.url() === sidePanelUrl(session.extensionId) && !before.has(t),
        { timeout: 15_000 },
      )
    ).asPage());
  await panel.waitForFunction(() => (document.getElementById('app')?.childElementCount ?? 0) > 0, {
    timeout: 15_000,
  });
  return panel;
}

export interface OpenedPage {
  page: Page;
  panel: Page;
  tabId: number;
}

/**
 * Opens `pageUrl` in a new window (each window has its own side panel), then clicks the toolbar
 * button there: { page, panel, tabId }.
 */
export async function openPageWithPanel(session: ChromiumSession, pageUrl: string): Promise<OpenedPage> {
  const page = await session.browser.newPage({ type: 'window' });
  await page.goto(pageUrl);
  const panel = await clickToolbarButton(session, page);
  // Asked of the panel itself: its window's active tab is the page, even when two windows show one URL.
  const tabId = await panel.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the panel's own `chrome` global, untyped here.
    const [tab] = await (globalThis as any).chrome.tabs.query({ active: true, currentWindow: true });
    return tab?.id as number | undefined;
  });
  if (tabId === undefined) throw new Error(`The panel beside ${pageUrl} sees no active tab`);
  return { page, panel, tabId };
}

/** Resolves once `check` (evaluated in `page`, awaited there) returns true; polls every 100 ms. */
export async function waitUntil<A>(
  page: Page,
  check: (arg: A) => boolean | Promise<boolean>,
  arg: A,
  timeoutMs = 10_000,
): Promise<void> {
  try {
    await page.waitForFunction(check as (arg: unknown) => boolean, { polling: 100, timeout: timeoutMs }, arg);
  } catch (error) {
    // Say what the page showed instead: a timeout alone tells nothing.
    const shown = await page.evaluate(() => document.body?.innerText ?? '').catch(() => '(unreadable)');
    throw new Error(`${String(error)}\nThe page showed:\n${shown.slice(0, 1500)}`);
  }
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
  /**
   * Unpacked extension to install, always named by the test: `productionBuild(...)`, or the
   * host-access copy (prepareHostAccessBuild) where the test must read a page, since BiDi cannot
   * press Firefox's toolbar button to grant activeTab.
   */
  extensionDir: string;
}

/**
 * Launches headless Firefox over WebDriver BiDi and installs Stance as a temporary add-on with the
 * fixed UUID FIREFOX_UUID. `--remote-allow-system-access` lets a test open moz-extension:// pages.
 */
export async function launchFirefox({
  profileDir,
  extensionDir,
}: LaunchFirefoxOptions): Promise<FirefoxSession> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('No Firefox found: install firefox-esr or set STANCE_FIREFOX.');
  const dir = extensionDir;
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

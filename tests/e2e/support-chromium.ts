// Helpers for the Chromium tests that work in the real side panel (puppeteer-core): the interface's
// messages filled in as the panel fills them, buttons found by role and accessible name, and real
// downloads saved to disk through DevTools (Browser.setDownloadBehavior), read back as files.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, ElementHandle, Page } from 'puppeteer-core';
import { uiText, waitUntil } from './harness';

// ---------------------------------------------------------------- Interface text

/** Chrome's `$1`…`$9` substitution (and `$$` for a dollar sign), as browser.i18n.getMessage does it. */
function substitute(text: string, substitutions: (string | number)[]): string {
  return text.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : String(substitutions[Number(which) - 1] ?? ''),
  );
}

/** An interface message with its `$1`, `$2`… filled in, as the reader sees it. */
export function message(key: string, locale: string, ...substitutions: (string | number)[]): string {
  return substitute(uiText(key, locale), substitutions);
}

const hasMessage = (key: string, locale: string) => {
  try {
    uiText(key, locale);
    return true;
  } catch {
    return false;
  }
};

/**
 * A counted message as the panel shows it: the `${base}_one`, `_other`… key that the CLDR plural
 * rules of `locale` choose for `count` (else `_other`; else `base` itself, for a message with no
 * plural forms), with `count` as `$1`, written in the locale's digits, and `rest` as `$2`, `$3`…
 */
export function counted(base: string, count: number, locale: string, ...rest: (string | number)[]): string {
  const category = new Intl.PluralRules(locale).select(count);
  const key = [`${base}_${category}`, `${base}_other`, base].find((k) => hasMessage(k, locale));
  if (!key) throw new Error(`No message ${base} in ${locale}`);
  return message(key, locale, new Intl.NumberFormat(locale).format(count), ...rest);
}

// ---------------------------------------------------------------- Panel elements

/** A puppeteer ARIA selector for the button whose accessible name is exactly `name`. */
export function buttonNamed(name: string): string {
  if (name.includes('"')) throw new Error(`A button name with a double quote cannot be selected: ${name}`);
  return `::-p-aria([name="${name}"][role="button"])`;
}

/**
 * Clicks the button named `name` (its accessible name, exact), waiting for it to show and be enabled:
 * in the whole page, or inside `scope` (a card, a section).
 */
export async function clickButton(
  scope: Page | ElementHandle,
  name: string,
  timeout = 10_000,
): Promise<void> {
  try {
    if ('locator' in scope) {
      await scope.locator(buttonNamed(name)).setTimeout(timeout).click();
      return;
    }
    const button = await scope.waitForSelector(buttonNamed(name), { visible: true, timeout });
    if (!button) throw new Error(`No button ${name}`);
    await button.click();
    await button.dispose();
  } catch (error) {
    throw await withShownText(scope, error, `clicking the button “${name}”`);
  }
}

/** How many buttons named `name` `scope` holds now (no waiting). */
export async function countButtons(scope: Page | ElementHandle, name: string): Promise<number> {
  const buttons = await scope.$$(buttonNamed(name));
  await Promise.all(buttons.map((b) => b.dispose()));
  return buttons.length;
}

/**
 * Clicks a tab of the panel's navigation (Article, Group, My debates, Settings) by its message key,
 * and waits until that view is the current one and has loaded (the later views are lazy chunks).
 */
export async function openView(panel: Page, navKey: string, locale: string): Promise<void> {
  await clickButton(panel, uiText(navKey, locale));
  await waitUntil(
    panel,
    ([name, loading, failed]) => {
      const main = document.querySelector('main')?.textContent ?? '';
      return (
        document.querySelector('nav [aria-current="page"]')?.textContent === name &&
        main !== '' &&
        !main.includes(loading) &&
        !main.includes(failed)
      );
    },
    [uiText(navKey, locale), uiText('viewLoading', locale), uiText('viewLoadFailed', locale)] as const,
  );
}

/** The text of the first element matching `selector`, once there is one. */
export async function textOf(page: Page, selector: string, timeout = 10_000): Promise<string> {
  const element = await page.waitForSelector(selector, { timeout });
  if (!element) throw new Error(`Nothing matches ${selector}`);
  const text = await element.evaluate((e) => e.textContent ?? '');
  await element.dispose();
  return text;
}

/** The texts of every element matching `selector`, in document order (none: []). */
export function textsOf(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) => elements.map((e) => e.textContent ?? ''));
}

/** Types `text` into the field matching `selector`, as a reader would (waits for it; replaces its value). */
export async function fillField(page: Page, selector: string, text: string, timeout = 10_000): Promise<void> {
  try {
    await page.locator(selector).setTimeout(timeout).fill(text);
  } catch (error) {
    throw await withShownText(page, error, `filling ${selector}`);
  }
}

/** `error`, with what was being done and the text the page showed then: a timeout alone tells nothing. */
async function withShownText(scope: Page | ElementHandle, error: unknown, doing: string): Promise<Error> {
  const read = () => document.body?.textContent ?? '';
  const shown = await ('locator' in scope ? scope.evaluate(read) : scope.evaluate(read)).catch(
    () => '(unreadable)',
  );
  return new Error(`${String(error)}\nwhile ${doing}. The page showed:\n${shown.slice(0, 1500)}`, {
    cause: error,
  });
}

// ---------------------------------------------------------------- Downloads

export interface DownloadedFile {
  /** The name the browser offered the file under (the `download` attribute of the link). */
  suggestedFilename: string;
  /** Where it was saved, under the download directory (Chromium names it by its guid). */
  path: string;
  /** The file's text, read from disk. */
  text: string;
}

/**
 * Real downloads of one Chromium: DevTools' Browser.setDownloadBehavior saves them into a fresh
 * temporary directory, and `during(action)` resolves once the download `action` starts is complete
 * on disk (Browser.downloadProgress, state 'completed').
 */
export class Downloads {
  private constructor(
    private readonly cdp: CDPSession,
    readonly dir: string,
  ) {}

  static async start(browser: Browser): Promise<Downloads> {
    const cdp = await browser.target().createCDPSession();
    const dir = mkdtempSync(join(tmpdir(), 'stance-downloads-'));
    await cdp.send('Browser.setDownloadBehavior', {
      behavior: 'allowAndName',
      downloadPath: dir,
      eventsEnabled: true,
    });
    return new Downloads(cdp, dir);
  }

  /** Runs `action` (a click) and resolves with the file it downloaded. */
  async during(action: () => Promise<unknown>, timeoutMs = 15_000): Promise<DownloadedFile> {
    let guid: string | undefined;
    let suggestedFilename = '';
    const finished = new Map<string, string>();
    let settle: (() => void) | undefined;
    const onBegin = (event: { guid: string; suggestedFilename: string }) => {
      if (guid !== undefined) return;
      guid = event.guid;
      suggestedFilename = event.suggestedFilename;
      settle?.();
    };
    const onProgress = (event: { guid: string; state: string }) => {
      if (event.state === 'completed' || event.state === 'canceled') finished.set(event.guid, event.state);
      settle?.();
    };
    this.cdp.on('Browser.downloadWillBegin', onBegin);
    this.cdp.on('Browser.downloadProgress', onProgress);
    try {
      await action();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`No download ${guid ? 'completed' : 'started'} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        settle = () => {
          if (guid === undefined || !finished.has(guid)) return;
          clearTimeout(timer);
          if (finished.get(guid) === 'completed') resolve();
          else reject(new Error(`The download of ${suggestedFilename} was canceled`));
        };
        settle();
      });
    } finally {
      this.cdp.off('Browser.downloadWillBegin', onBegin);
      this.cdp.off('Browser.downloadProgress', onProgress);
    }
    const path = join(this.dir, guid!);
    return { suggestedFilename, path, text: readFileSync(path, 'utf8') };
  }

  /** Detaches from the browser (if still open) and deletes the downloaded files. */
  async stop(): Promise<void> {
    await this.cdp.detach().catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }
}

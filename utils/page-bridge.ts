// The panel's narrow facade over the page it sits beside: which tab that is, reading the
// article from it (the extractor is injected only now, on request), and pointing at a passage.
import type { ExtractionFailure, ExtractionResult, PageReadingResult } from '@/utils/extract/types';
import { lastToolbarClickItem } from '@/utils/storage';
import { clickGrantHolds } from '@/utils/toolbar-click';

/**
 * What reading a tab gives: an extraction, or why not. `needs-access`: Stance may not read the tab
 * yet (one click on the toolbar button grants it); `unreadable`: it still may not right after a
 * click, so the browser keeps this page from every extension (an empty tab, a data: page).
 */
export type PageRead = ExtractionResult | { ok: false; reason: 'needs-access' | 'unreadable' };
export type PageFailure = Exclude<PageRead, { ok: true }>['reason'];

export interface TargetTab {
  tabId: number;
  /** Undefined when Stance has no access to this tab yet (no click, no optional permission). */
  url?: string;
  windowId?: number;
}

/**
 * The tab this panel is beside. `?tab=<id>` pins a panel opened as a page (tests, "open in a
 * tab") to one tab; otherwise it is the active tab of the panel's window.
 */
export async function resolveTargetTab(): Promise<TargetTab | null> {
  const pinned = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(pinned) && pinned > 0) {
    const tab = await browser.tabs.get(pinned).catch(() => null);
    return tab ? { tabId: pinned, url: tab.url, windowId: tab.windowId } : null;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id != null ? { tabId: tab.id, url: tab.url, windowId: tab.windowId } : null;
}

export function isPinnedToTab(): boolean {
  return new URLSearchParams(location.search).has('tab');
}

const RESTRICTED_URL =
  /^(chrome|edge|about|moz-extension|chrome-extension|view-source|devtools|resource):|^https:\/\/(chrome\.google\.com\/webstore|chromewebstore\.google\.com|addons\.mozilla\.org)\//;

const PDF_PATH = /^https?:\/\/[^?#]*\.pdf(?:[?#]|$)/i;

export async function extractFromTab(tab: TargetTab): Promise<PageRead> {
  if (tab.url && RESTRICTED_URL.test(tab.url)) return { ok: false, reason: 'restricted-page' };
  // Chrome's PDF viewer may refuse the injection outright; its address still says what it is.
  if (tab.url && PDF_PATH.test(tab.url)) return { ok: false, reason: 'pdf' };
  // The answer forms' lexicon is the panel's, not the page's: it loads while the page is read.
  const forms = import('@/utils/extract/with-forms');
  forms.catch(() => {}); // awaited below; a failed load is the reading's failure
  try {
    const [injection] = await browser.scripting.executeScript({
      target: { tabId: tab.tabId },
      files: ['/extract.js'],
    });
    const result = injection?.result as PageReadingResult | undefined;
    if (!result || typeof result !== 'object' || !('ok' in result)) return { ok: false, reason: 'failed' };
    return (await forms).withAnswerForms(result);
  } catch (error) {
    return { ok: false, reason: classifyInjectionError(error) };
  }
}

/** Reads the tab; a refusal after the reader's click on this very page means the browser forbids it. */
export async function readPage(target: TargetTab): Promise<PageRead> {
  const read = await extractFromTab(target);
  if (read.ok || read.reason !== 'needs-access') return read;
  const click = await lastToolbarClickItem.getValue().catch(() => null);
  return clickGrantHolds(click, target.tabId) ? { ok: false, reason: 'unreadable' } : read;
}

/**
 * Injection errors are expected on pages Stance may not read; they become a panel state, not a
 * crash. The messages are Chromium's and Firefox's own (seen in Chromium 156 and Firefox 153).
 */
export function classifyInjectionError(error: unknown): ExtractionFailure | 'needs-access' {
  const message = error instanceof Error ? error.message : String(error);
  // Chromium: "Frame with ID 0 is showing error page" (unreachable site, offline, blocked).
  if (/showing error page/i.test(message)) return 'error-page';
  // "Cannot access a chrome:// URL", "The extensions gallery cannot be scripted.", Firefox's
  // "Missing host permission" on about:/moz-extension: pages is handled by the URL check first.
  if (/Cannot access an? (chrome|chrome-extension|edge|devtools):|cannot be scripted/i.test(message)) {
    return 'restricted-page';
  }
  if (/Cannot access|Missing host permission|permission/i.test(message)) return 'needs-access';
  if (/Frame with ID|No tab with id|tab was closed|loading/i.test(message)) return 'not-loaded';
  return 'failed';
}

/** The text the reader has selected in the page, '' when none (or the page cannot be read). */
export async function readSelection(tabId: number): Promise<string> {
  try {
    const [injection] = await browser.scripting.executeScript({
      target: { tabId },
      func: () => globalThis.getSelection?.()?.toString() ?? '',
    });
    return typeof injection?.result === 'string' ? injection.result : '';
  } catch {
    return '';
  }
}

/**
 * Scroll the page to a passage and flash it. The highlight is an outline drawn by the
 * CSS Custom Highlight API where available (no node is added, so the layout never moves).
 */
export async function showInPage(tabId: number, text: string): Promise<boolean> {
  try {
    const [injection] = await browser.scripting.executeScript({
      target: { tabId },
      func: highlightPassage,
      args: [text],
    });
    return injection?.result === true;
  } catch {
    return false;
  }
}

// Runs in the page: must be self-contained (serialised by executeScript).
function highlightPassage(text: string): boolean {
  const fold = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const wanted = fold(text).slice(0, 80);
  if (!wanted) return false;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
  let best: Element | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node as Element;
    if (el.closest('script,style,noscript')) continue;
    if (fold(el.textContent ?? '').includes(wanted)) best = el;
  }
  if (!best) return false;
  best.scrollIntoView({ behavior: 'smooth', block: 'center' });
  const registry = (CSS as unknown as { highlights?: Map<string, unknown> }).highlights;
  const HighlightCtor = (globalThis as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
  if (registry && HighlightCtor) {
    const range = document.createRange();
    range.selectNodeContents(best);
    registry.set('stance-passage', new HighlightCtor(range));
    const style = document.createElement('style');
    style.textContent = '::highlight(stance-passage){background-color:rgba(255,214,0,.55)}';
    document.head.append(style);
    setTimeout(() => {
      registry.delete('stance-passage');
      style.remove();
    }, 2500);
  } else {
    const el = best as HTMLElement;
    const previous = el.style.outline;
    el.style.outline = '3px solid rgba(255,170,0,.9)';
    setTimeout(() => {
      el.style.outline = previous;
    }, 2500);
  }
  return true;
}

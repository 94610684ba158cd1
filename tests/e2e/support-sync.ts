// Helpers shared by the storage.sync end-to-end files (sync, sync-profiles): calls into Stance's
// own contexts, which reach storage.sync with no page access, and the sync status the background
// keeps in storage.local.
import type { Page } from 'puppeteer-core';
import { type ChromiumSession, extensionWorker, uiText } from './harness';

/**
 * Runs `fn` in Stance's service worker (the production build's own background, where `chrome` is
 * the extension API) and returns its result. The worker is fetched anew for each call: an idle MV3
 * worker stops, and extensionWorker wakes it.
 */
export async function inWorker<A extends unknown[], R>(
  session: ChromiumSession,
  fn: (...args: A) => R | Promise<R>,
  ...args: A
): Promise<Awaited<R>> {
  const worker = await extensionWorker(session);
  return (await worker.evaluate(fn as (...args: unknown[]) => unknown, ...args)) as Awaited<R>;
}

/** The sync status the background writes to storage.local (utils/sync/status.ts), as tests read it. */
export interface StatusSnapshot {
  pending: boolean;
  lastSyncedAt: number | null;
  localByBudget: number;
  /** Damaged items counted now, and when this device last replaced one. */
  corrupt: number;
  repairedAt: number | null;
}

/** Runs in an extension page or worker of either browser: the stored sync status, or null. */
export function storedSyncStatus(): Promise<StatusSnapshot | null> {
  // biome-ignore lint/suspicious/noExplicitAny: the page's own extension global, untyped here.
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  return api.storage.local
    .get('syncStatus')
    .then((r: { syncStatus?: StatusSnapshot }) => r.syncStatus ?? null);
}

/**
 * Clicks the panel's navigation button labelled `key` (a _locales key), as a reader does. Works in
 * either browser's panel page, once the panel has rendered.
 */
export async function clickNav(panel: Page, key: string): Promise<void> {
  const label = uiText(key);
  for (const button of await panel.$$('nav button')) {
    if ((await button.evaluate((b) => b.textContent?.trim())) === label) {
      await button.click();
      return;
    }
  }
  throw new Error(`No navigation button "${label}" in the panel`);
}

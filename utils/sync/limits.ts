// storage.sync's hard limits and how each browser measures an item, in one place: Firefox does
// not expose the QUOTA_* constants, and both browsers count an item as key + JSON of its value.
// Figures measured in real browsers (a signed-out Chromium 156 profile and Firefox ESR 153); the
// end-to-end quota tests (tests/e2e/sync*.e2e.test.ts) check them against both again.

export const SYNC_QUOTA_BYTES = 102_400;
export const SYNC_QUOTA_BYTES_PER_ITEM = 8_192;
export const SYNC_MAX_ITEMS = 512;
export const SYNC_MAX_WRITES_PER_MINUTE = 120;
export const SYNC_MAX_WRITES_PER_HOUR = 1_800;

export type SyncBrowser = 'chrome' | 'firefox';

const encoder = new TextEncoder();

/**
 * JSON text of a value as the browser stores it. Chrome's JSON writer also escapes `<` (and the
 * line/paragraph separators) as \u003C-style sequences, six bytes each; Firefox uses JSON.stringify.
 */
export function storedJson(value: unknown, browser: SyncBrowser): string {
  const json = JSON.stringify(value) ?? 'null';
  if (browser === 'firefox') return json;
  return json.replace(
    /[<\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** Bytes an item counts against the quota: UTF-8 of key + JSON of value. */
export function itemBytes(key: string, value: unknown, browser: SyncBrowser = 'chrome'): number {
  return encoder.encode(key).length + encoder.encode(storedJson(value, browser)).length;
}

/**
 * Bytes usable for n items. Firefox checks the JSON of the whole stored object, so each item also
 * costs its quotes, colon and comma (4 bytes) and the braces one more.
 */
export function usableTotalBytes(itemCount: number, browser: SyncBrowser): number {
  return browser === 'firefox' ? SYNC_QUOTA_BYTES - (4 * itemCount + 1) : SYNC_QUOTA_BYTES;
}

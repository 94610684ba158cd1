// The reader's last click on Stance's toolbar button, kept for this browser session only. A click
// grants `activeTab`, so a tab that still refuses Stance right after one is a page the browser
// never lets extensions read (an empty tab, a data: page): the panel says that, not "click".
import { storage } from 'wxt/utils/storage';

export interface ToolbarClick {
  tabId: number;
  /** Date.now() of the click. */
  at: number;
}

export const lastToolbarClickItem = storage.defineItem<ToolbarClick | null>('session:lastToolbarClick', {
  fallback: null,
});

/** How long after a click a refusal still means "this page cannot be read", not "click again". */
export const CLICK_GRANT_WINDOW_MS = 10_000;

export function clickedRecently(click: ToolbarClick | null, tabId: number, now = Date.now()): boolean {
  return (
    click !== null && click.tabId === tabId && now - click.at >= 0 && now - click.at < CLICK_GRANT_WINDOW_MS
  );
}

// The reader's last click on Stance's toolbar button, kept for this browser session only. A click
// grants `activeTab` on that tab until it navigates, so a tab that still refuses Stance after one
// is a page the browser never lets extensions read (an empty tab, a data: page): the panel says
// that, not "click". The background forgets the click as soon as the tab starts loading a page.
import { lastToolbarClickItem, type ToolbarClick } from '@/utils/storage';

/** True when the reader clicked on this tab and it has not loaded another page since. */
export function clickGrantHolds(click: ToolbarClick | null, tabId: number): boolean {
  return click !== null && click.tabId === tabId;
}

/** What the background does when a tab starts loading: a click on it granted the old page only. */
export async function forgetClickOnNavigation(tabId: number, change: { status?: string }): Promise<void> {
  if (change.status !== 'loading') return;
  const click = await lastToolbarClickItem.getValue();
  if (click?.tabId === tabId) await lastToolbarClickItem.setValue(null);
}

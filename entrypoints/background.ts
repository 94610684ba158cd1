// The toolbar button opens the panel (Chrome's side panel, Firefox's sidebar) and lets it read the
// tab; the context menu hands a selected passage to the panel. Every browser call lives inside main().

import { t } from '@/utils/i18n';
import { broadcast } from '@/utils/messages';
import { cleanPassage } from '@/utils/pending-passage';
import { lastToolbarClickItem, pendingPassageItem } from '@/utils/storage';
import { startSyncService } from '@/utils/sync/service';
import { forgetClickOnNavigation } from '@/utils/toolbar-click';

const DEBATE_PASSAGE_MENU = 'stance-debate-passage';

export default defineBackground(() => {
  // The click is what grants `activeTab` on the tab. Chrome grants it only when the extension
  // handles the click itself (`onClicked`), not when the panel opens through
  // `openPanelOnActionClick`. The panel is opened synchronously, inside the click's gesture (lost
  // after any await), and never toggled shut: a reader who clicks on a new page wants it read.
  if (!import.meta.env.FIREFOX) void chromeSidePanel().setPanelBehavior({ openPanelOnActionClick: false });
  (browser.action ?? browser.browserAction).onClicked.addListener((tab) => {
    if (import.meta.env.FIREFOX) void firefoxSidebar().open();
    else if (tab.id != null) void chromeSidePanel().open({ tabId: tab.id });
    // A panel already open reads the tab again, now that it may; a panel just opening reads it anyway.
    if (tab.id == null) return;
    void lastToolbarClickItem.setValue({ tabId: tab.id, at: Date.now() });
    broadcast({ type: 'toolbar-clicked', tabId: tab.id, windowId: tab.windowId });
  });
  browser.tabs.onUpdated.addListener((tabId, change) => void forgetClickOnNavigation(tabId, change));

  startSyncService().catch((error: unknown) => console.error('Stance could not start sync', error));

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: DEBATE_PASSAGE_MENU,
      title: t('menuDebatePassage'),
      contexts: ['selection'],
    });
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== DEBATE_PASSAGE_MENU || tab?.id == null || !info.selectionText) return;
    // Open first, synchronously: the panel may only be opened within the click's gesture.
    if (import.meta.env.FIREFOX) void firefoxSidebar().open();
    else void chromeSidePanel().open({ tabId: tab.id });
    void pendingPassageItem.setValue({ tabId: tab.id, text: cleanPassage(info.selectionText) });
  });
});

// The polyfill's types know neither Chrome's sidePanel nor Firefox's sidebarAction: type just what we call.
interface ChromeSidePanel {
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
  open(options: { tabId: number }): Promise<void>;
}
interface FirefoxSidebar {
  open(): Promise<void>;
}
function chromeSidePanel(): ChromeSidePanel {
  return (globalThis as unknown as { chrome: { sidePanel: ChromeSidePanel } }).chrome.sidePanel;
}
function firefoxSidebar(): FirefoxSidebar {
  return (browser as unknown as { sidebarAction: FirefoxSidebar }).sidebarAction;
}

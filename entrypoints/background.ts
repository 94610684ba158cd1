// The toolbar button opens the panel (Chrome's side panel, Firefox's sidebar); the context menu
// hands a selected passage to the panel. Every browser call lives inside main().

import { t } from '@/utils/i18n';
import { cleanPassage, pendingPassageItem } from '@/utils/pending-passage';
import { startSyncService } from '@/utils/sync/service';

const DEBATE_PASSAGE_MENU = 'stance-debate-passage';

export default defineBackground(() => {
  if (import.meta.env.FIREFOX) {
    (browser.action ?? browser.browserAction).onClicked.addListener(() => {
      // Must stay synchronous: the sidebar opens only inside the click's user gesture.
      void firefoxSidebar().toggle();
    });
  } else {
    void chromeSidePanel().setPanelBehavior({ openPanelOnActionClick: true });
  }

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
  toggle(): Promise<void>;
  open(): Promise<void>;
}
function chromeSidePanel(): ChromeSidePanel {
  return (globalThis as unknown as { chrome: { sidePanel: ChromeSidePanel } }).chrome.sidePanel;
}
function firefoxSidebar(): FirefoxSidebar {
  return (browser as unknown as { sidebarAction: FirefoxSidebar }).sidebarAction;
}

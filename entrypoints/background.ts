// The toolbar button opens the panel; Chrome uses sidePanel, Firefox its sidebar.
export default defineBackground(() => {
  if (import.meta.env.FIREFOX) {
    (browser.action ?? browser.browserAction).onClicked.addListener(() => {
      // Must stay synchronous: the sidebar opens only inside the click's user gesture.
      void browser.sidebarAction.toggle();
    });
  } else {
    void chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
  }
});

// The toolbar click in Chrome: the background opens the side panel itself, synchronously inside the
// click (so Chrome grants activeTab), and tells open panels to read the clicked tab.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lastToolbarClickItem } from '@/utils/storage';

describe('background: toolbar click (Chrome)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.resetModules();
  });

  it('opens the panel on the clicked tab within the click, never through openPanelOnActionClick', async () => {
    const calls: string[] = [];
    const sidePanel = {
      setPanelBehavior: vi.fn(async (b: { openPanelOnActionClick: boolean }) => {
        calls.push(`behavior:${b.openPanelOnActionClick}`);
      }),
      open: vi.fn(async (o: { tabId: number }) => {
        calls.push(`open:${o.tabId}`);
      }),
    };
    vi.stubGlobal('chrome', { sidePanel });
    const sent: unknown[] = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (m: unknown) => {
      sent.push(m);
    });
    // Not what this test is about, and not implemented by the fake browser.
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => {});
    const { default: background } = await import('@/entrypoints/background');
    background.main();

    const clicked = fakeBrowser.action.onClicked.trigger({ id: 42, windowId: 3 } as never);
    // Checked before awaiting anything: open() ran synchronously in the listener, inside the gesture.
    expect(calls).toEqual(['behavior:false', 'open:42']);
    await clicked;
    expect(sent).toEqual([{ type: 'toolbar-clicked', tabId: 42, windowId: 3 }]);
    await vi.waitFor(async () => expect((await lastToolbarClickItem.getValue())?.tabId).toBe(42));
  });
});

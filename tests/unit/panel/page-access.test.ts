// @vitest-environment happy-dom
// How the panel names a page it cannot read: the browsers' own injection errors, and a refusal
// right after the reader's click (the page is forbidden, not waiting for a click).
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { extractFromDocument } from '@/utils/extract';
import { classifyInjectionError, extractFromTab } from '@/utils/page-bridge';
import { lastToolbarClickItem } from '@/utils/storage';
import { clickGrantHolds, forgetClickOnNavigation } from '@/utils/toolbar-click';

describe('classifyInjectionError', () => {
  // Messages as Chromium 156 and Firefox 153 give them (seen with the production build).
  it.each([
    ['Frame with ID 0 is showing error page', 'error-page'],
    ['Cannot access a chrome:// URL', 'restricted-page'],
    ['Cannot access a chrome-extension:// URL of different extension', 'restricted-page'],
    ['The extensions gallery cannot be scripted.', 'restricted-page'],
    [
      'Cannot access contents of the page. Extension manifest must request permission to access the respective host.',
      'needs-access',
    ],
    ['Missing host permission for the tab', 'needs-access'],
    ['No tab with id: 12.', 'not-loaded'],
    ['Frame with ID 0 was removed.', 'not-loaded'],
    ['Something else entirely', 'failed'],
  ])('%s → %s', (message, reason) => {
    expect(classifyInjectionError(new Error(message))).toBe(reason);
  });
});

describe('the click grant', () => {
  beforeEach(() => fakeBrowser.reset());

  it('holds on the clicked tab until that tab starts loading another page', async () => {
    await lastToolbarClickItem.setValue({ tabId: 7, at: 1 });
    expect(clickGrantHolds(await lastToolbarClickItem.getValue(), 7)).toBe(true);
    expect(clickGrantHolds(await lastToolbarClickItem.getValue(), 8)).toBe(false);
    await forgetClickOnNavigation(8, { status: 'loading' });
    await forgetClickOnNavigation(7, { status: 'complete' });
    expect(clickGrantHolds(await lastToolbarClickItem.getValue(), 7)).toBe(true);
    await forgetClickOnNavigation(7, { status: 'loading' });
    expect(clickGrantHolds(await lastToolbarClickItem.getValue(), 7)).toBe(false);
  });
});

describe('extractFromTab', () => {
  it.each([
    ['https://example.org/report.pdf', 'pdf'],
    ['https://example.org/report.PDF?download=1', 'pdf'],
    ['chrome://settings/', 'restricted-page'],
    ['https://chromewebstore.google.com/detail/x', 'restricted-page'],
    ['https://addons.mozilla.org/fr/firefox/', 'restricted-page'],
  ])('names %s without injecting anything', async (url, reason) => {
    expect(await extractFromTab({ tabId: 1, url })).toEqual({ ok: false, reason });
  });
});

describe('extractFromDocument on a PDF', () => {
  it("says 'pdf' for Chrome's PDF viewer document", () => {
    const doc = document.implementation.createHTMLDocument('blank.pdf');
    const embed = doc.createElement('embed');
    embed.type = 'application/pdf';
    doc.body.append(embed);
    Object.defineProperty(doc, 'contentType', { value: 'application/pdf' });
    expect(extractFromDocument(doc, 'https://example.org/blank.pdf')).toEqual({ ok: false, reason: 'pdf' });
  });
});

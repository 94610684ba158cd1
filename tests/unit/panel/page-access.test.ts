// How the panel names a page it cannot read: the browsers' own injection errors, and a refusal
// right after the reader's click (the page is forbidden, not waiting for a click).
import { describe, expect, it } from 'vitest';
import { extractFromDocument } from '@/utils/extract';
import { classifyInjectionError } from '@/utils/page-bridge';
import { CLICK_GRANT_WINDOW_MS, clickedRecently } from '@/utils/toolbar-click';

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

describe('clickedRecently', () => {
  const click = { tabId: 7, at: 1_000_000 };
  it('holds for the clicked tab within the grant window only', () => {
    expect(clickedRecently(click, 7, click.at + 10)).toBe(true);
    expect(clickedRecently(click, 7, click.at + CLICK_GRANT_WINDOW_MS)).toBe(false);
    expect(clickedRecently(click, 8, click.at + 10)).toBe(false);
    expect(clickedRecently(null, 7, click.at)).toBe(false);
    // A click stamped in the future (the clock moved back) proves nothing.
    expect(clickedRecently(click, 7, click.at - 5)).toBe(false);
  });
});

describe('extractFromDocument on a PDF', () => {
  it("says 'pdf' for Chrome's PDF viewer document", () => {
    const doc = document.implementation.createHTMLDocument('blank.pdf');
    doc.body.innerHTML = '<embed type="application/pdf" src="about:blank">';
    Object.defineProperty(doc, 'contentType', { value: 'application/pdf' });
    expect(extractFromDocument(doc, 'https://example.org/blank.pdf')).toEqual({ ok: false, reason: 'pdf' });
  });
});

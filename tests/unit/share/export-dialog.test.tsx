// The export dialog says what leaves in words first (questions, positions, which notes go), puts
// the download within reach at once, and keeps the exact text behind a disclosure.
import axe from 'axe-core';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ExportDialog } from '@/components/groups';
import { PRIVATE_NOTE, readerArticle, SHARED_NOTE } from './fixtures';

async function settle() {
  for (let i = 0; i < 10; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
}

describe('ExportDialog', () => {
  let container: HTMLElement;
  beforeEach(() => {
    fakeBrowser.reset();
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => {
    render(null, container);
    container.remove();
  });

  it('lists each question with the position that leaves and whether its note goes along', async () => {
    await act(() => render(<ExportDialog articles={[readerArticle()]} />, container));
    await settle();
    const contents = container.querySelector('.share-contents')!;
    expect(contents.querySelector('h4')?.textContent).toBe('The SpaceX IPO');
    const items = [...contents.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      `Should SpaceX go public?Position: YesShared note: ${SHARED_NOTE}`,
      'Monopolies are good for innovation.Position: Rather disagreeYour note stays on this device.',
      'Mars or the Moon first?Position: No position',
    ]);
    expect(contents.textContent).toContain('Sent as “Anonymous”');
    expect(container.textContent).not.toContain(PRIVATE_NOTE);
    const results = await axe.run(container, { rules: { region: { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('puts Download before the raw text, which stays folded until asked for', async () => {
    await act(() => render(<ExportDialog articles={[readerArticle()]} />, container));
    await settle();
    const raw = container.querySelector('pre')!;
    const disclosure = raw.closest('details')!;
    expect(disclosure).not.toBeNull();
    expect(disclosure.open).toBe(false);
    expect(JSON.parse(raw.textContent ?? '')).toMatchObject({ format: 'stance-positions' });
    const download = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Download')!;
    expect(download.disabled).toBe(false);
    const follows = (a: Node, b: Node) =>
      (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    expect(follows(download, disclosure)).toBe(true);
    expect(follows(container.querySelector('.share-contents')!, download)).toBe(true);
  });
});

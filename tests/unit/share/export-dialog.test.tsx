// @vitest-environment happy-dom
// The export dialog says what leaves in words first (questions, positions, which notes go), puts
// the download within reach at once, and keeps the exact text behind a disclosure.
import axe from 'axe-core';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ExportDialog } from '@/components/groups';
import { renderTarget, settle } from '../support/render-target';
import { PRIVATE_NOTE, readerArticle, SHARED_NOTE } from './fixtures';

describe('ExportDialog', () => {
  const target = renderTarget();

  it('lists each question with the position that leaves and whether its note goes along', async () => {
    await act(() => render(<ExportDialog articles={[readerArticle()]} />, target.el));
    await settle();
    const contents = target.el.querySelector('.share-contents')!;
    expect(contents.querySelector('h4')?.textContent).toBe('The SpaceX IPO');
    const items = [...contents.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      `Should SpaceX go public?Position: YesShared note: ${SHARED_NOTE}`,
      'Monopolies are good for innovation.Position: Rather disagreeYour note stays on this device.',
      'Mars or the Moon first?Position: No position',
    ]);
    expect(contents.textContent).toContain('Sent as “Anonymous”');
    expect(target.el.textContent).not.toContain(PRIVATE_NOTE);
    const results = await axe.run(target.el, { rules: { region: { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('puts Download before the raw text, which stays folded until asked for', async () => {
    await act(() => render(<ExportDialog articles={[readerArticle()]} />, target.el));
    await settle();
    const raw = target.el.querySelector('pre')!;
    const disclosure = raw.closest('details')!;
    expect(disclosure).not.toBeNull();
    expect(disclosure.open).toBe(false);
    expect(JSON.parse(raw.textContent ?? '')).toMatchObject({ format: 'stance-positions' });
    const download = [...target.el.querySelectorAll('button')].find((b) => b.textContent === 'Download')!;
    expect(download.disabled).toBe(false);
    const follows = (a: Node, b: Node) =>
      (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    expect(follows(download, disclosure)).toBe(true);
    expect(follows(target.el.querySelector('.share-contents')!, download)).toBe(true);
  });
});

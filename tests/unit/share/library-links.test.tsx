// @vitest-environment happy-dom
// My debates shows each article's title as a link to it; only a web address (http or https) may
// become one. A `javascript:` URL stored by an earlier version's restore is shown as text.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { createPanelStores, PanelStoresProvider } from '@/entrypoints/sidepanel/state/context';
import { LibraryView } from '@/entrypoints/sidepanel/views/LibraryView';
import { saveArticle } from '@/utils/positions/store';
import { renderTarget } from '../support/render-target';
import { readerArticle, URL_A } from './fixtures';

describe('My debates links', () => {
  const target = renderTarget();

  it('links a web address, and shows any other address as text', async () => {
    await saveArticle(readerArticle());
    const hostile = { ...readerArticle(), url: 'javascript:alert(document.domain)//' };
    hostile.meta = { ...hostile.meta, v: { ...hostile.meta.v, title: 'Hostile' } };
    await saveArticle(hostile);
    const stores = createPanelStores();
    await stores.library.openLibrary();
    await act(() =>
      render(
        <PanelStoresProvider stores={stores}>
          <LibraryView />
        </PanelStoresProvider>,
        target.el,
      ),
    );
    for (let i = 0; i < 20 && target.el.querySelectorAll('.library-title').length < 2; i++)
      await act(() => new Promise((r) => setTimeout(r, 5)));
    const titles = [...target.el.querySelectorAll('.library-title')];
    expect(titles.map((e) => e.textContent).sort()).toEqual(['Hostile', 'The SpaceX IPO']);
    const links = [...target.el.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toContain(URL_A);
    expect(links.filter((href) => !/^https?:/i.test(href ?? ''))).toEqual([]);
    expect(titles.find((e) => e.textContent === 'Hostile')?.tagName).toBe('SPAN');
  });
});

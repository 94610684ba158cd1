// My debates shows each article's title as a link to it; only a web address (http or https) may
// become one. A `javascript:` URL stored by an earlier version's restore is shown as text.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPanelStores, PanelStoresProvider } from '@/entrypoints/sidepanel/state/context';
import { LibraryView } from '@/entrypoints/sidepanel/views/LibraryView';
import { saveArticle } from '@/utils/positions/store';
import { readerArticle, URL_A } from './fixtures';

describe('My debates links', () => {
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
        container,
      ),
    );
    for (let i = 0; i < 20 && container.querySelectorAll('.library-title').length < 2; i++)
      await act(() => new Promise((r) => setTimeout(r, 5)));
    const titles = [...container.querySelectorAll('.library-title')];
    expect(titles.map((e) => e.textContent).sort()).toEqual(['Hostile', 'The SpaceX IPO']);
    const links = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toContain(URL_A);
    expect(links.filter((href) => !/^https?:/i.test(href ?? ''))).toEqual([]);
    expect(titles.find((e) => e.textContent === 'Hostile')?.tagName).toBe('SPAN');
  });
});

// @vitest-environment happy-dom
// A teacher starts from the article: its "Share these questions with a class" opens the Group page
// at the question pack, its heading focused so a keyboard or screen-reader user lands there.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { App } from '@/entrypoints/sidepanel/App';
import {
  createPanelStores,
  type PanelStores,
  PanelStoresProvider,
} from '@/entrypoints/sidepanel/state/context';
import { t } from '@/utils/i18n';
import * as store from '@/utils/positions/store';
import { memoryUnsavedStore } from '@/utils/positions/unsaved';
import { pageExtraction } from '../../support/extraction';
import { renderTarget, settle } from '../support/render-target';

const URL_A = 'https://blog.example.fr/classe/';
const extraction = pageExtraction(URL_A, 'Une question pour la classe', [
  { id: 'q1', kind: 'debate', label: '', text: 'Faut-il noter les devoirs ?', form: { type: 'yes-no' } },
]);

const target = renderTarget();
let panel: PanelStores;
beforeEach(async () => {
  await store.startClock();
  panel = createPanelStores({
    readPage: async () => ({ ok: true, extraction }),
    unsaved: memoryUnsavedStore(),
  });
  act(() =>
    render(
      <PanelStoresProvider stores={panel}>
        <App tabOpened />
      </PanelStoresProvider>,
      target.el,
    ),
  );
  await act(() => panel.session.openTab({ tabId: 1, url: URL_A }));
  await settle();
});

const button = (text: string) =>
  [...target.el.querySelectorAll('button')].find((b) => b.textContent === text) ?? null;

describe('the question pack, from the article view', () => {
  test('opens the Group page with the pack heading focused', async () => {
    const open = button(t('packOpenFromArticle'));
    expect(open).not.toBeNull();
    act(() => open!.click());
    await vi.waitFor(() => expect(target.el.querySelector('#question-pack-title')).not.toBeNull());
    await settle();
    expect(document.activeElement?.id).toBe('question-pack-title');
    expect(target.el.querySelector('nav [aria-current="page"]')?.textContent).toBe(t('navGroup'));
  });

  test('the Group page opened from the nav does not steal focus to the pack', async () => {
    const nav = button(t('navGroup'));
    act(() => nav!.click());
    await vi.waitFor(() => expect(target.el.querySelector('#question-pack-title')).not.toBeNull());
    await settle();
    expect(document.activeElement?.id).not.toBe('question-pack-title');
  });
});

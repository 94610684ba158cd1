// @vitest-environment happy-dom
// The article view with many questions: each section shows its first cards and "Show more" (which
// moves focus to the first card it reveals), and a click or a keystroke renders one card only.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createPanelStores,
  type PanelStores,
  PanelStoresProvider,
} from '@/entrypoints/sidepanel/state/context';
import { ArticleView, SHOWN_AT_ONCE } from '@/entrypoints/sidepanel/views/ArticleView';
import { t } from '@/utils/i18n';
import * as store from '@/utils/positions/store';
import { memoryUnsavedStore } from '@/utils/positions/unsaved';
import { pageExtraction } from '../../support/extraction';

const rendered = vi.hoisted(() => [] as string[]);
vi.mock('@/components/QuestionCard', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/components/QuestionCard')>();
  return {
    QuestionCard: (props: Parameters<typeof original.QuestionCard>[0]) => {
      rendered.push(props.question.id);
      return original.QuestionCard(props);
    },
  };
});

const URL_A = 'https://blog.example.fr/mille-questions/';
const COUNT = 120;

const extraction = () =>
  pageExtraction(
    URL_A,
    'Mille questions',
    Array.from({ length: COUNT }, (_, i) => ({
      id: `q${i}`,
      kind: 'debate' as const,
      label: '',
      text: `Question numéro ${i} ?`,
      form: { type: 'yes-no' as const },
    })),
  );

const stores = (): PanelStores =>
  createPanelStores({
    readPage: async () => ({ ok: true, extraction: extraction() }),
    unsaved: memoryUnsavedStore(),
  });

let container: HTMLElement;
let panel: PanelStores;
beforeEach(async () => {
  fakeBrowser.reset();
  await store.startClock();
  panel = stores();
  container = document.createElement('div');
  document.body.append(container);
  act(() =>
    render(
      <PanelStoresProvider stores={panel}>
        <ArticleView />
      </PanelStoresProvider>,
      container,
    ),
  );
  await act(() => panel.session.openTab({ tabId: 1, url: URL_A }));
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const cards = () => [...container.querySelectorAll('section[aria-labelledby="section-debate"] article')];
const showMore = () => container.querySelector<HTMLButtonElement>('.section-more button');

describe('a section of many questions', () => {
  test('shows its first cards, says how many, and shows more on request', async () => {
    expect(cards()).toHaveLength(SHOWN_AT_ONCE);
    expect(container.querySelector('.section-more')?.textContent).toBe(
      `${SHOWN_AT_ONCE} of ${COUNT} questions shown Show ${SHOWN_AT_ONCE} more`,
    );
    const button = showMore()!;
    expect(button.getAttribute('aria-describedby')).toBe('section-debate-shown');

    act(() => button.click());
    expect(cards()).toHaveLength(2 * SHOWN_AT_ONCE);
    // Focus goes to the first card revealed, so a keyboard reader goes on from there.
    expect(document.activeElement?.id).toBe(`q-q${SHOWN_AT_ONCE}`);
    expect(showMore()?.textContent).toBe(`Show ${COUNT - 2 * SHOWN_AT_ONCE} more`);
    await vi.waitFor(() =>
      expect(panel.announcer.announcement.value).toBe(`${2 * SHOWN_AT_ONCE} of ${COUNT} questions shown`),
    );

    act(() => showMore()!.click());
    expect(cards()).toHaveLength(COUNT);
    expect(showMore()).toBeNull();
  });

  test('a click renders the card clicked, not the others', () => {
    rendered.length = 0;
    const yes = cards()[3]!.querySelector<HTMLInputElement>('input[value="5"]')!;
    act(() => yes.click());
    expect(yes.checked).toBe(true);
    expect(new Set(rendered)).toEqual(new Set(['q3']));
  });

  test('a keystroke in a note renders its card alone', () => {
    const card = cards()[7]!;
    const addNote = [...card.querySelectorAll('button')].find((b) => b.textContent === t('noteAdd'))!;
    act(() => addNote.click());
    const note = card.querySelector('textarea')!;
    rendered.length = 0;
    act(() => {
      note.value = 'a';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(panel.session.record.value?.questions.q7?.note?.v).toBe('a');
    expect(new Set(rendered)).toEqual(new Set(['q7']));
  });

  test('a question the reader adds gets its answer form from the cue lexicon, loaded then', async () => {
    const input = container.querySelector<HTMLInputElement>('#add-question-input')!;
    act(() => {
      input.value = 'Faut-il un seul maître, ou des États lents ?';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => input.form!.requestSubmit());
    await vi.waitFor(() =>
      expect(container.querySelector('section[aria-labelledby="section-own"] h3')?.textContent).toBe(
        'Faut-il un seul maître, ou des États lents ?',
      ),
    );
    const own = Object.values(panel.session.record.value?.questions ?? {}).find((q) => q.q.v.kind === 'own');
    expect(own?.q.v.form).toEqual({ type: 'alternatives', poles: ['un seul maître', 'des États lents'] });
  });
});

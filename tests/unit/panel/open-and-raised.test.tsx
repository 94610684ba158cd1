// @vitest-environment happy-dom
// The article view with an open question (answered in words, no scale) and questions raised in
// the text (the best few shown, the rest on request, never counted as the author's), through the
// real session and store, then out through an export.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createPanelStores,
  type PanelStores,
  PanelStoresProvider,
} from '@/entrypoints/sidepanel/state/context';
import { ArticleView } from '@/entrypoints/sidepanel/views/ArticleView';
import type { ExtractedQuestion } from '@/utils/extract/types';
import * as store from '@/utils/positions/store';
import { memoryUnsavedStore } from '@/utils/positions/unsaved';
import { buildPositionsFile, positionsToCsv, positionsToMarkdown } from '@/utils/share/export';
import { pageExtraction } from '../../support/extraction';

const URL_A = 'https://blog.example.com/guarding-online-life/';

const OPEN: ExtractedQuestion = {
  id: 'open1',
  kind: 'debate',
  label: '',
  text: 'How do you guard your online life?',
  form: { type: 'open' },
};
const CLOSED: ExtractedQuestion = {
  id: 'closed1',
  kind: 'debate',
  label: '',
  text: 'Would you pay for a password manager?',
  form: { type: 'yes-no' },
};
const RAISED = Array.from(
  { length: 7 },
  (_, i): ExtractedQuestion => ({
    id: `raised${i}`,
    kind: 'raised',
    label: '',
    text: `Is reused password number ${i} a risk worth taking?`,
    form: { type: 'yes-no' },
  }),
);

const stores = (): PanelStores =>
  createPanelStores({
    readPage: async () => ({
      ok: true,
      extraction: pageExtraction(URL_A, 'Guarding your online life', [OPEN, CLOSED, ...RAISED]),
    }),
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

const card = (id: string) => container.querySelector<HTMLElement>(`article[data-question-id="${id}"]`)!;
const raisedCards = () =>
  [...container.querySelectorAll<HTMLElement>('section[aria-labelledby="section-raised"] article')].map(
    (el) => el.dataset.questionId,
  );
const header = () => container.querySelector('header')?.textContent ?? '';

async function type(field: HTMLTextAreaElement, text: string) {
  field.value = text;
  act(() => {
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => {
    await panel.session.flushSave();
  });
}

describe('an open question', () => {
  test('is answered in words: an answer field, no scale, private until shared', async () => {
    const open = card('open1');
    expect(open.querySelector('fieldset.scale')).toBeNull();
    expect(open.querySelector('input[type=radio]')).toBeNull();
    const field = open.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(open.querySelector(`label[for="${field.id}"]`)?.textContent).toBe('Your answer');
    expect(field.placeholder).toBe('Answer in your own words…');
    expect(field.maxLength).toBe(10_000);
    // The reader's own question is bounded where it is typed, as the files bound it.
    expect(container.querySelector<HTMLInputElement>('#add-question-input')?.maxLength).toBe(2_000);
    // The closed question keeps its scale.
    expect(card('closed1').querySelectorAll('input[type=radio]')).toHaveLength(6);

    expect(header()).toContain('0 of 2 answered');
    await type(field, 'A password manager and two-factor codes on paper.');
    const saved = await store.loadArticle(URL_A);
    expect(saved?.questions.open1?.note?.v).toBe('A password manager and two-factor codes on paper.');
    expect(saved?.questions.open1?.position).toBeUndefined();
    await vi.waitFor(() => expect(header()).toContain('1 of 2 answered'));

    // Private by default: the export carries the question, not the answer.
    const privateFile = buildPositionsFile([saved!], { id: 'me', name: '' });
    const asked = privateFile.articles[0]!.questions.find((q) => q.id === 'open1')!;
    expect(asked.form).toEqual({ type: 'open' });
    expect(asked.note).toBeUndefined();

    const shared = card('open1').querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(shared.parentElement?.textContent).toBe('Include this answer in exports');
    act(() => shared.click());
    await act(async () => {
      await panel.session.flushSave();
    });
    const file = buildPositionsFile([(await store.loadArticle(URL_A))!], { id: 'me', name: '' });
    const answered = file.articles[0]!.questions.find((q) => q.id === 'open1')!;
    expect(answered.note).toBe('A password manager and two-factor codes on paper.');
    expect(answered.position).toBeNull();
    // No scale words for it in the other formats either.
    const markdown = positionsToMarkdown(file);
    const block = markdown.slice(markdown.indexOf('How do you guard'), markdown.indexOf('Would you pay'));
    expect(block).toContain('> A password manager');
    expect(block).not.toContain('No position');
    const row = positionsToCsv(file)
      .split('\r\n')
      .find((line) => line.includes('"open1"'))!;
    expect(row).toContain('"open","","","",""');
  });
});

describe('questions raised in the text', () => {
  test('show the best three first, the rest on request, and are not counted as asked', async () => {
    expect(raisedCards()).toEqual(['raised0', 'raised1', 'raised2']);
    expect(
      container.querySelector('section[aria-labelledby="section-raised"] .section-more')?.textContent,
    ).toBe('3 of 7 questions shown Show 4 more');
    // Two debate questions; the seven raised ones are not the author's.
    expect(header()).toContain('0 of 2 answered');
    act(() => card('raised1').querySelector<HTMLInputElement>('input[value="5"]')!.click());
    await act(async () => {
      await panel.session.flushSave();
    });
    expect((await store.loadArticle(URL_A))?.questions.raised1?.position?.v).toBe(5);
    expect(header()).toContain('0 of 2 answered');

    act(() =>
      container
        .querySelector<HTMLButtonElement>('section[aria-labelledby="section-raised"] .section-more button')!
        .click(),
    );
    expect(raisedCards()).toEqual(RAISED.map((q) => q.id));
    expect(document.activeElement?.id).toBe('q-raised3');
  });

  test('a raised question the reader answered stays in view past the first three', async () => {
    act(() =>
      container
        .querySelector<HTMLButtonElement>('section[aria-labelledby="section-raised"] .section-more button')!
        .click(),
    );
    act(() => card('raised5').querySelector<HTMLInputElement>('input[value="2"]')!.click());
    await act(async () => {
      await panel.session.flushSave();
    });
    // Reading the page again starts the raised section folded.
    render(null, container);
    act(() =>
      render(
        <PanelStoresProvider stores={panel}>
          <ArticleView />
        </PanelStoresProvider>,
        container,
      ),
    );
    expect(raisedCards()).toEqual(['raised0', 'raised1', 'raised2', 'raised5']);
    expect(
      container.querySelector('section[aria-labelledby="section-raised"] .section-more')?.textContent,
    ).toBe('4 of 7 questions shown Show 3 more');
  });
});

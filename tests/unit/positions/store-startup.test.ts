// The panel reads the reader's record while its clock is still loading (both before its first
// paint): a stamp read then must still sort before the next edit, as one read after the start does.
import { beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as act from '@/utils/positions/actions';
import { encodeStamp } from '@/utils/positions/clock';
import { articleEntries } from '@/utils/storage';
import { emptyArticle } from './fixtures';

beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules(); // a fresh store: its clock not started
});

const YEAR_AHEAD = Date.now() + 365 * 86_400_000;

test('a stamp read before the clock starts is folded in when it starts', async () => {
  const store = await import('@/utils/positions/store');
  const ahead = encodeStamp(YEAR_AHEAD, 7, 'otherdev');
  const article = act.setArticleNote(emptyArticle(ahead), 'Écrit sur un appareil en avance', ahead);
  await fakeBrowser.storage.local.set(articleEntries(article));
  const reading = store.loadArticle(article.url); // before startClock(), as the panel does
  expect(await reading).toEqual(article);
  await store.startClock();
  expect(store.nextStamp() > ahead).toBe(true);
});

test('without that read the clock runs from now', async () => {
  const store = await import('@/utils/positions/store');
  await store.startClock();
  const ahead = encodeStamp(YEAR_AHEAD, 7, 'otherdev');
  expect(store.nextStamp() < ahead).toBe(true);
});

// The store at its edges, written against mutants Stryker left alive (npm run mutate): watchers
// that hear only their own area and keys, page aliases, the device's clock and its writer slot,
// stamps seen before the clock starts, and a record read at the current version in one read.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as act from '@/utils/positions/actions';
import { decodeStamp, encodeStamp } from '@/utils/positions/clock';
import type { ArticleRecord } from '@/utils/positions/model';
import type { LibrarySummary } from '@/utils/positions/view';
import { articleEntries, articleKey, LIBRARY_INDEX_KEY } from '@/utils/storage';
import { versionMetaKey } from '@/utils/storage-keys';
import { emptyArticle } from './fixtures';

type Store = typeof import('@/utils/positions/store');
let store: Store;
beforeEach(async () => {
  fakeBrowser.reset();
  vi.resetModules(); // a fresh store: its clock not started
  store = await import('@/utils/positions/store');
});

const settle = () => new Promise((done) => setTimeout(done, 0));
const T = Date.now();
const at = (s: number, device = 'laptop') => encodeStamp(T + s * 1000, 0, device);

describe('watchers', () => {
  test('the library watcher hears the index of storage.local only, until it is removed', async () => {
    const heard: LibrarySummary[][] = [];
    const stop = store.watchLibraryIndex((summaries) => heard.push(summaries));
    const summary = { url: 'u', title: 't' } as LibrarySummary;
    await fakeBrowser.storage.sync.set({ [LIBRARY_INDEX_KEY]: { u: summary } });
    await fakeBrowser.storage.local.set({ other: 1 });
    await fakeBrowser.storage.local.set({ [LIBRARY_INDEX_KEY]: { u: summary } });
    await fakeBrowser.storage.local.remove(LIBRARY_INDEX_KEY);
    await settle();
    expect(heard).toEqual([[summary], []]);
    stop();
    await fakeBrowser.storage.local.set({ [LIBRARY_INDEX_KEY]: { u: summary } });
    await settle();
    expect(heard).toHaveLength(2);
  });

  test('the article watcher hears article keys of storage.local only, a removal as null', async () => {
    const heard: [string, ArticleRecord | null][] = [];
    const stop = store.watchArticles((url, article) => heard.push([url, article]));
    const article = act.setArticleNote(emptyArticle(at(0)), 'n', at(1));
    await fakeBrowser.storage.sync.set(articleEntries(article));
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    await fakeBrowser.storage.local.set({ [articleKey(article.url)]: article });
    await fakeBrowser.storage.local.remove(articleKey(article.url));
    await settle();
    expect(heard).toEqual([
      [article.url, article],
      [article.url, null],
    ]);
    stop();
    await fakeBrowser.storage.local.set({ [articleKey(article.url)]: article });
    await settle();
    expect(heard).toHaveLength(2);
  });
});

describe('page aliases', () => {
  test('an address maps to its article; the article itself and a repeat write nothing', async () => {
    expect(await store.articleUrlForPage('https://m.example/a')).toBe('https://m.example/a');
    await store.rememberPageUrl('https://m.example/a', 'https://example/a');
    expect(await store.articleUrlForPage('https://m.example/a')).toBe('https://example/a');
    const before = await fakeBrowser.storage.local.get(null);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await store.rememberPageUrl('https://m.example/a', 'https://example/a');
    await store.rememberPageUrl('https://example/b', 'https://example/b');
    expect(set).not.toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
    expect(await store.articleUrlForPage('https://example/b')).toBe('https://example/b');
  });

  test('past 2,000 addresses the oldest go first', async () => {
    const many = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`https://p/${i}`, 'https://a']));
    await fakeBrowser.storage.local.set({ articleAliases: many });
    await store.rememberPageUrl('https://p/new', 'https://a');
    const kept = (await fakeBrowser.storage.local.get('articleAliases')).articleAliases as Record<
      string,
      string
    >;
    expect(Object.keys(kept)).toHaveLength(2000);
    expect(kept['https://p/0']).toBeUndefined();
    expect(kept['https://p/1']).toBe('https://a');
    expect(kept['https://p/new']).toBe('https://a');
  });
});

describe("the device's clock", () => {
  test('stamps carry the device id plus the writer slot, and refuse to stamp before it starts', async () => {
    expect(() => store.nextStamp()).toThrow(/startClock/);
    await fakeBrowser.storage.local.set({ device: 'abc123' });
    await store.startClock('7');
    expect(decodeStamp(store.nextStamp())?.device).toBe('abc1237');
    // Started once: a second start keeps the clock (and its slot).
    await store.startClock('9');
    expect(decodeStamp(store.nextStamp())?.device).toBe('abc1237');
  });

  test('only the newest readable stamp seen before the start is folded in', async () => {
    const ahead = (days: number) => encodeStamp(T + days * 86_400_000, 0, 'other');
    store.observeStamp(ahead(20));
    store.observeStamp(ahead(10)); // older: ignored
    store.observeStamp('not a stamp'); // unreadable: ignored
    await store.startClock();
    const next = store.nextStamp();
    expect(next > ahead(20)).toBe(true);
    expect(decodeStamp(next)?.ms).toBe(T + 20 * 86_400_000);
  });

  test('a stamp seen after the start moves the clock at once', async () => {
    await store.startClock();
    const ahead = encodeStamp(T + 86_400_000, 5, 'other');
    store.observeStamp(ahead);
    expect(decodeStamp(store.nextStamp())).toMatchObject({ ms: T + 86_400_000, counter: 7 });
  });
});

describe('reading a record', () => {
  test('at the current version: one storage read, the value as stored; an older one is migrated', async () => {
    const article = act.setArticleNote(emptyArticle(at(0)), 'n', at(1));
    await fakeBrowser.storage.local.set(articleEntries(article));
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect(await store.loadArticle(article.url)).toEqual(article);
    expect(get).toHaveBeenCalledTimes(1);
    expect(await store.loadArticle('https://example.org/none')).toBeNull();
  });

  test('an item of version 1 is migrated on its first read', async () => {
    const url = 'https://example.org/v1';
    const v1 = {
      url,
      title: 'Old',
      updatedAt: 1,
      questions: { q: { kind: 'debate', label: '', text: 'Q?', form: { type: 'yes-no' }, position: 4 } },
    };
    await fakeBrowser.storage.local.set({
      [articleKey(url)]: v1,
      [versionMetaKey(articleKey(url))]: { v: 1 },
    });
    const read = await store.loadArticle(url);
    expect(read?.meta.v.title).toBe('Old');
    expect(read?.questions.q?.position?.v).toBe(4);
    expect(Object.values(read?.questions.q?.history ?? {})).toEqual([{ from: null, to: 4 }]);
  });

  test('the library reconcile writes only when the index differs from the records', async () => {
    const article = act.setArticleNote(emptyArticle(at(0)), 'n', at(1));
    await store.saveArticle(article);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const summaries = await store.reconcileLibraryIndex();
    expect(summaries.map((s) => s.url)).toEqual([article.url]);
    expect(set).not.toHaveBeenCalled();
    await fakeBrowser.storage.local.set({ [LIBRARY_INDEX_KEY]: {} });
    set.mockClear();
    await store.reconcileLibraryIndex();
    expect(set).toHaveBeenCalledTimes(1);
    const index = (await fakeBrowser.storage.local.get(LIBRARY_INDEX_KEY))[LIBRARY_INDEX_KEY];
    expect(Object.keys(index as object)).toEqual([article.url]);
  });
});

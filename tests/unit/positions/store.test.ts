import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as act from '@/utils/positions/actions';
import type { ArticleRecordV1 } from '@/utils/positions/migrations';
import {
  articleUrlForPage,
  listArticles,
  listSummaries,
  loadArticle,
  reconcileLibraryIndex,
  rememberPageUrl,
  saveArticle,
  startClock,
} from '@/utils/positions/store';
import { ARTICLE_VERSION, articleKey, versionMetaKey } from '@/utils/storage';
import { emptyArticle, SHOCK, testClock } from './fixtures';

const V1_URL = 'https://blog.example.fr/ancien-article/';
const v1Article: ArticleRecordV1 = {
  url: V1_URL,
  title: 'Un article lu avec la première version',
  siteName: 'Orbite & Octets',
  updatedAt: 1_690_000_000_000,
  note: 'Ma note sur l’article',
  questions: {
    q1: {
      kind: 'debate',
      label: 'Le Monopole Ultime',
      text: 'Musk devient-il trop puissant ?',
      form: { type: 'yes-no' },
      position: 4,
      note: 'Oui, sans contre-pouvoir.',
    },
    q2: { kind: 'own', label: '', text: 'Et la Chine ?', form: { type: 'agree-disagree' }, position: null },
  },
};

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the versioned article store', () => {
  test('a v1 store migrates to v2 on first read, keeping every value and stamping it', async () => {
    await fakeBrowser.storage.local.set({ [`article:${V1_URL}`]: v1Article });
    await startClock();
    const [migrated] = await listArticles();
    expect(migrated?.url).toBe(V1_URL);
    expect(migrated?.meta.v.title).toBe(v1Article.title);
    expect(migrated?.meta.v.siteName).toBe('Orbite & Octets');
    expect(migrated?.note?.v).toBe('Ma note sur l’article');
    const q1 = migrated!.questions.q1!;
    expect(q1.q.v).toMatchObject({
      kind: 'debate',
      label: 'Le Monopole Ultime',
      text: 'Musk devient-il trop puissant ?',
    });
    expect(q1.position?.v).toBe(4);
    expect(q1.note?.v).toBe('Oui, sans contre-pouvoir.');
    expect(Object.values(q1.history)).toEqual([{ from: null, to: 4 }]);
    expect(migrated!.questions.q2?.position).toBeUndefined();
    expect(migrated!.questions.q2?.q.v.kind).toBe('own');
    // The migrated value is written back with its version, so it migrates once.
    const meta = versionMetaKey(articleKey(V1_URL));
    const stored = await fakeBrowser.storage.local.get([meta]);
    expect(stored[meta]).toEqual({ v: ARTICLE_VERSION });
  });

  test('a current record whose version meta is missing is not migrated a second time', async () => {
    const stamp = testClock();
    let article = act.ensureQuestion(emptyArticle(stamp()), act.snapshotOf(SHOCK, 0), SHOCK.id, stamp());
    article = act.setPosition(article, SHOCK.id, 5, stamp());
    // As if the browser had closed between writing the value and writing its meta.
    await fakeBrowser.storage.local.set({ [`article:${article.url}`]: article });
    await startClock();
    expect(await loadArticle(article.url)).toEqual(article);
  });

  test('saves and loads an article; lists every saved one', async () => {
    await startClock();
    const stamp = testClock();
    const a = emptyArticle(stamp(), 'https://a.example/1');
    const b = act.setArticleNote(emptyArticle(stamp(), 'https://b.example/2'), 'note', stamp());
    await saveArticle(a);
    await saveArticle(b);
    expect(await loadArticle('https://b.example/2')).toEqual(b);
    expect((await listArticles()).map((x) => x.url).sort()).toEqual([
      'https://a.example/1',
      'https://b.example/2',
    ]);
    expect(await loadArticle('https://nowhere.example/')).toBeNull();
  });

  test('every save keeps the library index current, and an install without one rebuilds it', async () => {
    await startClock();
    const stamp = testClock();
    const a = act.setArticleNote(
      emptyArticle(stamp(), 'https://a.example/1'),
      'Une note sur l’énergie',
      stamp(),
    );
    await Promise.all([saveArticle(a), saveArticle(emptyArticle(stamp(), 'https://b.example/2'))]);
    const summaries = await listSummaries();
    expect(summaries.map((s) => s.url).sort()).toEqual(['https://a.example/1', 'https://b.example/2']);
    expect(summaries.find((s) => s.url === 'https://a.example/1')?.searchText).toContain('energie');

    // An index that lost an entry (two contexts saving at once) is put right from the records.
    await fakeBrowser.storage.local.remove('libraryIndex');
    await fakeBrowser.storage.local.set({ libraryIndex: { 'https://b.example/2': summaries[1] } });
    expect((await reconcileLibraryIndex()).map((s) => s.url).sort()).toEqual([
      'https://a.example/1',
      'https://b.example/2',
    ]);
    expect((await listSummaries()).length).toBe(2);
  });

  test('remembers which article a page address showed, so a revisit finds it before reading the page', async () => {
    expect(await articleUrlForPage('http://127.0.0.1:8080/demo.html')).toBe(
      'http://127.0.0.1:8080/demo.html',
    );
    await rememberPageUrl('http://127.0.0.1:8080/demo.html', 'https://blog.example.fr/spacex/');
    expect(await articleUrlForPage('http://127.0.0.1:8080/demo.html')).toBe(
      'https://blog.example.fr/spacex/',
    );
  });
});

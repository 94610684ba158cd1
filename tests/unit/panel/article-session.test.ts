// The panel's article session with the real positions store over WXT's fake browser: a full
// storage.local (the message, the text kept, the retry), two panels on one article, and a record
// from a clock a year ahead. Only the page read and the timers are the test's own.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createArticleSession } from '@/entrypoints/sidepanel/state/article-session';
import { t } from '@/utils/i18n';
import type { PageRead, TargetTab } from '@/utils/page-bridge';
import * as act from '@/utils/positions/actions';
import { encodeStamp } from '@/utils/positions/clock';
import * as store from '@/utils/positions/store';
import { isOutOfSpace, memoryUnsavedStore } from '@/utils/positions/unsaved';
import { pageExtraction } from '../../support/extraction';

const URL_A = 'https://blog.example.fr/spacex/';
const URL_B = 'https://news.example.org/other/';

const extraction = (url: string) =>
  pageExtraction(url, `Title of ${url}`, [
    { id: 'q1', kind: 'debate', label: 'Un', text: 'Premier ?', form: { type: 'yes-no' } },
    { id: 'q2', kind: 'debate', label: 'Deux', text: 'Second ?', form: { type: 'yes-no' } },
  ]);

/** Timers the test fires by hand: the retry path runs without waiting seconds. */
function manualTimers() {
  const due: (() => void)[] = [];
  return {
    setTimer: (run: () => void) => {
      due.push(run);
      return () => {
        const i = due.indexOf(run);
        if (i >= 0) due.splice(i, 1);
      };
    },
    fireAll: () => {
      for (const run of due.splice(0)) run();
    },
  };
}

function newSession(timers = manualTimers(), unsaved = memoryUnsavedStore()) {
  const session = createArticleSession({
    readPage: async (target: TargetTab): Promise<PageRead> => ({
      ok: true,
      extraction: extraction(target.url!),
    }),
    loadArticle: store.loadArticle,
    saveArticle: store.saveArticle,
    articleUrlForPage: store.articleUrlForPage,
    rememberPageUrl: store.rememberPageUrl,
    watchArticles: store.watchArticles,
    nextStamp: () => store.nextStamp(),
    unsaved,
    setTimer: timers.setTimer,
  });
  return { session, timers, unsaved };
}

const ref = (id: string) => ({
  id,
  snapshot: {
    kind: 'debate' as const,
    label: '',
    text: `${id} ?`,
    form: { type: 'yes-no' as const },
    order: 0,
  },
});

/** storage.local refusing every write the way Chrome does past its 10 MB quota. */
function fillStorage() {
  return vi
    .spyOn(fakeBrowser.storage.local, 'set')
    .mockRejectedValue(new Error('Resource::kQuotaBytes quota exceeded'));
}

beforeEach(async () => {
  fakeBrowser.reset();
  await store.startClock();
});

describe('storage.local full', () => {
  test('says so in the reader’s language, keeps the text, and saves it once there is room', async () => {
    const { session, timers, unsaved } = newSession();
    await session.openTab({ tabId: 1, url: URL_A });
    const full = fillStorage();

    expect(await session.setPosition(ref('q1'), 4)).toBe(false);
    const noted = session.setQuestionNote(ref('q1'), 'Mon argument');
    timers.fireAll(); // the typing pause ends: the save is refused again
    expect(await noted).toBe(false);
    await vi.waitFor(() => expect(session.saveState.value).toBe('error'));
    // The alert stays up: the retry that follows does not overwrite it with "Saving…".
    await Promise.resolve();
    expect(session.saveState.value).toBe('error');
    expect(session.saveError.value).toBe(t('errorStorageFull'));
    expect(session.record.value?.questions.q1?.note?.v).toBe('Mon argument');
    expect(unsaved.entries.get(URL_A)?.questions.q1?.note?.v).toBe('Mon argument');

    // The reader moves to another article while storage is still full: nothing is dropped.
    await session.openTab({ tabId: 1, url: URL_B });
    expect(await store.loadArticle(URL_A)).toBeNull();

    full.mockRestore();
    timers.fireAll(); // the retry
    await vi.waitFor(async () =>
      expect((await store.loadArticle(URL_A))?.questions.q1?.note?.v).toBe('Mon argument'),
    );
    expect((await store.loadArticle(URL_A))?.questions.q1?.position?.v).toBe(4);
    await vi.waitFor(() => expect(session.saveState.value).toBe('saved'));
    expect(session.saveError.value).toBe('');
    expect(unsaved.entries.size).toBe(0);
  });

  test('a panel opened later writes what an earlier panel could not save', async () => {
    const first = newSession();
    await first.session.openTab({ tabId: 1, url: URL_A });
    const full = fillStorage();
    await first.session.setPosition(ref('q2'), 1);
    full.mockRestore();

    // The first panel closed; its change waited in the side store.
    const second = newSession(manualTimers(), first.unsaved);
    await second.session.recoverUnsaved();
    expect((await store.loadArticle(URL_A))?.questions.q2?.position?.v).toBe(1);
    expect(first.unsaved.entries.size).toBe(0);
  });

  test('promises no safe copy when the side store refuses too (a full disk)', async () => {
    const unsaved = memoryUnsavedStore();
    vi.spyOn(unsaved, 'put').mockRejectedValue(new Error('QuotaExceededError'));
    const { session } = newSession(manualTimers(), unsaved);
    await session.openTab({ tabId: 1, url: URL_A });
    fillStorage();
    expect(await session.setPosition(ref('q1'), 3)).toBe(false);
    expect(session.saveError.value).toBe(t('errorStorageFullKeepOpen'));
    expect(session.record.value?.questions.q1?.position?.v).toBe(3);
  });
});

describe('two panels on one article', () => {
  test('clicks on different questions at the same moment are both kept, and both panels show both', async () => {
    const a = newSession();
    const b = newSession();
    await Promise.all([
      a.session.openTab({ tabId: 1, url: URL_A }),
      b.session.openTab({ tabId: 2, url: URL_A }),
    ]);
    const stopA = a.session.followStoreChanges();
    const stopB = b.session.followStoreChanges();
    await Promise.all([a.session.setPosition(ref('q1'), 2), b.session.setPosition(ref('q2'), 5)]);
    const stored = (await store.loadArticle(URL_A))!;
    expect([stored.questions.q1?.position?.v, stored.questions.q2?.position?.v]).toEqual([2, 5]);
    await vi.waitFor(() => {
      for (const panel of [a, b]) {
        const record = panel.session.record.value!;
        expect([record.questions.q1?.position?.v, record.questions.q2?.position?.v]).toEqual([2, 5]);
      }
    });
    stopA();
    stopB();
  });
});

describe('a record from a clock a year ahead', () => {
  test('the note the reader types now wins, in storage and in the panel, after sync delivers it again', async () => {
    const future = (n: number) => encodeStamp(Date.now() + 365 * 24 * 3600 * 1000, n, 'fast01');
    let theirs = act.newArticle(
      URL_A,
      { title: 'T', siteName: 'S', lang: 'fr', readingMinutes: 1 },
      future(0),
    );
    theirs = act.ensureQuestion(theirs, ref('q1').snapshot, 'q1', future(1));
    theirs = act.setQuestionNote(theirs, 'q1', 'Their note', future(2));
    await store.saveArticle(theirs);

    const { session, timers } = newSession();
    const stop = session.followStoreChanges();
    await session.openTab({ tabId: 1, url: URL_A });
    void session.setQuestionNote(ref('q1'), 'My note');
    timers.fireAll();
    await session.flushSave();
    await store.saveArticle(theirs); // the sync engine writes the remote record once more
    await vi.waitFor(async () =>
      expect((await store.loadArticle(URL_A))?.questions.q1?.note?.v).toBe('My note'),
    );
    expect(session.record.value?.questions.q1?.note?.v).toBe('My note');
    stop();
  });
});

describe('isOutOfSpace', () => {
  // The refusals each browser gives when there is no room (Chrome's quota, Firefox's, a full disk).
  test.each([
    ['Resource::kQuotaBytes quota exceeded', true],
    ['QUOTA_BYTES quota exceeded', true],
    ['QuotaExceededError: storage.local API call exceeded its quota limitations.', true],
    ['IO error: .../000123.log: No space left on device', true],
    ['FILE_ERROR_NO_SPACE', true],
    ['Extension context invalidated.', false],
  ])('%s → %s', (message, full) => {
    expect(isOutOfSpace(new Error(message))).toBe(full);
  });
});

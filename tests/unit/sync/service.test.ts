import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ensureQuestion, newArticle, setPosition } from '@/utils/positions/actions';
import { loadArticle, nextStamp, saveArticle, startClock } from '@/utils/positions/store';
import { syncSettingsItem, syncStatusItem } from '@/utils/storage';
import { startSyncService } from '@/utils/sync/service';

describe('startSyncService', () => {
  beforeEach(() => fakeBrowser.reset());

  it('pulls what storage.sync holds into storage.local and publishes its status', async () => {
    // Another device's write, as it would arrive in this browser's storage.sync.
    await startClock();
    const url = 'https://exemple.fr/idees/loyers';
    const at = nextStamp();
    let article = newArticle(url, { title: 'Loyers', siteName: 'Ex', lang: 'fr', readingMinutes: 3 }, at);
    article = ensureQuestion(
      article,
      { kind: 'own', label: '', text: 'Encadrer ?', form: { type: 'yes-no' }, order: 0 },
      'q',
      at,
    );
    article = setPosition(article, 'q', 4, nextStamp());
    await saveArticle(article);
    const engine = await startSyncService();
    await engine.flushNow();
    const synced = await fakeBrowser.storage.sync.get(null);
    expect(Object.keys(synced).length).toBeGreaterThan(0);

    // A fresh browser with the same storage.sync gets the article.
    const items = synced;
    await engine.stop();
    fakeBrowser.reset();
    await fakeBrowser.storage.sync.set(items);
    await startSyncService();
    await new Promise((r) => setTimeout(r, 50));
    expect((await loadArticle(url))?.questions.q?.position?.v).toBe(4);
    expect((await syncStatusItem.getValue()).enabled).toBe(true);
  });

  it('stays off when the reader turned sync off', async () => {
    await syncSettingsItem.setValue({ enabled: false });
    await startSyncService();
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect((await syncStatusItem.getValue()).enabled).toBe(false);
  });
});

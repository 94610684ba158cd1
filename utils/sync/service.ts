// Runs sync in the background context: wires the engine to browser.storage.sync, the positions
// store and the reader's on/off setting. The worker may be killed at any time; everything the
// engine needs is in storage.local, so a restart reconnects and writes whatever was waiting.
import { listArticles, observeStamp, saveArticle, startClock, watchArticles } from '@/utils/positions/store';
import {
  syncForeignMarkersItem,
  syncOutboxItem,
  syncSettingsItem,
  syncSettledItem,
  syncStatusItem,
} from '@/utils/storage';
import { type SyncArea, type SyncChange, SyncEngine } from './engine';

function browserSyncArea(): SyncArea {
  return {
    get: (keys) => browser.storage.sync.get(keys),
    set: (items) => browser.storage.sync.set(items),
    remove: (keys) => browser.storage.sync.remove(keys),
    watch: (onChange) => {
      const listener = (changes: Record<string, SyncChange>, area: string) => {
        if (area === 'sync') onChange(changes);
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

/** Start syncing (call once from the background's main()). Returns the engine, for tests. */
export async function startSyncService(): Promise<SyncEngine> {
  await startClock();
  const engine = new SyncEngine({
    area: browserSyncArea(),
    library: { list: listArticles, save: saveArticle, observe: (stamp) => observeStamp(stamp) },
    persistence: {
      loadOutbox: () => syncOutboxItem.getValue(),
      saveOutbox: (outbox) => syncOutboxItem.setValue(outbox),
      loadStatus: () => syncStatusItem.getValue(),
      saveStatus: (status) => syncStatusItem.setValue(status),
      loadForeignMarkers: () => syncForeignMarkersItem.getValue(),
      saveForeignMarkers: (markers) => syncForeignMarkersItem.setValue(markers),
      loadSettled: () => syncSettledItem.getValue(),
      saveSettled: (digest) => syncSettledItem.setValue(digest),
    },
  });
  // A failure to reach storage.sync (disabled by policy, a browser without it) must not break the
  // background: the reader sees it in the panel, and local data is untouched.
  const apply = async (enabled: boolean) => {
    try {
      await engine.setEnabled(enabled);
      if (!enabled) await syncStatusItem.setValue({ ...(await syncStatusItem.getValue()), enabled: false });
    } catch {
      await syncStatusItem.setValue({ ...(await syncStatusItem.getValue()), lastError: 'other' });
    }
  };
  watchArticles(() => void engine.localChanged());
  syncSettingsItem.watch((settings) => void apply(settings.enabled));
  await apply((await syncSettingsItem.getValue()).enabled);
  return engine;
}

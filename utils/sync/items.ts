// The storage.local items sync keeps besides the articles: the reader's on/off choice (written by
// the panel, read by the background), the status the background publishes, and the outbox.
import { storage } from 'wxt/utils/storage';
import type { ForeignMarker } from './engine';
import { EMPTY_OUTBOX, type Outbox } from './outbox';
import { INITIAL_SYNC_STATUS, type SyncStatus } from './status';

export interface SyncSettings {
  enabled: boolean;
}

/** On by default: a reader signed into their browser expects their positions everywhere. */
export const syncSettingsItem = storage.defineItem<SyncSettings>('local:syncSettings', {
  fallback: { enabled: true },
});

export const syncStatusItem = storage.defineItem<SyncStatus>('local:syncStatus', {
  fallback: INITIAL_SYNC_STATUS,
});

export const syncOutboxItem = storage.defineItem<Outbox>('local:syncOutbox', { fallback: EMPTY_OUTBOX });

/** Other devices' "this device only" markers for articles this browser does not hold. */
export const syncForeignMarkersItem = storage.defineItem<ForeignMarker[]>('local:syncForeignMarkers', {
  fallback: [],
});

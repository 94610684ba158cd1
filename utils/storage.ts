// Every item Stance keeps, declared in one place: its key, its area, its version and migrations.
// Modules that read or write an item import it from here (or its keys from ./storage-keys, which
// Node scripts can load); nothing else spells a key.

export * from './storage-keys';

import { storage } from 'wxt/utils/storage';
import type { Stamp } from './positions/clock';
import { newDeviceId } from './positions/clock';
import { type ArticleRecordV1, migrateArticleV1 } from './positions/migrations';
import type { ArticleRecord } from './positions/model';
import type { ArticleGroups } from './share/format';
import { ARTICLE_VERSION, articleKey } from './storage-keys';
import type { ForeignMarker } from './sync/engine';
import { EMPTY_OUTBOX, type Outbox } from './sync/outbox';
import { INITIAL_SYNC_STATUS, type SyncStatus } from './sync/status';

const articleItems = new Map<string, ReturnType<typeof defineArticleItem>>();

function defineArticleItem(url: string, migrationStamp: () => Stamp) {
  return storage.defineItem<ArticleRecord>(`local:${articleKey(url)}`, {
    version: ARTICLE_VERSION,
    // WXT takes an item without version meta for v1: an item whose meta write was cut short
    // (browser closed mid-save) must not be "migrated" again, so the shape decides too.
    migrations: {
      2: (stored: ArticleRecordV1 | ArticleRecord) =>
        isCurrentArticleShape(stored) ? stored : migrateArticleV1(stored, migrationStamp()),
    },
  });
}

/** The versioned item of one article; `migrationStamp` stamps what a migration creates. */
export function articleItem(url: string, migrationStamp: () => Stamp) {
  let item = articleItems.get(url);
  if (!item) {
    item = defineArticleItem(url, migrationStamp);
    articleItems.set(url, item);
  }
  return item;
}

export function isCurrentArticleShape(stored: ArticleRecordV1 | ArticleRecord): stored is ArticleRecord {
  return typeof (stored as ArticleRecord).meta?.at === 'string';
}

/** One small summary per article for My debates, keyed by URL (positions/store keeps it current). */
export const LIBRARY_INDEX_KEY = 'libraryIndex';

/** Which article a page address showed (mirrors, AMP, shares): a cache, never the truth. */
export const articleAliasesItem = storage.defineItem<Record<string, string>>('local:articleAliases', {
  fallback: {},
});

/** This device's id in every stamp it makes: random, made once. */
export const deviceItem = storage.defineItem<string>('local:device', { init: () => newDeviceId() });

// --- Groups: what a reader imported, one item per article ------------------------------------

export const GROUP_PREFIX = 'group:';
export const GROUP_VERSION = 1;
export const isGroupKey = (key: string) => key.startsWith(GROUP_PREFIX) && !key.endsWith('$');
export const EMPTY_GROUPS: ArticleGroups = { groups: [] };

export function groupsItem(url: string) {
  return storage.defineItem<ArticleGroups>(`local:${GROUP_PREFIX}${url}`, {
    version: GROUP_VERSION,
    fallback: EMPTY_GROUPS,
  });
}

/** Off switch for "Show the group": when true, the group's answers show before the reader's own. */
export const revealGroupAlways = storage.defineItem<boolean>('local:groupRevealAlways', { fallback: false });

/** The reader's identity in exports: a random id (so a re-export replaces, not duplicates) and a display name. */
export const shareIdentity = storage.defineItem<{ id: string; name: string }>('local:shareIdentity', {
  init: () => ({ id: `p${Math.random().toString(36).slice(2, 12)}`, name: '' }),
});

// --- Sync: the reader's choice, the background's status, its outbox and markers --------------

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

/**
 * A digest of what the last sync plan that left nothing to write was made from: a worker start
 * that finds the same skips decoding and re-coding the area (see SyncEngine.isSettled).
 */
export const syncSettledItem = storage.defineItem<string | null>('local:syncSettled', { fallback: null });

// --- Hand-offs from the background to the panel -----------------------------------------------

/** "Debate this passage": the context menu's passage, waiting for the panel to open. */
export interface PendingPassage {
  tabId: number;
  text: string;
}
export const pendingPassageItem = storage.defineItem<PendingPassage | null>('local:pendingPassage', {
  fallback: null,
});

/** The reader's last click on the toolbar button (this browser session only). */
export interface ToolbarClick {
  tabId: number;
  /** Date.now() of the click. */
  at: number;
}
export const lastToolbarClickItem = storage.defineItem<ToolbarClick | null>('session:lastToolbarClick', {
  fallback: null,
});

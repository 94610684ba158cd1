// What the panel shows about sync: on or off, when it last wrote, how much of the quota is used,
// how many articles stay on this device, what could not be read, and the last refusal if any.
import { SYNC_QUOTA_BYTES } from './limits';
import type { SyncErrorKind } from './outbox';

export interface SyncStatus {
  enabled: boolean;
  /** ms since the epoch of the last successful write or read, null before the first. */
  lastSyncedAt: number | null;
  /** Bytes of Stance's items in storage.sync. */
  bytesUsed: number;
  quotaBytes: number;
  /** Articles the reader keeps on this device only. */
  localByChoice: number;
  /** Articles that did not fit in the quota and stay on this device. */
  localByBudget: number;
  /** Items left alone because they could not be read (corrupt, or from a newer Stance). */
  undecodable: number;
  /** Writes waiting (debounce or back-off). */
  pending: boolean;
  lastError: SyncErrorKind | null;
}

export const INITIAL_SYNC_STATUS: SyncStatus = {
  enabled: false,
  lastSyncedAt: null,
  bytesUsed: 0,
  quotaBytes: SYNC_QUOTA_BYTES,
  localByChoice: 0,
  localByBudget: 0,
  undecodable: 0,
  pending: false,
  lastError: null,
};

/** Articles that do not travel, for "3 articles on this device only". */
export function articlesOnThisDeviceOnly(status: SyncStatus): number {
  return status.localByChoice + status.localByBudget;
}

// What the panel shows about sync: on or off, when it last wrote to storage.sync, how much of the
// quota is used, how many articles stay on this device, what could not be read, the last refusal.
import { SYNC_QUOTA_BYTES } from './limits';
import type { SyncErrorKind } from './outbox';

export interface SyncStatus {
  enabled: boolean;
  /**
   * ms since the epoch when this device's library was last known to be in storage.sync: the last
   * successful write, or sync turned on and the area read whole; null before the first. It says
   * nothing of other devices: whether the browser carries storage.sync to them is not visible.
   */
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

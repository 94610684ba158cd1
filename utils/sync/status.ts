// What the panel shows about sync: on or off, when it last wrote to storage.sync, how much of the
// quota is used, how many articles stay on this device and why, what could not be read and why,
// what other items take, the last refusal, and a storage.local that refuses writes.
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
  /** Items written by a newer version of Stance (a format this one does not know): left alone. */
  newerVersion: number;
  /**
   * Items Stance wrote that are damaged (failing their checksum, cut short, a format character
   * that is none, parts still not matching after INCOMPLETE_GRACE_MS): replaced by this device's
   * copy at its next write.
   */
  corrupt: number;
  /**
   * Split items whose parts do not match their head yet: maybe still arriving, maybe damaged; left
   * alone until INCOMPLETE_GRACE_MS has passed, then counted as damaged.
   */
  incomplete: number;
  /** ms since the epoch when this device last replaced a damaged item; null if it never did. */
  repairedAt: number | null;
  /** Articles too large to sync (see MAX_ENTRY_BYTES), kept on this device only. */
  localTooLarge: number;
  /** Their titles (or addresses, for an untitled one), the most recent first, at most ten. */
  tooLargeTitles: string[];
  /** Items in storage.sync that are not Stance's articles, and their bytes: room articles lack. */
  otherItems: number;
  otherBytes: number;
  /** Saving to storage.local failed ('full': its quota): what other devices sent waits until it works. */
  localWriteError: 'full' | 'other' | null;
  /** Writes waiting (debounce or back-off). */
  pending: boolean;
  lastError: SyncErrorKind | null;
}

/**
 * How long a split item whose parts do not match its head is waited for before it is taken as
 * damaged and replaced: the parts of one write may reach a device apart, the last within seconds.
 */
export const INCOMPLETE_GRACE_MS = 5 * 60_000;

export const INITIAL_SYNC_STATUS: SyncStatus = {
  enabled: false,
  lastSyncedAt: null,
  bytesUsed: 0,
  quotaBytes: SYNC_QUOTA_BYTES,
  localByChoice: 0,
  localByBudget: 0,
  newerVersion: 0,
  corrupt: 0,
  incomplete: 0,
  repairedAt: null,
  localTooLarge: 0,
  tooLargeTitles: [],
  otherItems: 0,
  otherBytes: 0,
  localWriteError: null,
  pending: false,
  lastError: null,
};

/** Articles that do not travel, for "3 articles on this device only". */
export function articlesOnThisDeviceOnly(status: SyncStatus): number {
  return status.localByChoice + status.localByBudget + (status.localTooLarge ?? 0);
}

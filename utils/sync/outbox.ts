// The writes waiting for storage.sync, kept in storage.local so a closed panel or a killed service
// worker loses nothing: one set() with every changed item and one remove() of stale items per
// flush, spaced out to stay under Chrome's write rates, retried with back-off when refused.

export interface Outbox {
  /** Items to write, by key: the latest wanted value only. */
  set: Record<string, string>;
  /** Keys to remove (items Stance wrote that no longer hold anything wanted). */
  remove: string[];
  /** Failed attempts in a row; 0 after a success. */
  attempt: number;
  /** Do not flush before this time (ms since the epoch): back-off after a refusal. */
  retryAt: number;
  lastError: SyncErrorKind | null;
}

export const EMPTY_OUTBOX: Outbox = { set: {}, remove: [], attempt: 0, retryAt: 0, lastError: null };

export function isOutboxEmpty(outbox: Outbox): boolean {
  return outbox.remove.length === 0 && Object.keys(outbox.set).length === 0;
}

/** Wait after the last change before writing, so a burst of edits becomes one write. */
export const DEBOUNCE_MS = 2_000;
/**
 * Least time between two flushes. A flush is at most two write operations (remove + set); one
 * every 5 s is at most 24 a minute (limit 120) and 1,440 an hour (limit 1,800).
 */
export const MIN_FLUSH_INTERVAL_MS = 5_000;

export type SyncErrorKind = 'rate-minute' | 'rate-hour' | 'quota' | 'other';

/**
 * What a rejected storage.sync call means, from Chrome's messages (`Resource::kQuotaBytes quota
 * exceeded`, `This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.`) and Firefox's single
 * `QuotaExceededError: storage.sync API call exceeded its quota limitations.`
 */
export function classifySyncError(error: unknown): SyncErrorKind {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('MAX_WRITE_OPERATIONS_PER_HOUR')) return 'rate-hour';
  if (message.includes('MAX_WRITE_OPERATIONS_PER_MINUTE')) return 'rate-minute';
  if (/quota exceeded|QuotaExceededError|exceeded its quota|kQuotaBytes|kMaxItems/i.test(message))
    return 'quota';
  return 'other';
}

const BACK_OFF_BASE_MS: Record<SyncErrorKind, number> = {
  // Chrome's minute window refills within 60 s; its hour window needs longer waits.
  'rate-minute': 60_000,
  'rate-hour': 10 * 60_000,
  // A quota refusal is followed by a smaller re-plan; retry soon, then slower if it keeps failing.
  quota: 5_000,
  other: 30_000,
};
const MAX_BACK_OFF_MS = 60 * 60_000;

/** When to try again after the `attempt`-th refusal in a row (1 = first). */
export function retryDelay(kind: SyncErrorKind, attempt: number): number {
  return Math.min(MAX_BACK_OFF_MS, BACK_OFF_BASE_MS[kind] * 2 ** Math.max(0, attempt - 1));
}

/** The outbox after a refusal: same writes, later retry. */
export function afterFailure(outbox: Outbox, kind: SyncErrorKind, now: number): Outbox {
  const attempt = outbox.attempt + 1;
  return { ...outbox, attempt, retryAt: now + retryDelay(kind, attempt), lastError: kind };
}

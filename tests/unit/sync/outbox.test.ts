// The outbox's pure rules: what each browser's refusal means, how long to wait before the next try,
// and that a refusal keeps every queued write. The engine tests drive them through a whole flush;
// these pin each rule where a wrong constant or comparison would retry too soon or drop a write.
import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  classifySyncError,
  EMPTY_OUTBOX,
  isOutboxEmpty,
  type Outbox,
  retryDelay,
} from '@/utils/sync/outbox';

describe('classifySyncError', () => {
  it('reads Chrome’s and Firefox’s own messages', () => {
    // Chrome's messages, as chrome.storage.sync rejects with them.
    expect(
      classifySyncError(new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.')),
    ).toBe('rate-minute');
    expect(
      classifySyncError(new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.')),
    ).toBe('rate-hour');
    expect(classifySyncError(new Error('Resource::kQuotaBytes quota exceeded'))).toBe('quota');
    expect(classifySyncError(new Error('Resource::kQuotaBytesPerItem quota exceeded'))).toBe('quota');
    expect(classifySyncError(new Error('Resource::kMaxItems quota exceeded'))).toBe('quota');
    // Firefox's single message.
    expect(
      classifySyncError(
        new Error('QuotaExceededError: storage.sync API call exceeded its quota limitations.'),
      ),
    ).toBe('quota');
  });

  it('reads a message thrown as a string, and calls anything else "other"', () => {
    expect(classifySyncError('MAX_WRITE_OPERATIONS_PER_MINUTE')).toBe('rate-minute');
    expect(classifySyncError('QUOTA EXCEEDED')).toBe('quota');
    expect(classifySyncError(new Error('An unexpected error occurred'))).toBe('other');
    expect(classifySyncError(undefined)).toBe('other');
    expect(classifySyncError({ message: 'MAX_WRITE_OPERATIONS_PER_HOUR' })).toBe('other');
  });
});

describe('retryDelay', () => {
  it('starts from each kind’s own wait and doubles with each refusal in a row', () => {
    expect(retryDelay('rate-minute', 1)).toBe(60_000);
    expect(retryDelay('rate-minute', 2)).toBe(120_000);
    expect(retryDelay('rate-hour', 1)).toBe(600_000);
    expect(retryDelay('quota', 1)).toBe(5_000);
    expect(retryDelay('quota', 3)).toBe(20_000);
    expect(retryDelay('other', 1)).toBe(30_000);
    expect(retryDelay('other', 2)).toBe(60_000);
  });

  it('waits the base time for attempt 0 or below, and never more than an hour', () => {
    expect(retryDelay('quota', 0)).toBe(5_000);
    expect(retryDelay('quota', -3)).toBe(5_000);
    expect(retryDelay('rate-hour', 3)).toBe(2_400_000);
    expect(retryDelay('rate-hour', 4)).toBe(3_600_000);
    expect(retryDelay('other', 40)).toBe(3_600_000);
  });
});

describe('afterFailure', () => {
  const queued: Outbox = {
    set: { b0: '*1.x|abc' },
    remove: ['b0.3'],
    attempt: 1,
    retryAt: 0,
    lastError: null,
  };

  it('keeps every queued write and counts the refusal', () => {
    const next = afterFailure(queued, 'quota', 1_000);
    expect(next.set).toEqual({ b0: '*1.x|abc' });
    expect(next.remove).toEqual(['b0.3']);
    expect(next.attempt).toBe(2);
    expect(next.lastError).toBe('quota');
    expect(next.retryAt).toBe(1_000 + retryDelay('quota', 2));
    // The outbox it was given is left as it was (it is also what storage.local holds).
    expect(queued.attempt).toBe(1);
  });

  it('an outbox is empty only with nothing to set and nothing to remove', () => {
    expect(isOutboxEmpty(EMPTY_OUTBOX)).toBe(true);
    expect(isOutboxEmpty({ ...EMPTY_OUTBOX, remove: ['b0.1'] })).toBe(false);
    expect(isOutboxEmpty({ ...EMPTY_OUTBOX, set: { b0: 'x' } })).toBe(false);
    expect(isOutboxEmpty({ ...EMPTY_OUTBOX, attempt: 3, retryAt: 9, lastError: 'other' })).toBe(true);
  });
});

// Where a refused change waits: the IndexedDB store's protocol (open, upgrade, one transaction per
// call, errors passed on) against a small IndexedDB that fires its events as browsers do, and the
// out-of-space test on each browser's words.
import { describe, expect, test } from 'vitest';
import type { ArticleRecord } from '@/utils/positions/model';
import { indexedDbUnsavedStore, isOutOfSpace, memoryUnsavedStore } from '@/utils/positions/unsaved';

/** A request whose outcome is delivered later, as IndexedDB delivers it (after the caller's handlers are set). */
function later<T>(outcome: () => T, fail?: () => DOMException | null) {
  const req = { result: undefined as T | undefined, error: null as DOMException | null } as {
    result?: T;
    error: DOMException | null;
    onsuccess?: () => void;
    onerror?: () => void;
    onupgradeneeded?: () => void;
  };
  setTimeout(() => {
    const error = fail?.() ?? null;
    if (error) {
      req.error = error;
      req.onerror?.();
    } else {
      req.result = outcome();
      req.onsuccess?.();
    }
  }, 0);
  return req;
}

/** One database of object stores, and a log of what was asked of it. */
function fakeIndexedDb({ failOpen = 0, failTransaction = false } = {}) {
  const stores = new Map<string, { keyPath: string; rows: Map<string, unknown> }>();
  const log: string[] = [];
  let opens = 0;
  const db = {
    createObjectStore(name: string, { keyPath }: { keyPath: string }) {
      log.push(`create ${name} by ${keyPath}`);
      stores.set(name, { keyPath, rows: new Map() });
    },
    transaction(name: string, mode: string) {
      log.push(`transaction ${name} ${mode}`);
      const store = stores.get(name)!;
      const finish = () =>
        setTimeout(() => {
          if (failTransaction) {
            tx.error = new DOMException('quota', 'QuotaExceededError');
            tx.onabort?.();
          } else tx.oncomplete?.();
        }, 1);
      const write = (work: () => unknown) => {
        if (mode !== 'readwrite') throw new Error(`a write in a ${mode} transaction`);
        finish();
        return later(work);
      };
      const tx = {
        error: null as DOMException | null,
        oncomplete: undefined as (() => void) | undefined,
        onerror: undefined as (() => void) | undefined,
        onabort: undefined as (() => void) | undefined,
        objectStore: () => ({
          put: (value: Record<string, unknown>) =>
            write(() => store.rows.set(String(value[store.keyPath]), structuredClone(value))),
          delete: (key: string) => write(() => store.rows.delete(key)),
          getAll: () => {
            finish();
            return later(() => [...store.rows.values()]);
          },
        }),
      };
      return tx;
    },
  };
  const factory = {
    open(name: string, version: number) {
      log.push(`open ${name} v${version}`);
      opens++;
      const failing = opens <= failOpen;
      const req = {
        result: undefined as unknown,
        error: null as DOMException | null,
        onsuccess: undefined as (() => void) | undefined,
        onerror: undefined as (() => void) | undefined,
        onupgradeneeded: undefined as (() => void) | undefined,
      };
      setTimeout(() => {
        if (failing) {
          req.error = new DOMException('blocked', 'UnknownError');
          req.onerror?.();
          return;
        }
        req.result = db;
        // A new database is upgraded before it opens.
        if (stores.size === 0) req.onupgradeneeded?.();
        req.onsuccess?.();
      }, 0);
      return req;
    },
  };
  return { factory: factory as unknown as IDBFactory, log, stores };
}

const record = (url: string, note = 'n') => ({ url, note: { v: note, at: 's' } }) as unknown as ArticleRecord;

describe('indexedDbUnsavedStore', () => {
  test('none where IndexedDB is missing', () => {
    expect(indexedDbUnsavedStore(undefined)).toBeNull();
  });

  test('puts, replaces, removes and lists whole records, in one database opened once', async () => {
    const idb = fakeIndexedDb();
    const store = indexedDbUnsavedStore(idb.factory)!;
    expect(await store.all()).toEqual([]);
    await store.put(record('a'));
    await store.put(record('b'));
    await store.put(record('a', 'newer'));
    expect(await store.all()).toEqual([record('a', 'newer'), record('b')]);
    await store.remove('a');
    expect(await store.all()).toEqual([record('b')]);
    expect(idb.log.filter((l) => l.startsWith('open') || l.startsWith('create'))).toEqual([
      'open stance-unsaved v1',
      'create articles by url',
    ]);
    expect(idb.log.filter((l) => l.startsWith('transaction'))).toEqual([
      'transaction articles readonly',
      'transaction articles readwrite',
      'transaction articles readwrite',
      'transaction articles readwrite',
      'transaction articles readonly',
      'transaction articles readwrite',
      'transaction articles readonly',
    ]);
  });

  test('a failed open is reported, and the next call opens again', async () => {
    const idb = fakeIndexedDb({ failOpen: 1 });
    const store = indexedDbUnsavedStore(idb.factory)!;
    await expect(store.put(record('a'))).rejects.toThrow('blocked');
    await store.put(record('a'));
    expect(await store.all()).toEqual([record('a')]);
    expect(idb.log.filter((l) => l.startsWith('open'))).toHaveLength(2);
  });

  test('an aborted transaction rejects with its error', async () => {
    const store = indexedDbUnsavedStore(fakeIndexedDb({ failTransaction: true }).factory)!;
    await expect(store.put(record('a'))).rejects.toThrow('quota');
  });
});

describe('memoryUnsavedStore', () => {
  test('keeps the last record per article until removed', async () => {
    const store = memoryUnsavedStore();
    await store.put(record('a'));
    await store.put(record('a', 'newer'));
    expect(await store.all()).toEqual([record('a', 'newer')]);
    await store.remove('a');
    expect(await store.all()).toEqual([]);
  });
});

describe('isOutOfSpace', () => {
  test.each([
    new Error('Resource::kQuotaBytes quota exceeded'),
    new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    Object.assign(new Error('write failed'), { name: 'QuotaExceededError' }),
    new Error('IO error: .../LOG: No space left on device'),
    new Error('FILE_ERROR_NO_SPACE'),
    new Error('disk is full'),
    new Error('Disk full'),
    'QuotaExceededError: storage.sync API call exceeded its quota limitations.',
  ])('out of space: %s', (error) => {
    expect(isOutOfSpace(error)).toBe(true);
  });

  test.each([
    new Error('Extension context invalidated.'),
    new TypeError('x is undefined'),
    'disk',
    undefined,
  ])('not out of space: %s', (error) => {
    expect(isOutOfSpace(error)).toBe(false);
  });
});

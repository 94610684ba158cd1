// Where a change waits when storage.local refuses it (quota full, disk full): an IndexedDB store of
// its own, which Chrome counts apart from storage.local's 10 MB, so the reader's words outlive the
// panel closing until a later save succeeds. Each entry is the whole record; saves merge, so an
// entry older than what storage holds loses nothing when it is finally written.
import type { ArticleRecord } from './model';

export interface UnsavedStore {
  put(article: ArticleRecord): Promise<void>;
  remove(url: string): Promise<void>;
  all(): Promise<ArticleRecord[]>;
}

const DB_NAME = 'stance-unsaved';
const STORE = 'articles';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The browser's IndexedDB; `null` where it is missing, so callers keep changes in memory only. */
export function indexedDbUnsavedStore(
  idb: IDBFactory | undefined = globalThis.indexedDB,
): UnsavedStore | null {
  if (!idb) return null;
  let opened: Promise<IDBDatabase> | null = null;
  const db = () => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const open = idb.open(DB_NAME, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'url' });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    opened.catch(() => {
      opened = null;
    });
    return opened;
  };
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>) => {
    const tx = (await db()).transaction(STORE, mode);
    const result = request(work(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return result;
  };
  return {
    put: async (article) => void (await run('readwrite', (s) => s.put(article))),
    remove: async (url) => void (await run('readwrite', (s) => s.delete(url))),
    all: () => run('readonly', (s) => s.getAll() as IDBRequest<ArticleRecord[]>),
  };
}

/** A store that keeps nothing past this page: the last resort, and what unit tests inspect. */
export function memoryUnsavedStore(): UnsavedStore & { entries: Map<string, ArticleRecord> } {
  const entries = new Map<string, ArticleRecord>();
  return {
    entries,
    put: async (article) => void entries.set(article.url, article),
    remove: async (url) => void entries.delete(url),
    all: async () => [...entries.values()],
  };
}

/** Storage refused for lack of room (Chrome's quota, Firefox's, or a full disk), not a bug. */
export function isOutOfSpace(error: unknown): boolean {
  const message = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /quota|QuotaExceeded|no space|FILE_ERROR_NO_SPACE|disk (is )?full/i.test(message);
}

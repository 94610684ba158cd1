// My debates: a summary of every article with saved positions, kept current as any context saves.
import { signal } from '@preact/signals';
import { setDeleted } from '@/utils/positions/actions';
import type { Stamp } from '@/utils/positions/clock';
import type { ArticleRecord } from '@/utils/positions/model';
import type { LibrarySummary } from '@/utils/positions/view';

export interface LibraryDeps {
  listSummaries(): Promise<LibrarySummary[]>;
  reconcileLibraryIndex(): Promise<unknown>;
  watchLibraryIndex(onChange: (summaries: LibrarySummary[]) => void): () => void;
  loadArticle(url: string): Promise<ArticleRecord | null>;
  saveArticle(article: ArticleRecord): Promise<unknown>;
  nextStamp(): Stamp;
}

export type LibraryStore = ReturnType<typeof createLibraryStore>;

export function createLibraryStore(deps: LibraryDeps) {
  const summaries = signal<LibrarySummary[] | null>(null);
  /** The article just deleted, offered for undo. */
  const lastDeleted = signal<LibrarySummary | null>(null);
  let watching = false;

  async function openLibrary(): Promise<void> {
    summaries.value = await deps.listSummaries();
    if (!watching) {
      // The panel lives as long as this page: the watch never needs removing.
      deps.watchLibraryIndex((next) => {
        summaries.value = next;
      });
      watching = true;
    }
    // After the first render: put right any summary an interrupted save may have left stale.
    setTimeout(() => void deps.reconcileLibraryIndex().catch(() => {}), 1000);
  }

  /** Full records for the articles chosen to export. */
  async function loadArticles(urls: string[]): Promise<ArticleRecord[]> {
    const records = await Promise.all(urls.map((url) => deps.loadArticle(url)));
    return records.filter((r): r is ArticleRecord => r !== null);
  }

  /** Deleting leaves a tombstone, so the article does not come back from another device. */
  async function deleteArticle(summary: LibrarySummary): Promise<void> {
    const article = await deps.loadArticle(summary.url);
    if (!article) return;
    await deps.saveArticle(setDeleted(article, true, deps.nextStamp()));
    lastDeleted.value = summary;
  }

  async function undoDelete(): Promise<void> {
    const summary = lastDeleted.value;
    lastDeleted.value = null;
    const article = summary && (await deps.loadArticle(summary.url));
    if (article) await deps.saveArticle(setDeleted(article, false, deps.nextStamp()));
  }

  return { summaries, lastDeleted, openLibrary, loadArticles, deleteArticle, undoDelete };
}

// My debates: a summary of every article with saved positions, kept current as any context saves.
import { signal } from '@preact/signals';
import { setDeleted } from '@/utils/positions/actions';
import type { ArticleRecord } from '@/utils/positions/model';
import {
  listSummaries,
  loadArticle,
  nextStamp,
  reconcileLibraryIndex,
  saveArticle,
  watchLibraryIndex,
} from '@/utils/positions/store';
import type { LibrarySummary } from '@/utils/positions/view';

export const summaries = signal<LibrarySummary[] | null>(null);
/** The article just deleted, offered for undo. */
export const lastDeleted = signal<LibrarySummary | null>(null);

let watching = false;

export async function openLibrary(): Promise<void> {
  summaries.value = await listSummaries();
  if (!watching) {
    // The panel lives as long as this page: the watch never needs removing.
    watchLibraryIndex((next) => {
      summaries.value = next;
    });
    watching = true;
  }
  // After the first render: put right any summary two contexts saving at once may have missed.
  setTimeout(() => void reconcileLibraryIndex(), 1000);
}

/** Full records for the articles chosen to export. */
export async function loadArticles(urls: string[]): Promise<ArticleRecord[]> {
  const records = await Promise.all(urls.map((url) => loadArticle(url)));
  return records.filter((r): r is ArticleRecord => r !== null);
}

/** Deleting leaves a tombstone, so the article does not come back from another device. */
export async function deleteArticle(summary: LibrarySummary): Promise<void> {
  const article = await loadArticle(summary.url);
  if (!article) return;
  await saveArticle(setDeleted(article, true, nextStamp()));
  lastDeleted.value = summary;
}

export async function undoDelete(): Promise<void> {
  const summary = lastDeleted.value;
  lastDeleted.value = null;
  const article = summary && (await loadArticle(summary.url));
  if (article) await saveArticle(setDeleted(article, false, nextStamp()));
}

// My debates: every article with saved positions, kept current as any context changes the store.
import { signal } from '@preact/signals';
import { setDeleted } from '@/utils/positions/actions';
import type { ArticleRecord } from '@/utils/positions/model';
import { listArticles, nextStamp, saveArticle, watchArticles } from '@/utils/positions/store';

export const articles = signal<ArticleRecord[] | null>(null);
/** The article just deleted, offered for undo. */
export const lastDeleted = signal<ArticleRecord | null>(null);

let stopWatching: (() => void) | null = null;

export async function openLibrary(): Promise<void> {
  articles.value = await listArticles();
  stopWatching ??= watchArticles((url, stored) => {
    const others = (articles.value ?? []).filter((a) => a.url !== url);
    articles.value = stored ? [...others, stored] : others;
  });
}

/** Deleting leaves a tombstone, so the article does not come back from another device. */
export async function deleteArticle(article: ArticleRecord): Promise<void> {
  await saveArticle(setDeleted(article, true, nextStamp()));
  lastDeleted.value = article;
}

export async function undoDelete(): Promise<void> {
  const article = lastDeleted.value;
  if (!article) return;
  lastDeleted.value = null;
  await saveArticle(setDeleted(article, false, nextStamp()));
}

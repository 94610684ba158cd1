// The keys of Stance's storage items, and how an article is laid out in storage.local: plain
// functions with no browser in sight, so Node scripts, benchmarks and tests seed storage exactly
// as Stance writes it. The items themselves are declared in ./storage.ts.
import type { ArticleRecord } from './positions/model';

/** WXT keeps an item's version in a sibling key, `<key>$`: the one place that knows it. */
export function versionMetaKey(key: string): string {
  return `${key}$`;
}

export const ARTICLE_PREFIX = 'article:';
export const ARTICLE_VERSION = 2;

export const articleKey = (url: string) => `${ARTICLE_PREFIX}${url}`;
/** An article's own key (not its version meta): the article's URL follows the prefix. */
export const isArticleKey = (key: string) => key.startsWith(ARTICLE_PREFIX) && !key.endsWith('$');
export const urlOfArticleKey = (key: string) => key.slice(ARTICLE_PREFIX.length);

/** What storage holds for one saved article: the record and its version meta, for one `set()`. */
export function articleEntries(article: ArticleRecord): Record<string, unknown> {
  const key = articleKey(article.url);
  return { [key]: article, [versionMetaKey(key)]: { v: ARTICLE_VERSION } };
}

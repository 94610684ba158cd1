// The device's truth: every article the reader has positions on, one versioned storage.local
// item each (`article:<url>`), so a save writes one small item and a schema change migrates
// each item on first read instead of losing it.
import {
  ARTICLE_VERSION,
  articleAliasesItem,
  articleEntries,
  articleKey,
  deviceItem,
  isArticleKey,
  LIBRARY_INDEX_KEY,
  urlOfArticleKey,
  articleItem as versionedArticleItem,
  versionMetaKey,
} from '@/utils/storage';
import { type ClockState, decodeStamp, newClock, receive, type Stamp, tick } from './clock';
import { mergeArticle } from './merge';
import { type ArticleRecord, newestStamp } from './model';
import { type LibrarySummary, summarizeArticle } from './view';

const articleItem = (url: string) => versionedArticleItem(url, migrationStamp);

/** Every read observes the stamps it returns: an edit made after seeing a value sorts after it. */
export async function loadArticle(url: string): Promise<ArticleRecord | null> {
  return observed(await readArticle(url));
}

/**
 * One storage read for an item at the current version (all but items from before it); an older
 * item goes through WXT's versioned item, which migrates it. That item reads the whole value up to
 * three times (its migration check, its init, the read itself): the panel waits on this read
 * before its first paint, and a record of 10,000 questions weighs megabytes.
 */
async function readArticle(url: string): Promise<ArticleRecord | null> {
  const key = articleKey(url);
  const stored = await browser.storage.local.get([key, versionMetaKey(key)]);
  const value = stored[key] as ArticleRecord | null | undefined;
  if (value == null) return null;
  if ((stored[versionMetaKey(key)] as { v?: unknown } | undefined)?.v === ARTICLE_VERSION) return value;
  return articleItem(url).getValue();
}

/**
 * Writes `article` merged with what storage holds at write time, and returns what was written.
 * Two panels, the sync engine and a restore all save through here: each save re-reads and merges
 * under one lock shared by every context of the extension, so no save overwrites another's edit.
 * Value, version meta and library summary go in one `set()`, so no crash leaves one without the others.
 */
export async function saveArticle(article: ArticleRecord): Promise<ArticleRecord> {
  const [written] = await saveArticles([article]);
  return written!;
}

/**
 * Saves many articles all or nothing (a restore): each merged with what storage holds, under the
 * same lock, then every record, its version meta and the library index in ONE `set()`, which the
 * browser applies whole or not at all.
 */
export function saveArticles(articles: ArticleRecord[]): Promise<ArticleRecord[]> {
  return withArticlesLock(async () => {
    const index = await readLibraryIndex();
    const items: Record<string, unknown> = {};
    const written: ArticleRecord[] = [];
    for (const article of articles) {
      const stored = await readArticle(article.url);
      const merged = stored ? mergeArticle(stored, article) : article;
      Object.assign(items, articleEntries(merged));
      index.set(article.url, summarizeArticle(merged));
      written.push(merged);
    }
    if (written.length === 0) return written;
    items[LIBRARY_INDEX_KEY] = Object.fromEntries(index);
    await browser.storage.local.set(items);
    return written.map((article) => observed(article));
  });
}

// Web Locks are shared by every page and worker of one origin, and all of Stance's contexts share
// its extension origin: one lock serialises saves across panels and the background alike. Where
// the API is missing (Node, happy-dom), saves of this context still run one after another.
const ARTICLES_LOCK = 'stance:articles';
let localChain: Promise<unknown> = Promise.resolve();
function withArticlesLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(ARTICLES_LOCK, work) as Promise<T>;
  const run = localChain.then(work);
  localChain = run.catch(() => {});
  return run;
}

function observed<T extends ArticleRecord | null>(article: T): T {
  if (article) observeStamp(newestStamp(article));
  return article;
}

// --- The library index -------------------------------------------------------------------
// My debates reads one small summary per article instead of every full record: reading all
// records of a large library takes seconds in Chrome, the summaries a fraction of it.

/** The index as a Map: its keys are URLs, outside data that must never meet Object.prototype. */
async function readLibraryIndex(): Promise<Map<string, LibrarySummary>> {
  const stored = await browser.storage.local.get(LIBRARY_INDEX_KEY);
  return new Map(
    Object.entries((stored[LIBRARY_INDEX_KEY] as Record<string, LibrarySummary> | undefined) ?? {}),
  );
}

/** Every article's summary; built from the records the first time (an install from before the index). */
export async function listSummaries(): Promise<LibrarySummary[]> {
  const stored = await browser.storage.local.get(LIBRARY_INDEX_KEY);
  const index = stored[LIBRARY_INDEX_KEY] as Record<string, LibrarySummary> | undefined;
  return index ? Object.values(index) : reconcileLibraryIndex();
}

/**
 * Rebuild the index from the records and store it if it differs: run when the library opens,
 * after its first render, so a summary missed by two contexts saving at once is put right.
 */
export async function reconcileLibraryIndex(): Promise<LibrarySummary[]> {
  const rebuilt = new Map<string, LibrarySummary>();
  for (const article of await listArticles()) rebuilt.set(article.url, summarizeArticle(article));
  // Under the lock, so a save that lands meanwhile is not overwritten by the older rebuild.
  await withArticlesLock(async () => {
    const current = await readLibraryIndex();
    if (JSON.stringify(sortedEntries(current)) !== JSON.stringify(sortedEntries(rebuilt))) {
      await browser.storage.local.set({ [LIBRARY_INDEX_KEY]: Object.fromEntries(rebuilt) });
    }
  });
  return [...rebuilt.values()];
}

function sortedEntries(index: Map<string, LibrarySummary>) {
  return [...index.keys()].sort().map((url) => index.get(url));
}

export async function removeArticleItem(url: string): Promise<void> {
  await articleItem(url).removeValue({ removeMeta: true });
}

/** Every saved article, migrated to the current version, in no particular order. */
export async function listArticles(): Promise<ArticleRecord[]> {
  const all = await browser.storage.local.get(null);
  const urls = Object.keys(all).filter(isArticleKey).map(urlOfArticleKey);
  const stale = urls.filter(
    (url) => (all[versionMetaKey(articleKey(url))] as { v?: number } | undefined)?.v !== ARTICLE_VERSION,
  );
  if (stale.length === 0) return urls.map((url) => observed(all[articleKey(url)] as ArticleRecord));
  // Older items migrate through their versioned item, then everything is read once more.
  await Promise.all(stale.map((url) => articleItem(url).getValue()));
  return listArticles();
}

/** Calls back when the library index changes (any article saved, by any context). */
export function watchLibraryIndex(onChange: (summaries: LibrarySummary[]) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[LIBRARY_INDEX_KEY];
    if (area === 'local' && change)
      onChange(Object.values((change.newValue as Record<string, LibrarySummary>) ?? {}));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Calls back with the URL of every article changed in this device's store, by any context. */
export function watchArticles(onChange: (url: string, article: ArticleRecord | null) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    for (const [key, change] of Object.entries(changes)) {
      if (!isArticleKey(key)) continue;
      onChange(urlOfArticleKey(key), observed((change.newValue as ArticleRecord | undefined) ?? null));
    }
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

// --- Page addresses ----------------------------------------------------------------------
// A page's address often differs from its canonical URL (mirrors, AMP, shares). Remembering
// which article an address showed lets the panel show saved positions before reading the page.

/** Oldest aliases go first past this count: the map is a cache, never the truth. */
const MAX_ALIASES = 2000;

export async function articleUrlForPage(pageUrl: string): Promise<string> {
  return (await articleAliasesItem.getValue())[pageUrl] ?? pageUrl;
}

export async function rememberPageUrl(pageUrl: string, articleUrl: string): Promise<void> {
  const aliases = await articleAliasesItem.getValue();
  if (pageUrl === articleUrl || aliases[pageUrl] === articleUrl) return;
  const entries = Object.entries({ ...aliases, [pageUrl]: articleUrl });
  await articleAliasesItem.setValue(Object.fromEntries(entries.slice(-MAX_ALIASES)));
}

// --- The device's clock -------------------------------------------------------------------

let clock: ClockState | null = null;
/** The latest stamp read before the clock started (the panel reads while its clock loads). */
let seenBeforeStart: Stamp | null = null;

/**
 * Load this device's id and start its clock; call once before stamping. A panel passes the writer
 * slot it holds (claimWriterSlot), so two open panels never make the same stamp.
 */
export async function startClock(writerSlot = ''): Promise<ClockState> {
  if (!clock) {
    // The background writes as the device; each panel as the device plus its slot (writer-slot.ts).
    const device = await deviceItem.getValue();
    clock ??= newClock(device + writerSlot);
    if (seenBeforeStart) clock = receive(clock, seenBeforeStart, Date.now());
    seenBeforeStart = null;
  }
  return clock;
}

/** A stamp for a change made now on this device. */
export function nextStamp(now = Date.now()): Stamp {
  if (!clock) throw new Error('startClock() must run before stamping changes');
  const next = tick(clock, now);
  clock = next.clock;
  return next.stamp;
}

/**
 * Fold in a stamp from another device, another context or an older session, so ours sort after it.
 * A stamp from a clock running far ahead is accepted as it is (refusing it would leave two
 * devices disagreeing for ever); once seen, this clock runs on from it, so the next edit made
 * here still wins over it: a future stamp can never freeze a field.
 */
export function observeStamp(stamp: Stamp, now = Date.now()): void {
  if (clock) clock = receive(clock, stamp, now);
  else if (decodeStamp(stamp) && (!seenBeforeStart || stamp > seenBeforeStart)) seenBeforeStart = stamp;
}

function migrationStamp(): Stamp {
  // Migrations may run before the clock starts; stamp them "now, on this device" all the same.
  return clock ? nextStamp() : tick(newClock('migrate'), Date.now()).stamp;
}

// Which articles go to storage.sync when not all fit: tombstones and "this device only" markers
// first (tiny, and they stop deleted or private articles coming back), then the most recently
// active articles until the quota is full. The rest stay on this device, reported, never dropped.
import { type ArticleRecord, lastActivity } from '@/utils/positions/model';
import { articleKey, splitIntoItems } from './chunks';
import { packArticle, packLocalOnly, packTombstone } from './codec';
import { itemBytes, SYNC_MAX_ITEMS, usableTotalBytes } from './limits';

export interface SyncPlan {
  /** Every item Stance wants in storage.sync, by key. */
  items: Record<string, string>;
  /** Bytes of `items` (key + JSON of value). */
  bytes: number;
  /** URLs the reader keeps on this device only. */
  localByChoice: string[];
  /** URLs that did not fit in the quota, least recently active last. */
  localByBudget: string[];
}

export interface BudgetOptions {
  /** Bytes and items already taken by items Stance must leave alone (undecodable, other keys). */
  reservedBytes?: number;
  reservedItems?: number;
  /** Headroom kept free, so a slightly larger re-pack does not fail mid-write. */
  marginBytes?: number;
  /** Keys holding items Stance cannot read (a newer version's): never overwritten. */
  blockedKeys?: ReadonlySet<string>;
  /** Packs an article; the engine passes a memoised one. */
  pack?: (article: ArticleRecord) => string;
}

/**
 * Plans the sync area's content. Bytes are counted as Chrome does (its JSON escapes make them the
 * larger count) against Firefox's total (which also charges 4 bytes an item), so one plan fits both.
 */
export function planSync(articles: ArticleRecord[], options: BudgetOptions = {}): SyncPlan {
  const pack = options.pack ?? packArticle;
  const margin = options.marginBytes ?? 256;
  const plan: SyncPlan = {
    items: {},
    bytes: options.reservedBytes ?? 0,
    localByChoice: [],
    localByBudget: [],
  };
  let itemCount = options.reservedItems ?? 0;

  const byRecency = [...articles].sort((a, b) => {
    // Stamps compare as code units, like everywhere else (localeCompare would not).
    const [x, y] = [lastActivity(a), lastActivity(b)];
    if (x !== y) return x > y ? -1 : 1;
    return a.url < b.url ? -1 : 1;
  });
  const markers: { article: ArticleRecord; payload: string }[] = [];
  const full: ArticleRecord[] = [];
  for (const article of byRecency) {
    if (article.localOnly?.v) {
      plan.localByChoice.push(article.url);
      markers.push({ article, payload: packLocalOnly(article.localOnly) });
    } else if (article.deleted?.v) markers.push({ article, payload: packTombstone(article) });
    else full.push(article);
  }

  /** 'taken': its key is used (a hash collision, or an unreadable item); 'full': no room left. */
  const tryAdd = (article: ArticleRecord, payload: string): 'added' | 'taken' | 'full' => {
    const key = articleKey(article.url);
    // Two URLs with one key (a hash collision): the more recent keeps it, the other stays local.
    if (key in plan.items || options.blockedKeys?.has(key)) return 'taken';
    const items = splitIntoItems(key, payload, 'chrome');
    const keys = Object.keys(items);
    const bytes = keys.reduce((sum, k) => sum + itemBytes(k, items[k], 'chrome'), 0);
    const count = itemCount + keys.length;
    if (count > SYNC_MAX_ITEMS || plan.bytes + bytes > usableTotalBytes(count, 'firefox') - margin)
      return 'full';
    Object.assign(plan.items, items);
    plan.bytes += bytes;
    itemCount = count;
    return 'added';
  };

  for (const { article, payload } of markers) {
    if (tryAdd(article, payload) !== 'added' && !article.localOnly?.v) plan.localByBudget.push(article.url);
  }
  // A strict prefix by recency: once one article does not fit, older ones stay local even if a
  // smaller one would fit, so "what travels" is always "the most recent N".
  let fits = true;
  for (const article of full) {
    const outcome = fits ? tryAdd(article, pack(article)) : 'full';
    if (outcome === 'full') fits = false;
    if (outcome !== 'added') plan.localByBudget.push(article.url);
  }
  plan.bytes -= options.reservedBytes ?? 0;
  return plan;
}

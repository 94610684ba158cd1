// Which articles go to storage.sync when not all fit: tombstones and "this device only" markers
// always (tiny, and they stop deleted or private articles coming back), then the most recently
// active articles, as many as fit. The rest stay on this device, reported, never dropped.
import { type ArticleRecord, lastActivity } from '@/utils/positions/model';
import { articleKey, bucketKey, bucketOfArticleKey, splitIntoItems } from './chunks';
import { packEntries, type SyncEntry, tombstoneOf } from './codec';
import { itemBytes, SYNC_MAX_ITEMS, usableTotalBytes } from './limits';

export interface SyncPlan {
  /** Every item Stance wants in storage.sync, by key. */
  items: Record<string, string>;
  /** Bytes of `items` (key + JSON of value). */
  bytes: number;
  /** URLs the reader keeps on this device only. */
  localByChoice: string[];
  /** URLs that did not fit in the quota (or whose bucket is unreadable), most recent first. */
  localByBudget: string[];
}

export interface BudgetOptions {
  /** Bytes and items already taken by items Stance must leave alone (unreadable, other keys). */
  reservedBytes?: number;
  reservedItems?: number;
  /** Headroom kept free, so a slightly larger re-pack does not fail mid-write. */
  marginBytes?: number;
  /** Bucket keys holding items Stance cannot read (a newer version's): never overwritten. */
  blockedKeys?: ReadonlySet<string>;
  /** "This device only" markers from other devices for articles this device does not have. */
  foreignMarkers?: Extract<SyncEntry, { kind: 'localOnly' }>[];
  /** Packs a bucket's entries; the engine passes a memoised one. */
  pack?: (entries: SyncEntry[]) => string;
}

/**
 * Plans the sync area's content. Bytes are counted as Chrome does (its JSON escapes make them the
 * larger count) against Firefox's total (which also charges 4 bytes an item), so one plan fits both.
 */
export function planSync(articles: ArticleRecord[], options: BudgetOptions = {}): SyncPlan {
  const pack = options.pack ?? packEntries;
  const blocked = options.blockedKeys ?? new Set<string>();
  const localByChoice: string[] = [];
  const localByBudget: string[] = [];
  const byRecency = [...articles].sort((a, b) => {
    // Stamps compare as code units, like everywhere else (localeCompare would not).
    const [x, y] = [lastActivity(a), lastActivity(b)];
    if (x !== y) return x > y ? -1 : 1;
    return a.url < b.url ? -1 : 1;
  });
  const always: { bucket: string; id: string; entry: SyncEntry }[] = [];
  const full: { bucket: string; id: string; entry: SyncEntry; url: string }[] = [];
  const mine = new Set<string>();
  for (const article of byRecency) {
    const bucket = bucketKey(article.url);
    const id = articleKey(article.url);
    mine.add(id);
    if (article.localOnly?.v) {
      localByChoice.push(article.url);
      if (!blocked.has(bucket))
        always.push({ bucket, id, entry: { kind: 'localOnly', key: id, localOnly: article.localOnly } });
    } else if (blocked.has(bucket)) localByBudget.push(article.url);
    else if (article.deleted?.v)
      always.push({ bucket, id, entry: { kind: 'article', article: tombstoneOf(article) } });
    else full.push({ bucket, id, entry: { kind: 'article', article }, url: article.url });
  }
  for (const marker of options.foreignMarkers ?? []) {
    // Kept in this device's plan too, so it does not rewrite their bucket without them.
    const bucket = bucketOfArticleKey(marker.key);
    if (!mine.has(marker.key) && !blocked.has(bucket)) always.push({ bucket, id: marker.key, entry: marker });
  }

  const build = (count: number) => {
    const buckets = new Map<string, { id: string; entry: SyncEntry }[]>();
    for (const e of [...always, ...full.slice(0, count)]) {
      let list = buckets.get(e.bucket);
      if (!list) {
        list = [];
        buckets.set(e.bucket, list);
      }
      list.push(e);
    }
    const items: Record<string, string> = {};
    let bytes = options.reservedBytes ?? 0;
    for (const [key, list] of [...buckets].sort(([a], [b]) => (a < b ? -1 : 1))) {
      // Sorted by article key, so every device packs the same bucket into the same bytes.
      list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const split = splitIntoItems(key, pack(list.map((e) => e.entry)), 'chrome');
      for (const [k, v] of Object.entries(split)) {
        items[k] = v;
        bytes += itemBytes(k, v, 'chrome');
      }
    }
    const itemCount = Object.keys(items).length + (options.reservedItems ?? 0);
    const fits =
      itemCount <= SYNC_MAX_ITEMS &&
      bytes <= usableTotalBytes(itemCount, 'firefox') - (options.marginBytes ?? 256);
    return { items, bytes: bytes - (options.reservedBytes ?? 0), fits };
  };

  // The largest prefix by recency that fits (more articles never take less room): double the
  // count until it does not fit, then halve the gap. Each try packs only the articles it holds.
  let best = build(0);
  let low = 0;
  let high = full.length;
  for (let step = 16; low < high; step *= 2) {
    const count = Math.min(high, low + step);
    const attempt = build(count);
    if (!attempt.fits) {
      high = count - 1;
      break;
    }
    best = attempt;
    low = count;
  }
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const attempt = build(mid);
    if (attempt.fits) {
      best = attempt;
      low = mid;
    } else high = mid - 1;
  }
  for (const e of full.slice(low)) localByBudget.push(e.url);
  return { items: best.items, bytes: best.bytes, localByChoice, localByBudget };
}

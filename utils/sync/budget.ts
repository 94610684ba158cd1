// Which articles go to storage.sync when not all fit: tombstones and "this device only" markers
// always (tiny, and they stop deleted or private articles coming back), then the most recently
// active articles, as many as fit: in full, or, when not all fit in full, the older ones in the
// compact tier (every piece of the reader's data, without the page questions' wording, which the
// page gives back). The rest stay on this device, reported, never dropped.
import {
  type ArticleRecord,
  lastActivity,
  type QuestionSnapshot,
  type Stamped,
} from '@/utils/positions/model';
import { articleKey, bucketKey, bucketOfArticleKey, splitIntoItems } from './chunks';
import { compactArticle, hasPageSnapshots, packEntries, type SyncEntry, tombstoneOf } from './codec';
import { itemBytes, SYNC_MAX_ITEMS, SYNC_QUOTA_BYTES, usableTotalBytes } from './limits';

export interface SyncPlan {
  /** Every item Stance wants in storage.sync, by key. */
  items: Record<string, string>;
  /** Bytes of `items` (key + JSON of value). */
  bytes: number;
  /** URLs the reader keeps on this device only. */
  localByChoice: string[];
  /** URLs that did not fit in the quota (or whose bucket is unreadable), most recent first. */
  localByBudget: string[];
  /** URLs synced in the compact tier (without their page questions' wording), most recent first. */
  compact: string[];
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
  /** The total quota planned against (tests pass a smaller one to exercise the compact tier). */
  quotaBytes?: number;
  /** The placeholder storage.sync holds for a page question, if any (see compactArticle). */
  syncedPlaceholder?: (url: string, id: string) => Stamped<QuestionSnapshot> | undefined;
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
  const full: { bucket: string; id: string; entry: SyncEntry; compact: SyncEntry | null; url: string }[] = [];
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
    else
      full.push({
        bucket,
        id,
        entry: { kind: 'article', article },
        compact: hasPageSnapshots(article)
          ? {
              kind: 'article',
              article: compactArticle(article, (qid) => options.syncedPlaceholder?.(article.url, qid)),
            }
          : null,
        url: article.url,
      });
  }
  for (const marker of options.foreignMarkers ?? []) {
    // Kept in this device's plan too, so it does not rewrite their bucket without them.
    const bucket = bucketOfArticleKey(marker.key);
    if (!mine.has(marker.key) && !blocked.has(bucket)) always.push({ bucket, id: marker.key, entry: marker });
  }

  // The first `fullCount` articles by recency in full, the next ones up to `count` compact.
  const build = (count: number, fullCount: number) => {
    const buckets = new Map<string, { bucket: string; id: string; entry: SyncEntry }[]>();
    const chosen = full
      .slice(0, count)
      .map((e, i) => (i < fullCount || !e.compact ? e : { ...e, entry: e.compact }));
    for (const e of [...always, ...chosen]) {
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
    const quota =
      usableTotalBytes(itemCount, 'firefox') - SYNC_QUOTA_BYTES + (options.quotaBytes ?? SYNC_QUOTA_BYTES);
    const fits = itemCount <= SYNC_MAX_ITEMS && bytes <= quota - (options.marginBytes ?? 256);
    return { items, bytes: bytes - (options.reservedBytes ?? 0), fits };
  };

  // The largest count that fits (more articles never take less room), from `low` that does:
  // double the step until it does not fit, then halve the gap. Each try packs only what it holds.
  const largest = (
    from: { count: number; best: ReturnType<typeof build> },
    limit: number,
    attemptOf: (n: number) => ReturnType<typeof build>,
  ) => {
    let { count: low, best } = from;
    let high = limit;
    for (let step = 16; low < high; step *= 2) {
      const count = Math.min(high, low + step);
      const attempt = attemptOf(count);
      if (!attempt.fits) {
        high = count - 1;
        break;
      }
      best = attempt;
      low = count;
    }
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      const attempt = attemptOf(mid);
      if (attempt.fits) {
        best = attempt;
        low = mid;
      } else high = mid - 1;
    }
    return { count: low, best };
  };
  // The most recent articles in full, as many as fit. If not all do: as many articles as fit with
  // the older ones compact (the reader's data of more articles first), then as many of those in
  // full as still fit.
  const inFullOnly = largest({ count: 0, best: build(0, 0) }, full.length, (n) => build(n, n));
  let synced = inFullOnly.count;
  let inFull = inFullOnly.count;
  let best = inFullOnly.best;
  if (synced < full.length) {
    synced = largest(inFullOnly, full.length, (n) => build(n, 0)).count;
    const most = largest({ count: 0, best: build(synced, 0) }, synced, (n) => build(synced, n));
    inFull = most.count;
    best = most.best;
  }
  const compact = full
    .slice(inFull, synced)
    .filter((e) => e.compact)
    .map((e) => e.url);
  for (const e of full.slice(synced)) localByBudget.push(e.url);
  return { items: best.items, bytes: best.bytes, localByChoice, localByBudget, compact };
}

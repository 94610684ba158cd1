// Which articles go to storage.sync when not all fit: tombstones and "this device only" markers
// always (tiny, and they stop deleted or private articles coming back), then the most recently
// active articles, as many as fit: in full, or, when not all fit in full, the older ones in the
// compact tier (every piece of the reader's data, without the page questions' wording, which the
// page gives back). The rest stay on this device, reported, never dropped.
import { isArticleUrl } from '@/utils/limits';
import { type ArticleRecord, lastActivity } from '@/utils/positions/model';
import { articleKey, itemsFootprint, SYNC_STREAM_KEY, splitIntoItems } from './chunks';
import { tableBitsFor } from './context-coder';
import { EntryStream, entryLine, MAX_STREAM_BYTES, type StreamMark } from './format';
import type { SyncEntry } from './layout';
import { itemBytes, SYNC_MAX_ITEMS, SYNC_QUOTA_BYTES, usableTotalBytes } from './limits';
import {
  compactArticle,
  hasPageSnapshots,
  lacksNewestWording,
  newestSnapshots,
  pageWordings,
  type SyncedPlaceholder,
  tombstoneOf,
} from './tiers';

/** When not all articles fit in full, the most recent ones that fit in this share of the quota do. */
export const FULL_TIER_SHARE = 1 / 8;
/**
 * The most bytes (UTF-8) of layout one article may take in the stream: a third of the quota, which
 * it could take coded if its text does not compress. A larger article is skipped, counted apart,
 * and the budget goes on with the next one (a typical article of the test fixture takes about 1.4 KB).
 */
export const MAX_ENTRY_BYTES = 32_768;

/**
 * How many of the most recently active articles a plan that fits in full codes after its
 * checkpoint (see TailCheckpoint): an edit to one of them re-codes at most about twice this many.
 */
export const TAIL_ENTRIES = 5;

/**
 * The coder as it stood before the last TAIL_ENTRIES lines of a plan that fitted in full, with the
 * lines it had coded: the next plan whose lines begin with the same ones continues from a copy
 * instead of coding them again. Held by the engine between plans (one, ~22 MB).
 */
export interface TailCheckpoint {
  checkpoint: { lines: string[]; stream: EntryStream } | null;
  /**
   * The stream a plan resumes into (the checkpoint is copied into it), kept so the next one reuses
   * its memory: after a plan from nothing, that plan's own stream.
   */
  scratch?: EntryStream;
}

export interface SyncPlan {
  /** Every item Stance wants in storage.sync, by key. */
  items: Record<string, string>;
  /** Bytes of `items` (key + JSON of value). */
  bytes: number;
  /** URLs the reader keeps on this device only. */
  localByChoice: string[];
  /**
   * URLs that did not fit in the quota (or whose stream is unreadable, or that are not article
   * addresses, which decoding skips: see unpackItem), most recent first.
   */
  localByBudget: string[];
  /** URLs synced in the compact tier (without their page questions' wording), most recent first. */
  compact: string[];
  /**
   * URLs of articles too large to sync even compact (over MAX_ENTRY_BYTES): skipped, kept on this
   * device, and every article after them still planned.
   */
  tooLarge: string[];
}

export interface BudgetOptions {
  /** Bytes and items already taken by items Stance must leave alone (unreadable, other keys). */
  reservedBytes?: number;
  reservedItems?: number;
  /** Headroom kept free, so a slightly larger re-pack does not fail mid-write. */
  marginBytes?: number;
  /**
   * Keys holding items Stance cannot read (a newer version's): never overwritten. Only the
   * stream's (SYNC_STREAM_KEY) counts here: when it is blocked, every article stays on this device.
   */
  blockedKeys?: ReadonlySet<string>;
  /** "This device only" markers from other devices for articles this device does not have. */
  foreignMarkers?: Extract<SyncEntry, { kind: 'localOnly' }>[];
  /** The most bytes of layout one stream may hold (tests pass a smaller one). */
  maxStreamBytes?: number;
  /** Plans made before, by their inputs: re-planning an unchanged library codes nothing. */
  memo?: Map<string, SyncPlan>;
  /** The total quota planned against (tests pass a smaller one to exercise the compact tier). */
  quotaBytes?: number;
  /** The page wordings (see pageWordings) of the article storage.sync holds in full, if it does. */
  syncedInFull?: (url: string) => string | undefined;
  /** What storage.sync holds for a page question packed compact, if any (see compactArticle). */
  syncedPlaceholder?: (url: string, id: string) => SyncedPlaceholder | undefined;
  /** Where the last plan that fitted in full left its checkpoint (read and replaced here). */
  tail?: TailCheckpoint;
}

/**
 * Plans the sync area's content. Bytes are counted as Chrome does (its JSON escapes make them the
 * larger count) against Firefox's total (which also charges 4 bytes an item), so one plan fits both.
 */
export function planSync(articles: ArticleRecord[], options: BudgetOptions = {}): SyncPlan {
  const blocked = options.blockedKeys?.has(SYNC_STREAM_KEY) ?? false;
  const localByChoice: string[] = [];
  const localByBudget: string[] = [];
  // Each article's activity found once, not in every comparison (it walks the whole record).
  const byRecency = articles
    .map((article) => ({ article, at: lastActivity(article) }))
    .sort((a, b) => {
      // Stamps compare as code units, like everywhere else (localeCompare would not).
      if (a.at !== b.at) return a.at > b.at ? -1 : 1;
      return a.article.url < b.article.url ? -1 : 1;
    })
    .map((e) => e.article);
  const always: { id: string; entry: SyncEntry }[] = [];
  /**
   * `compact`: the article's compact form, made when first asked for (a plan that fits in full
   * never lays it out); `compactInputs`: what that form depends on besides the full entry, for the
   * memo key, or 0 if the article has none.
   */
  const full: {
    id: string;
    entry: SyncEntry;
    compact: () => SyncEntry | null;
    compactInputs: string | 0;
    url: string;
  }[] = [];
  const mine = new Set<string>();
  let lacksWording = false;
  for (const article of byRecency) {
    const id = articleKey(article.url);
    if (!isArticleUrl(article.url)) {
      localByBudget.push(article.url);
      continue;
    }
    mine.add(id);
    if (article.localOnly?.v) {
      localByChoice.push(article.url);
      if (!blocked) always.push({ id, entry: { kind: 'localOnly', key: id, localOnly: article.localOnly } });
    } else if (blocked) localByBudget.push(article.url);
    else if (article.deleted?.v)
      always.push({ id, entry: { kind: 'article', article: tombstoneOf(article) } });
    else {
      const synced = (qid: string) => options.syncedPlaceholder?.(article.url, qid);
      const newest = newestSnapshots(article, synced);
      if (lacksNewestWording(article, newest)) lacksWording = true;
      const hasCompact = hasPageSnapshots(article);
      let compact: SyncEntry | undefined;
      full.push({
        id,
        entry: { kind: 'article', article, newest },
        compact: () => {
          if (!hasCompact) return null;
          compact ??= {
            kind: 'article',
            article: compactArticle(article, (qid) => synced(qid)?.placeholder),
            newest,
          };
          return compact;
        },
        // The compact form is the article (which its full line gives), the hints (which it does
        // not always carry) and the placeholders storage.sync holds for its page questions.
        compactInputs: hasCompact
          ? JSON.stringify([
              newest,
              options.syncedPlaceholder
                ? Object.keys(article.questions).map((qid) => synced(qid)?.placeholder ?? 0)
                : 0,
            ])
          : 0,
        url: article.url,
      });
    }
  }
  for (const marker of options.foreignMarkers ?? []) {
    // Kept in this device's plan too, so it does not rewrite the stream without them.
    if (!mine.has(marker.key) && !blocked) always.push({ id: marker.key, entry: marker });
  }

  const quotaBytes = options.quotaBytes ?? SYNC_QUOTA_BYTES;
  const reservedBytes = options.reservedBytes ?? 0;
  const reservedItems = options.reservedItems ?? 0;
  const margin = options.marginBytes ?? 256;
  const fits = (bytes: number, items: number) =>
    items <= SYNC_MAX_ITEMS &&
    bytes <= usableTotalBytes(items, 'firefox') - SYNC_QUOTA_BYTES + quotaBytes - margin;

  // Every entry as the line the stream codes; sorted so every device writes the same bytes.
  always.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = new Map<SyncEntry, string>();
  const lineOf = (entry: SyncEntry) => {
    let line = lines.get(entry);
    if (line === undefined) {
      line = entryLine(entry);
      lines.set(entry, line);
    }
    return line;
  };
  const memoKey = options.memo
    ? JSON.stringify([
        reservedBytes,
        reservedItems,
        margin,
        quotaBytes,
        options.maxStreamBytes,
        always.map((e) => lineOf(e.entry)),
        full.map((e) => [lineOf(e.entry), e.compactInputs]),
        lacksWording && full.map((e) => options.syncedInFull?.(e.url) ?? null),
        // Articles kept here by choice or by an unreadable stream: they are in the plan's counts.
        localByChoice,
        localByBudget,
      ])
    : '';
  const remembered = options.memo?.get(memoKey);
  if (remembered) return structuredClone(remembered);

  const utf8 = new TextEncoder();
  const tooBig = (entry: SyncEntry) => {
    const line = lineOf(entry);
    return line.length * 3 > MAX_ENTRY_BYTES && utf8.encode(line).length > MAX_ENTRY_BYTES;
  };
  /** Whether an article is too large however it is packed (compact when it has that form). */
  const tooLargeAt = (i: number) => tooBig(full[i]!.compact() ?? full[i]!.entry);

  // Adds entries in order to the stream while the whole still fits, and stops at the first that
  // does not (or once the candidates take `share` bytes): the most recent come first. An article
  // too large for its tier goes compact, or is skipped if that is too large as well.
  const run = (inFull: (i: number) => boolean, share = Number.POSITIVE_INFINITY) => {
    const entryOf = (i: number): SyncEntry => {
      const e = full[i]!;
      return inFull(i) && !(e.compactInputs !== 0 && tooBig(e.entry)) ? e.entry : (e.compact() ?? e.entry);
    };
    let expected = 0;
    for (const e of always) expected += lineOf(e.entry).length;
    for (const i of full.keys()) if (!tooLargeAt(i)) expected += lineOf(entryOf(i)).length;
    type Open = { stream: EntryStream; good: StreamMark; bytes: number; items: number };
    let open: Open | null = null;
    let bytes = reservedBytes;
    let items = reservedItems;
    const write = (entry: SyncEntry) => {
      if (!open) {
        const stream = new EntryStream(expected);
        open = { stream, good: stream.mark(), bytes: 0, items: 0 };
      }
      const o: Open = open;
      o.stream.write(lineOf(entry));
      const mark = o.stream.mark();
      const cost = itemsFootprint(SYNC_STREAM_KEY, o.stream.payloadLength(mark));
      const total = { bytes: bytes - o.bytes + cost.bytes, items: items - o.items + cost.items };
      const keep = () => {
        o.good = mark;
        bytes = total.bytes;
        items = total.items;
        o.bytes = cost.bytes;
        o.items = cost.items;
      };
      return { total, keep, mark };
    };
    // Tombstones and markers always go (they are tiny, and stop articles coming back).
    for (const e of always) write(e.entry).keep();
    const start = bytes;
    const used = [bytes];
    const taken: number[] = [];
    const skipped: number[] = [];
    let stop = full.length;
    for (let i = 0; i < full.length; i++) {
      const entry = entryOf(i);
      if (tooBig(entry)) {
        skipped.push(i);
        continue;
      }
      const { total, keep, mark } = write(entry);
      const tooLong = mark.coder.bytesIn > (options.maxStreamBytes ?? MAX_STREAM_BYTES);
      if (!fits(total.bytes, total.items) || total.bytes - start > share || tooLong) {
        stop = i;
        break;
      }
      keep();
      taken.push(i);
      used.push(bytes);
    }
    return { count: taken.length, taken, skipped, stop, open: open as Open | null, used, entryOf };
  };

  // Every article in full, coded oldest first, or null if that does not fit. An edit makes its
  // article the most recent, so the lines before its old place are unchanged: the coder continues
  // from the checkpoint kept before the last TAIL_ENTRIES lines (an edit to a recent article codes
  // a few lines, not the library), and the payload's first parts come out the same (the engine
  // writes only the items that changed).
  function inFullOldestFirst(): ReturnType<typeof run> | null {
    const entryOf = (i: number): SyncEntry => {
      const e = full[i]!;
      return e.compactInputs !== 0 && tooBig(e.entry) ? e.compact()! : e.entry;
    };
    const skipped = full.flatMap((_, i) => (tooBig(entryOf(i)) ? [i] : []));
    const taken = full.flatMap((_, i) => (tooBig(entryOf(i)) ? [] : [i]));
    const lines = [
      ...always.map((e) => lineOf(e.entry)),
      ...[...taken].reverse().map((i) => lineOf(entryOf(i))),
    ];
    const expected = lines.reduce((sum, line) => sum + line.length, 0);
    const saved = options.tail?.checkpoint;
    const resumes =
      saved !== undefined &&
      saved !== null &&
      saved.stream.tableBits === tableBitsFor(expected) &&
      saved.lines.length <= lines.length &&
      lines.length - saved.lines.length <= 2 * TAIL_ENTRIES &&
      saved.lines.every((line, j) => line === lines[j]);
    let stream: EntryStream;
    if (resumes) {
      const scratch = options.tail!.scratch;
      stream =
        scratch?.tableBits === saved.stream.tableBits ? scratch.copyFrom(saved.stream) : saved.stream.clone();
      options.tail!.scratch = stream;
    } else stream = new EntryStream(expected);
    const from = resumes ? saved.lines.length : 0;
    const checkpointAt = Math.max(0, lines.length - TAIL_ENTRIES);
    if (lines.length === 0)
      return { count: 0, taken, skipped, stop: full.length, open: null, used: [], entryOf };
    const costAt = (mark: StreamMark) => itemsFootprint(SYNC_STREAM_KEY, stream.payloadLength(mark));
    for (let j = from; j < lines.length; j++) {
      if (j === checkpointAt && !resumes && options.tail)
        options.tail.checkpoint = { lines: lines.slice(0, j), stream: stream.clone() };
      stream.write(lines[j]!);
      // The payload only grows: once past the quota, the library does not fit in full.
      const cost = costAt(stream.mark());
      if (!fits(reservedBytes + cost.bytes, reservedItems + cost.items)) return null;
    }
    // This stream's memory is what the next plan resumes into: the first edit after a plan from
    // nothing then copies the checkpoint into it instead of allocating ~22 MB.
    if (!resumes && options.tail) options.tail.scratch = stream;
    const good = stream.mark();
    if (good.coder.bytesIn > (options.maxStreamBytes ?? MAX_STREAM_BYTES)) return null;
    const cost = costAt(good);
    const open = { stream, good, bytes: cost.bytes, items: cost.items };
    return { count: taken.length, taken, skipped, stop: full.length, open, used: [], entryOf };
  }

  // A device that lacks a page question's newest wording (another device has it, the hints say)
  // cannot know what fits in full: it keeps each article in the tier storage.sync holds it in, as
  // written by a device that has every wording, so the two write the same plan, not each other's.
  let chosen: ReturnType<typeof run>;
  if (lacksWording) {
    // In full only where that adds no wording to what storage.sync holds: more would not fit there.
    const asSynced = full.map((e) => {
      const synced = options.syncedInFull?.(e.url);
      return synced !== undefined && e.entry.kind === 'article' && synced === pageWordings(e.entry.article);
    });
    chosen = run((i) => asSynced[i]!);
  } else {
    // Everything in full if it fits. A library whose layout is over 6× the quota cannot (the full
    // tier codes to about a fourth of its layout): then this pass stops at the full tier's share.
    // Otherwise the most recent articles that fit in that share go in full and every other one
    // compact, as many as fit.
    const fullShare = quotaBytes * FULL_TIER_SHARE;
    const layoutBytes = full.reduce((sum, e) => sum + lineOf(e.entry).length, 0);
    // (The full tier codes to about a fifth of its layout: past 4× the quota, it seldom all fits.)
    const stable = layoutBytes <= 4 * quotaBytes ? inFullOldestFirst() : null;
    if (stable) chosen = stable;
    else chosen = run(() => true, layoutBytes > 6 * quotaBytes ? fullShare : Number.POSITIVE_INFINITY);
    if (chosen.stop < full.length) {
      let inFull = 0;
      while (inFull < chosen.count && chosen.used[inFull + 1]! - chosen.used[0]! <= fullShare) inFull++;
      // When the first pass stopped at the full tier's share, every article it took is in the
      // share: the boundary is where it stopped, not the end (which would put every one in full).
      const boundary = chosen.taken[inFull] ?? chosen.stop;
      const mixed = run((i) => i < boundary);
      if (mixed.count > chosen.count) chosen = mixed;
    }
  }

  const items: Record<string, string> = {};
  let bytes = 0;
  const { open } = chosen;
  if (open && open.good.entries > 0)
    for (const [k, v] of Object.entries(
      splitIntoItems(SYNC_STREAM_KEY, open.stream.payloadAt(open.good), 'chrome'),
    )) {
      items[k] = v;
      bytes += itemBytes(k, v, 'chrome');
    }
  const compact = chosen.taken.filter((i) => chosen.entryOf(i) !== full[i]!.entry).map((i) => full[i]!.url);
  const tooLarge = chosen.skipped.map((i) => full[i]!.url);
  for (let i = chosen.stop; i < full.length; i++)
    (tooLargeAt(i) ? tooLarge : localByBudget).push(full[i]!.url);
  const plan: SyncPlan = { items, bytes, localByChoice, localByBudget, compact, tooLarge };
  if (options.memo) {
    options.memo.set(memoKey, structuredClone(plan));
    // The last few plans are enough: a re-plan after a write or a remote echo has the same inputs.
    for (const key of options.memo.keys()) if (options.memo.size > 4) options.memo.delete(key);
  }
  return plan;
}

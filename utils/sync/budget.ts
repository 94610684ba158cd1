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
  /**
   * The stream's payload (what `items` split) and the lines it codes, or null when it holds none:
   * the engine reads its own write back from the lines, without decoding (see entriesOfLines).
   */
  stream: { payload: string; lines: string[] } | null;
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
  const sorted = sortLibrary(articles, options);
  const room = roomOf(options);
  const lines = new Lines();
  const key = options.memo ? memoKey(sorted, lines, room, options) : '';
  const remembered = options.memo?.get(key);
  if (remembered) return structuredClone(remembered);
  const fill = chooseFill({ sorted, lines, room, tail: options.tail }, options.syncedInFull);
  const plan = planOf(sorted, fill, lines);
  if (options.memo) {
    options.memo.set(key, structuredClone(plan));
    // The last few plans are enough: a re-plan after a write or a remote echo has the same inputs.
    for (const k of options.memo.keys()) if (options.memo.size > 4) options.memo.delete(k);
  }
  return plan;
}

type ArticleEntry = Extract<SyncEntry, { kind: 'article' }>;

/** An article that may go in the stream, in full or compact, if there is room. */
interface Candidate {
  url: string;
  /** The article in full, with the hints of its page questions' newest wordings. */
  full: ArticleEntry;
  /**
   * Its compact form, made when first asked for (a plan that fits in full never lays it out), or
   * null if it has none.
   */
  compact: () => ArticleEntry | null;
  /** What the compact form depends on besides the full entry, for the memo key, or 0 if it has none. */
  compactInputs: string | 0;
  /** Another device has a newer wording of one of its page questions (see lacksNewestWording). */
  lacksWording: boolean;
}

/** The library sorted by what becomes of each article, before any byte is counted. */
interface Sorted {
  /** Tombstones and "this device only" markers (they always go), by article key. */
  always: SyncEntry[];
  /** The articles that go if there is room, most recently active first. */
  candidates: Candidate[];
  localByChoice: string[];
  /** Kept here whatever the room: not an article address, or the stream cannot be written. */
  localByBudget: string[];
  /** Some candidate lacks a newer wording another device has. */
  lacksWording: boolean;
}

/** Sorts the library (and other devices' markers) into what always goes, what may, and what stays. */
function sortLibrary(articles: ArticleRecord[], options: BudgetOptions): Sorted {
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
  const candidates: Candidate[] = [];
  const mine = new Set<string>();
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
    else candidates.push(candidateOf(article, options.syncedPlaceholder));
  }
  for (const marker of options.foreignMarkers ?? []) {
    // Kept in this device's plan too, so it does not rewrite the stream without them.
    if (!mine.has(marker.key) && !blocked) always.push({ id: marker.key, entry: marker });
  }
  // Sorted so every device writes the same bytes.
  always.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lacksWording = candidates.some((c) => c.lacksWording);
  return { always: always.map((e) => e.entry), candidates, localByChoice, localByBudget, lacksWording };
}

/** An article as a candidate: hints and placeholders as high as what storage.sync reports. */
function candidateOf(
  article: ArticleRecord,
  syncedPlaceholder: BudgetOptions['syncedPlaceholder'],
): Candidate {
  const synced = (qid: string) => syncedPlaceholder?.(article.url, qid);
  const newest = newestSnapshots(article, synced);
  const hasCompact = hasPageSnapshots(article);
  let compact: ArticleEntry | undefined;
  return {
    url: article.url,
    full: { kind: 'article', article, newest },
    compact: () => {
      if (!hasCompact) return null;
      compact ??= {
        kind: 'article',
        article: compactArticle(article, (qid) => synced(qid)?.placeholder),
        newest,
      };
      return compact;
    },
    // The compact form is the article (which its full line gives), the hints (which it does not
    // always carry) and the placeholders storage.sync holds for its page questions.
    compactInputs: hasCompact
      ? JSON.stringify([
          newest,
          syncedPlaceholder ? Object.keys(article.questions).map((qid) => synced(qid)?.placeholder ?? 0) : 0,
        ])
      : 0,
    lacksWording: lacksNewestWording(article, newest),
  };
}

/** The room a plan has in storage.sync. */
interface Room {
  quotaBytes: number;
  reservedBytes: number;
  reservedItems: number;
  margin: number;
  /** The most bytes of layout the stream may hold. */
  maxStreamBytes: number;
}

function roomOf(options: BudgetOptions): Room {
  return {
    quotaBytes: options.quotaBytes ?? SYNC_QUOTA_BYTES,
    reservedBytes: options.reservedBytes ?? 0,
    reservedItems: options.reservedItems ?? 0,
    margin: options.marginBytes ?? 256,
    maxStreamBytes: options.maxStreamBytes ?? MAX_STREAM_BYTES,
  };
}

/** Whether a whole of this many bytes and items (the reserved ones included) fits in the room. */
function fits(room: Room, bytes: number, items: number): boolean {
  return (
    items <= SYNC_MAX_ITEMS &&
    bytes <= usableTotalBytes(items, 'firefox') - SYNC_QUOTA_BYTES + room.quotaBytes - room.margin
  );
}

/** What the area holds with the stream as far as `mark`: the reserved items and the stream's. */
function totalAt(room: Room, stream: EntryStream, mark: StreamMark): { bytes: number; items: number } {
  const cost = itemsFootprint(SYNC_STREAM_KEY, stream.payloadLength(mark));
  return { bytes: room.reservedBytes + cost.bytes, items: room.reservedItems + cost.items };
}

const utf8 = new TextEncoder();

/** Each entry as the line the stream codes, laid out once a plan (every pass asks again). */
class Lines {
  private readonly byEntry = new Map<SyncEntry, string>();

  of(entry: SyncEntry): string {
    let line = this.byEntry.get(entry);
    if (line === undefined) {
      line = entryLine(entry);
      this.byEntry.set(entry, line);
    }
    return line;
  }

  /** Whether an entry's line passes MAX_ENTRY_BYTES (its UTF-8 counted only when it may). */
  tooBig(entry: SyncEntry): boolean {
    const line = this.of(entry);
    return line.length * 3 > MAX_ENTRY_BYTES && utf8.encode(line).length > MAX_ENTRY_BYTES;
  }
}

/** Plans made with these inputs give the same plan (a plan's inputs, as one string). */
function memoKey(sorted: Sorted, lines: Lines, room: Room, options: BudgetOptions): string {
  return JSON.stringify([
    room.reservedBytes,
    room.reservedItems,
    room.margin,
    room.quotaBytes,
    options.maxStreamBytes,
    sorted.always.map((e) => lines.of(e)),
    sorted.candidates.map((c) => [lines.of(c.full), c.compactInputs]),
    sorted.lacksWording && sorted.candidates.map((c) => options.syncedInFull?.(c.url) ?? null),
    // Articles kept here by choice or by an unreadable stream: they are in the plan's counts.
    sorted.localByChoice,
    sorted.localByBudget,
  ]);
}

/** The entry a candidate is coded as in a tier: one too large in full goes compact. */
function entryIn(c: Candidate, inFull: boolean, lines: Lines): SyncEntry {
  return inFull && !(c.compactInputs !== 0 && lines.tooBig(c.full)) ? c.full : (c.compact() ?? c.full);
}

/** Whether an article is too large however it is packed (compact when it has that form). */
function isTooLarge(c: Candidate, lines: Lines): boolean {
  return lines.tooBig(c.compact() ?? c.full);
}

/** What a plan works from. */
interface Planning {
  sorted: Sorted;
  lines: Lines;
  room: Room;
  tail?: TailCheckpoint;
}

/** What one pass coded. */
interface Fill {
  /** The entry each candidate is coded as in this pass (in full or compact). */
  entries: SyncEntry[];
  /** The candidates coded, most recent first. */
  taken: number[];
  /** The candidates too large for the stream, skipped. */
  skipped: number[];
  /** The first candidate that did not fit (every one from it on stays here), or the count of candidates. */
  stop: number;
  /** The stream and its mark after the last entry that fitted, or null if none was written. */
  written: { stream: EntryStream; good: StreamMark } | null;
  /** Bytes planned after the tombstones and markers, then after each candidate taken. */
  used: number[];
}

/**
 * Adds entries in order to the stream while the whole still fits, and stops at the first that
 * does not (or once the candidates take `share` bytes): tombstones and markers first (they are
 * tiny, and stop articles coming back), then the most recent articles. `inFull` gives each its
 * tier; an article too large for its tier goes compact, or is skipped if that is too large as well.
 */
function fillByRecency(p: Planning, inFull: (i: number) => boolean, share = Number.POSITIVE_INFINITY): Fill {
  const { always, candidates } = p.sorted;
  const entries = candidates.map((c, i) => entryIn(c, inFull(i), p.lines));
  let expected = 0;
  for (const e of always) expected += p.lines.of(e).length;
  for (const [i, c] of candidates.entries())
    if (!isTooLarge(c, p.lines)) expected += p.lines.of(entries[i]!).length;
  // The stream is made on its first line: a pass that writes none primes no coder.
  let stream: EntryStream | null = null;
  let good: StreamMark | null = null;
  let planned = p.room.reservedBytes;
  for (const e of always) {
    stream ??= new EntryStream(expected);
    stream.write(p.lines.of(e));
    good = stream.mark();
    planned = totalAt(p.room, stream, good).bytes;
  }
  const start = planned;
  const used = [planned];
  const taken: number[] = [];
  const skipped: number[] = [];
  let stop = candidates.length;
  for (const [i, entry] of entries.entries()) {
    if (p.lines.tooBig(entry)) {
      skipped.push(i);
      continue;
    }
    stream ??= new EntryStream(expected);
    stream.write(p.lines.of(entry));
    const mark = stream.mark();
    const total = totalAt(p.room, stream, mark);
    const tooLong = mark.coder.bytesIn > p.room.maxStreamBytes;
    if (!fits(p.room, total.bytes, total.items) || total.bytes - start > share || tooLong) {
      stop = i;
      break;
    }
    good = mark;
    planned = total.bytes;
    taken.push(i);
    used.push(planned);
  }
  const written = stream && good ? { stream, good } : null;
  return { entries, taken, skipped, stop, written, used };
}

/**
 * Every article in full, coded oldest first, or null if that does not fit. An edit makes its
 * article the most recent, so the lines before its old place are unchanged: the coder continues
 * from the checkpoint kept before the last TAIL_ENTRIES lines (an edit to a recent article codes a
 * few lines, not the library), and the payload's first parts come out the same (the engine writes
 * only the items that changed). Reads and replaces `p.tail`.
 */
function fillOldestFirst(p: Planning): Fill | null {
  const { always, candidates } = p.sorted;
  const entries = candidates.map((c) => entryIn(c, true, p.lines));
  const skipped = entries.flatMap((e, i) => (p.lines.tooBig(e) ? [i] : []));
  const taken = entries.flatMap((e, i) => (p.lines.tooBig(e) ? [] : [i]));
  const lines = [
    ...always.map((e) => p.lines.of(e)),
    ...[...taken].reverse().map((i) => p.lines.of(entries[i]!)),
  ];
  const expected = lines.reduce((sum, line) => sum + line.length, 0);
  const tail = p.tail;
  const saved = tail?.checkpoint;
  const resumes =
    saved !== undefined &&
    saved !== null &&
    saved.stream.tableBits === tableBitsFor(expected) &&
    saved.lines.length <= lines.length &&
    lines.length - saved.lines.length <= 2 * TAIL_ENTRIES &&
    saved.lines.every((line, j) => line === lines[j]);
  let stream: EntryStream;
  if (resumes) {
    const scratch = tail!.scratch;
    stream =
      scratch?.tableBits === saved.stream.tableBits ? scratch.copyFrom(saved.stream) : saved.stream.clone();
    tail!.scratch = stream;
  } else stream = new EntryStream(expected);
  const from = resumes ? saved.lines.length : 0;
  const checkpointAt = Math.max(0, lines.length - TAIL_ENTRIES);
  if (lines.length === 0)
    return { entries, taken, skipped, stop: candidates.length, written: null, used: [] };
  for (let j = from; j < lines.length; j++) {
    if (j === checkpointAt && !resumes && tail)
      tail.checkpoint = { lines: lines.slice(0, j), stream: stream.clone() };
    stream.write(lines[j]!);
    // The payload only grows: once past the quota, the library does not fit in full.
    const total = totalAt(p.room, stream, stream.mark());
    if (!fits(p.room, total.bytes, total.items)) return null;
  }
  // This stream's memory is what the next plan resumes into: the first edit after a plan from
  // nothing then copies the checkpoint into it instead of allocating ~22 MB.
  if (!resumes && tail) tail.scratch = stream;
  const good = stream.mark();
  if (good.coder.bytesIn > p.room.maxStreamBytes) return null;
  return { entries, taken, skipped, stop: candidates.length, written: { stream, good }, used: [] };
}

/**
 * The pass whose stream is written. A device that lacks a page question's newest wording (another
 * device has it, the hints say) cannot know what fits in full: it keeps each article in the tier
 * storage.sync holds it in, as written by a device that has every wording, so the two write the
 * same plan, not each other's. Otherwise everything in full if it fits, else the most recent
 * articles that fit in the full tier's share in full and every other one compact, as many as fit.
 */
function chooseFill(p: Planning, syncedInFull: BudgetOptions['syncedInFull']): Fill {
  const { candidates } = p.sorted;
  if (p.sorted.lacksWording) {
    // In full only where that adds no wording to what storage.sync holds: more would not fit there.
    const asSynced = candidates.map((c) => {
      const synced = syncedInFull?.(c.url);
      return synced !== undefined && synced === pageWordings(c.full.article);
    });
    return fillByRecency(p, (i) => asSynced[i]!);
  }
  const quota = p.room.quotaBytes;
  const fullShare = quota * FULL_TIER_SHARE;
  const layoutBytes = candidates.reduce((sum, c) => sum + p.lines.of(c.full).length, 0);
  // (The full tier codes to about a fifth of its layout: past 4× the quota, it seldom all fits.)
  const stable = layoutBytes <= 4 * quota ? fillOldestFirst(p) : null;
  if (stable) return stable;
  // A library whose layout is over 6× the quota cannot fit in full (the full tier codes to about
  // a fourth of its layout): then this pass stops at the full tier's share.
  const first = fillByRecency(p, () => true, layoutBytes > 6 * quota ? fullShare : Number.POSITIVE_INFINITY);
  if (first.stop === candidates.length) return first;
  const boundary = fullTierEnd(first, fullShare);
  const mixed = fillByRecency(p, (i) => i < boundary);
  return mixed.taken.length > first.taken.length ? mixed : first;
}

/** The first candidate past the full tier: the most recent ones a pass took within `fullShare` bytes are in it. */
function fullTierEnd(first: Fill, fullShare: number): number {
  let inFull = 0;
  while (inFull < first.taken.length && first.used[inFull + 1]! - first.used[0]! <= fullShare) inFull++;
  // When the pass stopped at the full tier's share, every article it took is in the share: the
  // boundary is where it stopped, not the end (which would put every one in full).
  return first.taken[inFull] ?? first.stop;
}

/** The plan a pass gives: its stream as items, and where each article went. */
function planOf(sorted: Sorted, fill: Fill, lines: Lines): SyncPlan {
  const items: Record<string, string> = {};
  let bytes = 0;
  let stream: SyncPlan['stream'] = null;
  if (fill.written) {
    const payload = fill.written.stream.payloadAt(fill.written.good);
    stream = { payload, lines: fill.written.stream.linesAt(fill.written.good) };
    for (const [k, v] of Object.entries(splitIntoItems(SYNC_STREAM_KEY, payload, 'chrome'))) {
      items[k] = v;
      bytes += itemBytes(k, v, 'chrome');
    }
  }
  const { candidates } = sorted;
  const url = (i: number) => candidates[i]!.url;
  const compact = fill.taken.filter((i) => fill.entries[i] !== candidates[i]!.full).map(url);
  const tooLarge = fill.skipped.map(url);
  const localByBudget = [...sorted.localByBudget];
  for (let i = fill.stop; i < candidates.length; i++)
    (isTooLarge(candidates[i]!, lines) ? tooLarge : localByBudget).push(url(i));
  return { items, bytes, localByChoice: sorted.localByChoice, localByBudget, compact, tooLarge, stream };
}

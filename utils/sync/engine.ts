// The sync engine: keeps this device's storage.local and the account's storage.sync in step.
// Remote items are decoded and merged into the local store (never replacing it); the local
// library is re-planned and the difference queued in the outbox. Browser APIs are injected,
// so the same engine runs against the test double and the real browser.storage.sync.
import type { Stamp } from '@/utils/positions/clock';
import { mergeArticle, mergeRegister } from '@/utils/positions/merge';
import { type ArticleRecord, newestStamp } from '@/utils/positions/model';
import { planSync, type SyncPlan, type TailCheckpoint } from './budget';
import { articleKey, assembleItems, checksum, headKeyOf, isBucketKey, SYNC_STREAM_KEY } from './chunks';
import { type DecodedItem, entriesOfLines, isNewerChecked, unpackItem } from './format';
import type { SyncEntry } from './layout';
import { itemBytes, SYNC_MAX_ITEMS, usableTotalBytes } from './limits';
import {
  afterFailure,
  classifySyncError,
  DEBOUNCE_MS,
  EMPTY_OUTBOX,
  isOutboxEmpty,
  MIN_FLUSH_INTERVAL_MS,
  type Outbox,
} from './outbox';
import { INCOMPLETE_GRACE_MS, INITIAL_SYNC_STATUS, type SyncStatus } from './status';
import { isPlaceholder, pageWordings, type SyncedPlaceholder } from './tiers';

export interface SyncChange {
  oldValue?: unknown;
  newValue?: unknown;
}

/** The part of storage.sync the engine uses. */
export interface SyncArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  /** Calls back on every change of the area, this device's writes included; returns an unsubscribe. */
  watch(onChange: (changes: Record<string, SyncChange>) => void): () => void;
}

/** The device's truth (storage.local) as the engine sees it. */
export interface SyncLibrary {
  list(): Promise<ArticleRecord[]>;
  /** Saves merged with what the store holds at write time (see positions/store saveArticle). */
  save(article: ArticleRecord): Promise<unknown>;
  /** Fold a stamp from another device into this device's clock. */
  observe(stamp: Stamp): void;
}

/** Where the engine keeps what must survive a restart (storage.local in the extension). */
export interface SyncPersistence {
  loadOutbox(): Promise<Outbox | null>;
  saveOutbox(outbox: Outbox): Promise<void>;
  loadStatus(): Promise<SyncStatus | null>;
  saveStatus(status: SyncStatus): Promise<void>;
  /** "This device only" markers for articles this device does not have (yet): what it learnt. */
  loadForeignMarkers(): Promise<ForeignMarker[] | null>;
  saveForeignMarkers(markers: ForeignMarker[]): Promise<void>;
  /** The digest of the inputs of the last plan that left nothing to write (see settledDigest). */
  loadSettled(): Promise<string | null>;
  saveSettled(digest: string): Promise<void>;
}

export type ForeignMarker = Extract<SyncEntry, { kind: 'localOnly' }>;

export interface SyncEngineDeps {
  area: SyncArea;
  library: SyncLibrary;
  persistence: SyncPersistence;
  now?: () => number;
  /** Runs `run` after `ms`; returns a cancel. Tests pass a manual timer. */
  setTimer?: (run: () => void, ms: number) => () => void;
  /** The total quota to plan against; tests pass a smaller one to exercise the compact tier. */
  quotaBytes?: number;
}

const QUOTA_MARGIN_STEP = 4_096;
const MAX_QUOTA_MARGIN = 32_768;

export { INCOMPLETE_GRACE_MS };
/** When to try again after storage.local refused a write. */
export const LOCAL_RETRY_MS = 60_000;

/** Why the items under a bucket key cannot be read, and since when (with what in them). */
interface Unreadable {
  kind: 'newer' | 'corrupt' | 'incomplete';
  since: number;
  /** A hash of the bucket's items: a change starts the wait again. */
  signature: string;
}

/** A write to storage.local (the library, the outbox, the markers) that was refused. */
class LocalWriteError extends Error {
  constructor(readonly kind: 'full' | 'other') {
    super(`storage.local refused a write (${kind})`);
  }
}

async function localWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw new LocalWriteError(classifySyncError(error) === 'quota' ? 'full' : 'other');
  }
}

export class SyncEngine {
  private readonly now: () => number;
  private readonly setTimer: (run: () => void, ms: number) => () => void;
  private queue: Promise<unknown> = Promise.resolve();
  private enabled = false;
  private unwatch: (() => void) | null = null;
  private cancelTimer: (() => void) | null = null;
  /** What storage.sync holds, as last read or written. */
  private mirror = new Map<string, unknown>();
  /**
   * Bucket keys whose items cannot be read, with why. A newer version's are left alone, and so is
   * an incomplete split item for INCOMPLETE_GRACE_MS; damaged ones are replaced by this device's plan.
   */
  private unreadable = new Map<string, Unreadable>();
  /** Heads the outbox replaces because they are damaged: a write that succeeds repairs them. */
  private repairing = new Set<string>();
  /** Items in storage.sync that are not Stance's buckets. */
  private others = { items: 0, bytes: 0 };
  /** "This device only" markers for articles this device does not have, by article key. */
  private foreignMarkers = new Map<string, ForeignMarker>();
  private outbox: Outbox = EMPTY_OUTBOX;
  /** The library or the sync area changed since the last plan. */
  private dirty = false;
  private lastFlushAt = 0;
  /** Grows after each quota refusal: our count and the browser's disagreed, so plan smaller. */
  private extraMargin = 0;
  /** The settled digest last saved, so an unchanged one is not written again. */
  private settled: string | null = null;
  /** Recent plans by their inputs: the re-plan after each write codes nothing new. */
  private readonly plans = new Map<string, SyncPlan>();
  /** The coder before the most recent articles of the last plan: an edit to one codes only those. */
  private readonly tail: TailCheckpoint = { checkpoint: null };
  /**
   * The last payload decoded under each head, with what it holds: only the one storage.sync holds
   * now is asked again, and a decoded full area is megabytes (16 of them were kept before).
   */
  private readonly decoded = new Map<string, { payload: string; item: DecodedItem }>();
  /**
   * The lines of the streams this engine planned last, by payload: its own write, read back when
   * storage.sync echoes it, is taken from them instead of decoded (a second for a full area).
   */
  private readonly planned = new Map<string, string[]>();
  /**
   * Placeholders of page questions the stream holds (compact tier), by URL and id; an earlier
   * version's buckets (b1–b7) are merged and then removed, and are not asked.
   */
  private syncedPlaceholders = new Map<string, SyncedPlaceholder>();
  /** Articles the stream holds in full (no placeholder), with their page wordings, by URL. */
  private syncedInFull = new Map<string, string>();
  private current: SyncStatus = INITIAL_SYNC_STATUS;
  private readonly listeners = new Set<(status: SyncStatus) => void>();

  constructor(private readonly deps: SyncEngineDeps) {
    this.now = deps.now ?? Date.now;
    this.setTimer =
      deps.setTimer ??
      ((run, ms) => {
        const id = setTimeout(run, ms);
        return () => clearTimeout(id);
      });
  }

  get status(): SyncStatus {
    return this.current;
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Turn sync on or off. On: read everything, merge both ways, write what the other side lacks. */
  setEnabled(enabled: boolean): Promise<void> {
    return this.serial(async () => {
      if (enabled === this.enabled) return;
      this.enabled = enabled;
      if (enabled) await this.connect();
      else await this.disconnect();
    });
  }

  /** Something changed in the local library: re-plan and write after the debounce. */
  localChanged(): Promise<void> {
    return this.serial(async () => {
      if (!this.enabled) return;
      // Re-planning is once per burst: it codes the few most recent articles when the library fits
      // in full (see budget.ts TailCheckpoint), the whole area (a second or two) past the quota.
      this.dirty = true;
      if (!this.current.pending) await this.publish({ ...this.current, pending: true });
      this.scheduleFlush(DEBOUNCE_MS);
    });
  }

  /** Write the outbox now (start-up, tests), unless a back-off or the write spacing says wait. */
  flushNow(): Promise<void> {
    return this.serial(() => this.guarded(() => this.flush()));
  }

  /** Resolves once every queued operation has run. */
  idle(): Promise<void> {
    return this.serial(async () => {});
  }

  stop(): Promise<void> {
    return this.serial(async () => {
      this.unwatch?.();
      this.unwatch = null;
      this.cancelTimer?.();
      this.cancelTimer = null;
    });
  }

  // One operation at a time: a merge must not interleave with a plan or a flush.
  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  private async connect() {
    const previous = await this.deps.persistence.loadStatus();
    // A status an earlier version saved lacks the newer fields.
    this.current = { ...INITIAL_SYNC_STATUS, ...previous, enabled: true };
    this.outbox = (await this.deps.persistence.loadOutbox()) ?? EMPTY_OUTBOX;
    const markers = (await this.deps.persistence.loadForeignMarkers()) ?? [];
    this.foreignMarkers = new Map(markers.map((m) => [m.key, m]));
    // Listen before reading, so no change falls between the read and the subscription.
    this.unwatch = this.deps.area.watch((changes) => {
      this.serial(() => this.guarded(() => this.applyRemote(changes)));
    });
    const everything = await this.deps.area.get(null);
    this.mirror = new Map(Object.entries(everything));
    // The worker starts on every event it listens to (a tab loading, a click) and is stopped when
    // idle, so this runs often: when storage.sync and the library are what the last plan that
    // left nothing to write saw, there is nothing to merge and nothing to write, and the full area
    // is not decoded (a second or more) and coded again. The next change does both.
    if (await this.isSettled()) {
      // The status saved last may say "waiting" for a re-plan the worker was stopped before
      // making (the echo of its own write): there is none to make.
      await this.publish({
        ...this.current,
        lastSyncedAt: this.now(),
        pending: false,
        localWriteError: null,
      });
      return;
    }
    await this.guarded(async () => {
      await this.mergeFromMirror(new Set([...this.mirror.keys()].filter(isBucketKey).map(headKeyOf)));
      this.current = { ...this.current, lastSyncedAt: this.now() };
      await this.reconcile();
      this.scheduleFlush(0);
    });
  }

  private async disconnect() {
    this.unwatch?.();
    this.unwatch = null;
    this.cancelTimer?.();
    this.cancelTimer = null;
    // What was queued is derived from storage.local, so it is rebuilt when sync comes back on.
    this.outbox = EMPTY_OUTBOX;
    await this.deps.persistence.saveOutbox(this.outbox);
    await this.publish({ ...this.current, enabled: false, pending: false });
  }

  private async applyRemote(changes: Record<string, SyncChange>) {
    if (!this.enabled) return;
    const heads = new Set<string>();
    for (const [key, change] of Object.entries(changes)) {
      if (change.newValue === undefined) this.mirror.delete(key);
      else this.mirror.set(key, change.newValue);
      if (isBucketKey(key)) heads.add(headKeyOf(key));
    }
    if (heads.size === 0) return;
    await this.mergeFromMirror(heads);
    this.dirty = true;
    if (!this.current.pending) await this.publish({ ...this.current, pending: true });
    this.scheduleFlush(DEBOUNCE_MS);
  }

  /** Decode the items under these article keys and merge them into the local library. */
  private async mergeFromMirror(heads: Set<string>) {
    if (heads.size === 0) return;
    const library = await this.deps.library.list();
    const byUrl = new Map(library.map((a) => [a.url, a]));
    const byKey = new Map(library.map((a) => [articleKey(a.url), a]));
    for (const head of heads) {
      const isStream = head === SYNC_STREAM_KEY;
      if (isStream) {
        this.syncedPlaceholders = new Map();
        this.syncedInFull = new Map();
      }
      if (!this.mirror.has(head)) {
        this.unreadable.delete(head);
        continue;
      }
      const assembled = assembleItems(head, (key) => this.mirror.get(key));
      let failure: Unreadable['kind'] | null = null;
      let decoded: DecodedItem = { ok: false, reason: 'corrupt' };
      if (!assembled.ok) failure = assembled.reason;
      else if (assembled.checked && isNewerChecked(String(assembled.payload)[0] ?? '')) failure = 'newer';
      else {
        decoded = this.decode(head, assembled.payload);
        if (!decoded.ok) failure = decoded.reason === 'unknown-format' ? 'newer' : 'corrupt';
      }
      if (failure || !decoded.ok) {
        // Nothing of a damaged item is merged: what it held is in the storage.local of the devices
        // that wrote it, and they write it back when they next plan (see README, Sync).
        const signature = this.signatureOf(head);
        const known = this.unreadable.get(head);
        if (!known || known.kind !== failure || known.signature !== signature)
          this.unreadable.set(head, { kind: failure ?? 'corrupt', since: this.now(), signature });
        continue;
      }
      this.unreadable.delete(head);
      if (isStream) {
        this.syncedPlaceholders = placeholdersOf(decoded.entries);
        this.syncedInFull = inFullOf(decoded.entries);
      }
      for (const entry of decoded.entries) {
        let local: ArticleRecord | undefined;
        let merged: ArticleRecord;
        if (entry.kind === 'article') {
          local = byUrl.get(entry.article.url);
          merged = local ? mergeArticle(local, entry.article) : entry.article;
          this.deps.library.observe(newestStamp(entry.article));
          // A marker seen before the article (deliveries come in any order) applies to it now.
          const key = articleKey(merged.url);
          const marker = this.foreignMarkers.get(key);
          if (marker) {
            merged = { ...merged, localOnly: mergeRegister(merged.localOnly, marker.localOnly)! };
            this.foreignMarkers.delete(key);
            await this.saveForeignMarkers();
          }
        } else {
          // A "this device only" marker names no URL: it applies to the article we hold under its key.
          this.deps.library.observe(entry.localOnly.at);
          local = byKey.get(entry.key);
          if (!local) {
            const known = this.foreignMarkers.get(entry.key);
            if (!known || entry.localOnly.at > known.localOnly.at) {
              this.foreignMarkers.set(entry.key, entry);
              await this.saveForeignMarkers();
            }
            continue;
          }
          merged = { ...local, localOnly: mergeRegister(local.localOnly, entry.localOnly)! };
        }
        if (local && sameJson(local, merged)) continue;
        await localWrite(() => this.deps.library.save(merged));
        byUrl.set(merged.url, merged);
        byKey.set(articleKey(merged.url), merged);
      }
    }
  }

  /** Plan storage.sync from the local library and queue the difference with what it holds. */
  private async reconcile() {
    // Fold what storage.sync holds into the library first: if another context overwrote a merged
    // article with an older copy, the plan must not then write that older copy over the newer one.
    await this.mergeFromMirror(new Set([...this.mirror.keys()].filter(isBucketKey).map(headKeyOf)));
    const library = await this.deps.library.list();
    const now = this.now();
    const leftAlone = new Set<string>();
    this.repairing = new Set();
    for (const [head, u] of this.unreadable)
      if (this.isLeftAlone(u, now)) leftAlone.add(head);
      else this.repairing.add(head);
    let reservedBytes = 0;
    let reservedItems = 0;
    this.others = { items: 0, bytes: 0 };
    for (const [key, value] of this.mirror) {
      const bucket = isBucketKey(key);
      if (bucket && !leftAlone.has(headKeyOf(key))) continue;
      const bytes = itemBytes(key, value);
      reservedBytes += bytes;
      reservedItems++;
      if (!bucket) this.others = { items: this.others.items + 1, bytes: this.others.bytes + bytes };
    }
    const planWith = (staleBytes: number, staleItems: number) =>
      planSync(library, {
        reservedBytes: reservedBytes + staleBytes,
        reservedItems: reservedItems + staleItems,
        marginBytes: 256 + this.extraMargin,
        blockedKeys: leftAlone,
        foreignMarkers: [...this.foreignMarkers.values()],
        memo: this.plans,
        tail: this.tail,
        quotaBytes: this.deps.quotaBytes,
        syncedInFull: (url) => this.syncedInFull.get(url),
        syncedPlaceholder: (url, id) => this.syncedPlaceholders.get(`${url}\n${id}`),
      });
    let plan = planWith(0, 0);
    // New items are set before stale parts are removed (see flush): for that moment the area holds
    // both, so a plan that would not fit beside them is made again with their room reserved (the
    // plan after the removal takes the room back).
    for (let round = 0; round < 3; round++) {
      let staleBytes = 0;
      let staleItems = 0;
      for (const [key, value] of this.mirror)
        if (isBucketKey(key) && !(key in plan.items) && !leftAlone.has(headKeyOf(key))) {
          staleBytes += itemBytes(key, value);
          staleItems++;
        }
      const items = Object.keys(plan.items).length + staleItems + reservedItems;
      const bytes = plan.bytes + staleBytes + reservedBytes;
      if (staleItems === 0 || (items <= SYNC_MAX_ITEMS && bytes <= usableTotalBytes(items, 'firefox') - 256))
        break;
      plan = planWith(staleBytes, staleItems);
    }
    // Only the items that differ from what storage.sync holds: a plan that fits in full codes the
    // library oldest first, so an edit to a recent article changes the head (its checksum) and the
    // last part or two. A head whose parts another device's write replaced meanwhile fails its
    // checksum, which reads as incomplete until that write arrives here, and the re-plan then
    // writes whatever still differs.
    if (plan.stream) {
      this.planned.set(plan.stream.payload, plan.stream.lines);
      for (const key of this.planned.keys()) if (this.planned.size > 2) this.planned.delete(key);
    }
    const set: Record<string, string> = {};
    for (const [key, value] of Object.entries(plan.items))
      if (this.mirror.get(key) !== value) set[key] = value;
    // Everything in a bucket this device left out of its plan is merged here already (articles
    // into the library, foreign markers into the plan), or damaged: only a newer version's items
    // and parts still due are left alone.
    const remove = [...this.mirror.keys()].filter(
      (key) => isBucketKey(key) && !(key in plan.items) && !leftAlone.has(headKeyOf(key)),
    );
    this.outbox = { ...this.outbox, set, remove };
    if (isOutboxEmpty(this.outbox)) this.outbox = EMPTY_OUTBOX;
    await localWrite(() => this.deps.persistence.saveOutbox(this.outbox));
    if (isOutboxEmpty(this.outbox) && this.unreadable.size === 0) await this.saveSettled(library);
    const byUrl = new Map(library.map((a) => [a.url, a]));
    const tooLargeTitles = plan.tooLarge.slice(0, 10).map((url) => byUrl.get(url)?.meta.v.title || url);
    await this.publish({ ...this.statusFrom(plan), tooLargeTitles, localWriteError: null });
  }

  /**
   * What a plan is made from, as one hash: the items in storage.sync (other keys' too: they take
   * room) and the library. The markers of articles this device lacks change only with the area,
   * and the quota only in tests.
   */
  private settledDigest(library: ArticleRecord[]): string {
    const byKey = <T>(entries: [string, T][]) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return checksum(JSON.stringify([byKey([...this.mirror]), byKey(library.map((a) => [a.url, a]))]));
  }

  /** Whether nothing changed since a plan left nothing to write: nothing queued, the same inputs. */
  private async isSettled(): Promise<boolean> {
    if (!isOutboxEmpty(this.outbox)) return false;
    const settled = await this.deps.persistence.loadSettled();
    if (settled === null) return false;
    if (this.settledDigest(await this.deps.library.list()) !== settled) return false;
    this.settled = settled;
    return true;
  }

  private async saveSettled(library: ArticleRecord[]) {
    const digest = this.settledDigest(library);
    if (digest === this.settled) return;
    await localWrite(() => this.deps.persistence.saveSettled(digest));
    this.settled = digest;
  }

  private async saveForeignMarkers() {
    await localWrite(() => this.deps.persistence.saveForeignMarkers([...this.foreignMarkers.values()]));
  }

  /** A hash of every item under `head`, in key order. */
  private signatureOf(head: string): string {
    const keys = [...this.mirror.keys()].filter((k) => isBucketKey(k) && headKeyOf(k) === head).sort();
    return checksum(JSON.stringify(keys.map((k) => [k, this.mirror.get(k)])));
  }

  /** Whether the items under this key are left alone now (a newer version's, or parts still due). */
  private isLeftAlone(u: Unreadable, now: number): boolean {
    return u.kind === 'newer' || (u.kind === 'incomplete' && now - u.since < INCOMPLETE_GRACE_MS);
  }

  /**
   * Runs an operation; if storage.local refused a write, says so in the status and tries again
   * later (nothing is planned from a library that could not take what other devices sent).
   */
  private async guarded(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof LocalWriteError)) throw error;
      this.dirty = true;
      await this.publish({ ...this.current, pending: true, localWriteError: error.kind });
      this.scheduleFlush(LOCAL_RETRY_MS);
    }
  }

  private async flush() {
    if (!this.enabled) return;
    const started = this.now();
    // An incomplete item waited for long enough is damaged: the re-plan replaces it.
    for (const u of this.unreadable.values())
      if (u.kind === 'incomplete' && !this.isLeftAlone(u, started)) this.dirty = true;
    if (this.dirty) {
      this.dirty = false;
      await this.reconcile();
    }
    if (isOutboxEmpty(this.outbox)) {
      this.scheduleGraceCheck();
      return;
    }
    const now = this.now();
    const wait = Math.max(this.outbox.retryAt - now, this.lastFlushAt + MIN_FLUSH_INTERVAL_MS - now);
    if (wait > 0) {
      this.scheduleFlush(wait);
      return;
    }
    this.lastFlushAt = now;
    const { set, remove } = this.outbox;
    const repairs = [...Object.keys(set), ...remove].some((key) => this.repairing.has(headKeyOf(key)));
    try {
      // New items first, in one set(): a refusal changes nothing, and once it is done the head
      // names only parts it wrote. Stale parts go after; until then they are named by nothing.
      if (Object.keys(set).length > 0) {
        await this.deps.area.set(set);
        for (const [key, value] of Object.entries(set)) this.mirror.set(key, value);
      }
      if (remove.length > 0) {
        await this.deps.area.remove(remove);
        for (const key of remove) this.mirror.delete(key);
      }
      this.outbox = EMPTY_OUTBOX;
      this.current = {
        ...this.current,
        lastSyncedAt: now,
        lastError: null,
        repairedAt: repairs ? now : this.current.repairedAt,
      };
      await localWrite(() => this.deps.persistence.saveOutbox(this.outbox));
      await this.reconcile();
    } catch (error) {
      if (error instanceof LocalWriteError) throw error;
      const kind = classifySyncError(error);
      if (kind === 'quota')
        this.extraMargin = Math.min(MAX_QUOTA_MARGIN, this.extraMargin + QUOTA_MARGIN_STEP);
      // The writes stay queued: the re-plan starts from what storage.sync holds (the set() either
      // landed whole or not at all), so it queues what is still missing.
      this.outbox = afterFailure(this.outbox, kind, now);
      this.current = { ...this.current, lastError: kind };
      await this.reconcile();
    }
    if (!isOutboxEmpty(this.outbox)) this.scheduleFlush(0);
    else this.scheduleGraceCheck();
  }

  /** A re-plan once an incomplete item has been waited for long enough. */
  private scheduleGraceCheck() {
    const due = [...this.unreadable.values()]
      .filter((u) => u.kind === 'incomplete')
      .map((u) => u.since + INCOMPLETE_GRACE_MS - this.now());
    if (due.length > 0 && this.cancelTimer === null) this.scheduleFlush(Math.max(0, Math.min(...due)));
  }

  private scheduleFlush(delay: number) {
    if (!this.enabled) return;
    this.cancelTimer?.();
    const wait = Math.max(delay, this.outbox.retryAt - this.now());
    this.cancelTimer = this.setTimer(() => {
      this.cancelTimer = null;
      this.serial(() => this.guarded(() => this.flush()));
    }, wait);
  }

  /**
   * unpackItem, remembered for the payload each head holds: every reconcile folds storage.sync in
   * again, and decoding a full area takes as long as coding it.
   */
  private decode(head: string, payload: unknown): DecodedItem {
    if (typeof payload !== 'string') return unpackItem(payload);
    let known = this.decoded.get(head);
    if (known?.payload !== payload) {
      const lines = this.planned.get(payload) ?? this.continuedLines(payload);
      known = { payload, item: lines ? entriesOfLines(lines) : unpackItem(payload) };
      this.decoded.set(head, known);
    }
    // A copy: what is merged and saved must not be the remembered object.
    return structuredClone(known.item);
  }

  /**
   * The lines of a stream another device wrote by adding to what this one planned last (an edit
   * to a recent article, when both devices hold the same library): read from the checkpoint of
   * that plan, only the lines after it decoded. Null when it does not continue it.
   */
  private continuedLines(payload: string): string[] | null {
    const saved = this.tail.checkpoint;
    const scratch = this.tail.scratch;
    if (!saved || !scratch || scratch.tableBits !== saved.stream.tableBits) return null;
    return saved.stream.linesContinuedIn(payload, scratch);
  }

  private statusFrom(plan: SyncPlan): SyncStatus {
    const now = this.now();
    let bytesUsed = 0;
    for (const [key, value] of this.mirror) bytesUsed += itemBytes(key, value);
    return {
      ...this.current,
      enabled: this.enabled,
      bytesUsed,
      localByChoice: plan.localByChoice.length,
      localByBudget: plan.localByBudget.length,
      newerVersion: [...this.unreadable.values()].filter((u) => u.kind === 'newer').length,
      corrupt: [...this.unreadable.values()].filter((u) => u.kind !== 'newer' && !this.isLeftAlone(u, now))
        .length,
      incomplete: [...this.unreadable.values()].filter(
        (u) => u.kind === 'incomplete' && this.isLeftAlone(u, now),
      ).length,
      localTooLarge: plan.tooLarge.length,
      otherItems: this.others.items,
      otherBytes: this.others.bytes,
      pending: this.dirty || !isOutboxEmpty(this.outbox),
      lastError: this.outbox.lastError ?? this.current.lastError,
    };
  }

  private async publish(status: SyncStatus) {
    this.current = status;
    try {
      await this.deps.persistence.saveStatus(status);
    } catch {
      // storage.local refused it (full): the listeners still hear it, and the next one may land.
    }
    for (const listener of this.listeners) listener(status);
  }
}

/** The placeholders of page questions entries hold (compact tier), by URL and id. */
function placeholdersOf(entries: SyncEntry[]): Map<string, SyncedPlaceholder> {
  const placeholders = new Map<string, SyncedPlaceholder>();
  for (const entry of entries)
    if (entry.kind === 'article')
      for (const [id, q] of Object.entries(entry.article.questions))
        if (isPlaceholder(q.q))
          placeholders.set(`${entry.article.url}\n${id}`, { placeholder: q.q, newest: entry.newest?.[id] });
  return placeholders;
}

/** The articles entries hold in full (no placeholder), with their page wordings, by URL. */
function inFullOf(entries: SyncEntry[]): Map<string, string> {
  return new Map(
    entries.flatMap((e) =>
      e.kind === 'article' && !Object.values(e.article.questions).some((q) => isPlaceholder(q.q))
        ? [[e.article.url, pageWordings(e.article)] as const]
        : [],
    ),
  );
}

/**
 * Whether two values have the same canonicalJson, without building either: every merge compares
 * each article of the area with the library's, three times an edit.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    // JSON writes an undefined element as null.
    return a.every((x, i) => sameJson(x ?? null, b[i] ?? null));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // JSON leaves out a key whose value is undefined.
  let count = 0;
  for (const key of Object.keys(ra)) {
    if (ra[key] === undefined) continue;
    count++;
    if (!Object.hasOwn(rb, key) || !sameJson(ra[key], rb[key])) return false;
  }
  for (const key of Object.keys(rb)) if (rb[key] !== undefined) count--;
  return count === 0;
}

/** JSON with sorted keys: two records are the same whatever order their fields were set in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

// One device's storage.local articles as utils/positions/store.ts keeps them, shared by the
// device's contexts (its background and its panels), each context with its own clock. The product
// store works on the global browser.storage.local, one per test; this model gives each simulated
// device its own, with the same semantics and the product's own functions:
// - every read a context makes (load, list, what a save returns, a storage.onChanged event)
//   observes the read record's lastActivity into that context's clock (`receive`, as observeStamp);
// - a save re-reads what is stored and writes `mergeArticle(stored, article)` under one lock per
//   device (the Web Lock every context of the extension shares), and returns what it wrote;
// - storage.onChanged events reach each context later, in order, when the test delivers them.
import { type ClockState, newClock, receive, type Stamp, tick } from '@/utils/positions/clock';
import { mergeArticle } from '@/utils/positions/merge';
import { type ArticleRecord, newestStamp } from '@/utils/positions/model';

/** Faults to put back on purpose, to show the property tests catch them (never set otherwise). */
export interface StoreFaults {
  /** The old product: reads do not observe their stamps into the reading context's clock. */
  readsDoNotObserve?: boolean;
  /** A save writes the record as given, over what storage holds (no merge at write). */
  saveOverwrites?: boolean;
}

type Change = { url: string; json: string | undefined };

export class DeviceStore {
  /** Records as JSON text, as storage keeps them: nothing a context holds aliases what is stored. */
  private readonly items = new Map<string, string>();
  private lock: Promise<unknown> = Promise.resolve();
  private readonly contexts = new Set<StoreContext>();

  constructor(
    /** The device id of storage.local's `device` item: every context's clock stamps with it. */
    readonly deviceId: string,
    readonly faults: StoreFaults = {},
  ) {}

  /**
   * A new context on this device (a panel opening, the background starting): a fresh clock, which
   * stamps as the device id plus `writerSlot` (a panel's slot, as claimWriterSlot gives; '' for the
   * background), like the product's startClock.
   */
  context(now: () => number, onRead?: (article: ArticleRecord) => void, writerSlot = ''): StoreContext {
    const context = new StoreContext(this, now, onRead, writerSlot);
    this.contexts.add(context);
    return context;
  }

  /** Everything stored, as records (for assertions). */
  snapshot(): Map<string, ArticleRecord> {
    return new Map([...this.items].map(([url, json]) => [url, JSON.parse(json) as ArticleRecord]));
  }

  /** @internal */
  detach(context: StoreContext): void {
    this.contexts.delete(context);
  }

  /** @internal storage.local.get: a turn of the event loop, then a copy. */
  async read(url: string): Promise<ArticleRecord | null> {
    await null;
    const json = this.items.get(url);
    return json === undefined ? null : (JSON.parse(json) as ArticleRecord);
  }

  /** @internal */
  async readAll(): Promise<ArticleRecord[]> {
    await null;
    return [...this.items.values()].map((json) => JSON.parse(json) as ArticleRecord);
  }

  /** @internal saveArticle's body: read, merge, write, each a step other contexts may run between. */
  save(article: ArticleRecord): Promise<ArticleRecord> {
    const work = async () => {
      const stored = await this.read(article.url);
      const merged = stored && !this.faults.saveOverwrites ? mergeArticle(stored, article) : article;
      await null;
      this.write(merged);
      return JSON.parse(JSON.stringify(merged)) as ArticleRecord;
    };
    if (this.faults.saveOverwrites) return work();
    const run = this.lock.then(work);
    this.lock = run.catch(() => {});
    return run;
  }

  private write(article: ArticleRecord) {
    const json = JSON.stringify(article);
    if (this.items.get(article.url) === json) return;
    this.items.set(article.url, json);
    // storage.onChanged: every context of the device hears of it, the writer included, later.
    for (const context of this.contexts) context.queue.push({ url: article.url, json });
  }
}

/** One JavaScript context's view of positions/store.ts: its clock and its storage.onChanged queue. */
export class StoreContext {
  clock: ClockState;
  /** @internal storage.onChanged events not yet delivered to this context. */
  readonly queue: Change[] = [];
  private readonly watchers = new Set<(url: string, article: ArticleRecord | null) => void>();

  constructor(
    readonly store: DeviceStore,
    readonly now: () => number,
    /** Told of every record this context reads (the test's causal bookkeeping). */
    private readonly onRead?: (article: ArticleRecord) => void,
    writerSlot = '',
  ) {
    this.clock = newClock(store.deviceId + writerSlot);
  }

  loadArticle = async (url: string): Promise<ArticleRecord | null> =>
    this.observed(await this.store.read(url));

  saveArticle = async (article: ArticleRecord): Promise<ArticleRecord> =>
    this.observed(await this.store.save(article));

  listArticles = async (): Promise<ArticleRecord[]> =>
    (await this.store.readAll()).map((a) => this.observed(a));

  watchArticles = (onChange: (url: string, article: ArticleRecord | null) => void): (() => void) => {
    this.watchers.add(onChange);
    return () => void this.watchers.delete(onChange);
  };

  nextStamp = (): Stamp => {
    const next = tick(this.clock, this.now());
    this.clock = next.clock;
    return next.stamp;
  };

  observeStamp = (stamp: Stamp): void => {
    this.clock = receive(this.clock, stamp, this.now());
  };

  /** Deliver the oldest storage.onChanged event to this context's watchers; false if none waits. */
  deliverChange(): boolean {
    const change = this.queue.shift();
    if (!change) return false;
    // As watchArticles: each listener is given the new value, observed.
    for (const watcher of [...this.watchers])
      watcher(change.url, change.json === undefined ? null : this.observed(JSON.parse(change.json)));
    return true;
  }

  /** The context ends (a panel closes, the worker is killed): it hears of nothing more. */
  close(): void {
    this.watchers.clear();
    this.queue.length = 0;
    this.store.detach(this);
  }

  private observed<T extends ArticleRecord | null>(article: T): T {
    if (!article) return article;
    this.onRead?.(article);
    if (!this.store.faults.readsDoNotObserve) this.observeStamp(newestStamp(article));
    return article;
  }
}

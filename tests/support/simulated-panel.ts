// A side panel on a simulated device: the product's own panel session (createArticleSession) over
// a context of the device's store, with its own clock started fresh when the panel opens (as
// main.tsx's startClock), so it learns stamps only from what it reads through the store. Every
// change it makes is logged as writes, with what this panel had seen (CausalLog).
import { type ArticleSession, createArticleSession } from '@/entrypoints/sidepanel/state/article-session';
import type { Extraction } from '@/utils/extract/types';
import type { Stamp } from '@/utils/positions/clock';
import type { CausalLog } from './causal-writes';
import type { DeviceStore, StoreContext } from './device-store';

export class SimulatedPanel {
  readonly context: StoreContext;
  readonly session: ArticleSession;
  closed = false;
  private readonly due: (() => void)[] = [];
  private stopFollowing: (() => void) | null = null;
  private lastStamp: Stamp = '';

  constructor(
    store: DeviceStore,
    /** This panel as a writer, in the log: one id per panel opened. */
    readonly writer: string,
    now: () => number,
    private readonly log: CausalLog,
    extraction: (url: string) => Extraction,
    /** The writer slot this panel holds (one panel per slot at a time, as the Web Lock ensures). */
    writerSlot = '',
  ) {
    this.context = store.context(now, (article) => log.read(writer, article), writerSlot);
    const context = this.context;
    this.session = createArticleSession({
      readPage: async (target) => ({ ok: true, extraction: extraction(target.url!) }),
      loadArticle: context.loadArticle,
      saveArticle: context.saveArticle,
      articleUrlForPage: async (pageUrl) => pageUrl,
      rememberPageUrl: async () => {},
      watchArticles: context.watchArticles,
      nextStamp: () => {
        this.lastStamp = context.nextStamp();
        return this.lastStamp;
      },
      unsaved: null,
      setTimer: (run) => {
        this.due.push(run);
        return () => {
          const i = this.due.indexOf(run);
          if (i >= 0) this.due.splice(i, 1);
        };
      },
    });
  }

  /** main.tsx then App: open the tab, and follow the store once the saved record is shown. */
  open(url: string): Promise<void> {
    return this.session.openTab({ tabId: 1, url }, () => {
      if (!this.closed && !this.stopFollowing) this.stopFollowing = this.session.followStoreChanges();
    });
  }

  /**
   * A reader action through the session, logged: the writes are what the record holds at the
   * stamp the session just took. Resolves when a click's save is done; a typed change waits for
   * its pause (`pause`).
   */
  act(action: (session: ArticleSession) => Promise<boolean>, typed = false): Promise<unknown> {
    if (this.closed) return Promise.resolve();
    const before = this.session.record.value;
    const stampBefore = this.lastStamp;
    const saved = action(this.session);
    if (this.lastStamp !== stampBefore)
      this.log.changed(this.writer, before, this.session.record.value, this.lastStamp);
    return typed ? Promise.resolve() : saved;
  }

  /** The typing pause ends: the delayed save runs. */
  async pause(): Promise<void> {
    for (const run of this.due.splice(0)) run();
    await this.session.flushSave();
  }

  /** Deliver this panel's storage.onChanged events (at most `max`). */
  notify(max = Number.POSITIVE_INFINITY): boolean {
    let any = false;
    for (let i = 0; i < max && this.context.deliverChange(); i++) any = true;
    return any;
  }

  /** The panel closes: pagehide flushes what is pending, then the context is gone. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.flushSave();
    this.stopFollowing?.();
    this.due.length = 0;
    this.context.close();
  }
}

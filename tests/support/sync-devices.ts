// Simulated reader devices for sync tests, on a shared SyncNetwork of FakeSyncAreas, each with a
// SyncEngine on a manual timer. Two kinds:
// - SimulatedDevice: one in-memory library and ONE clock that observes everything (engine tests,
//   the convergence property);
// - ReaderDevice: as the product runs, a device store (positions/store.ts semantics, see
//   device-store.ts) shared by a background context (the sync engine, fed by storage.onChanged)
//   and panels (the real panel session, tests/support/simulated-panel.ts), each with its own clock.
import { type ClockState, newClock, receive, type Stamp, tick } from '@/utils/positions/clock';
import type { ArticleRecord } from '@/utils/positions/model';
import {
  type ForeignMarker,
  type SyncArea,
  SyncEngine,
  type SyncLibrary,
  type SyncPersistence,
} from '@/utils/sync/engine';
import type { SyncBrowser } from '@/utils/sync/limits';
import type { Outbox } from '@/utils/sync/outbox';
import type { SyncStatus } from '@/utils/sync/status';
import { DeviceStore, type StoreContext, type StoreFaults } from './device-store';
import { type FakeSyncArea, SyncNetwork } from './fake-sync-area';

/** What the engine keeps in storage.local besides articles: it survives a restart. */
interface SyncKept {
  outbox: Outbox | null;
  status: SyncStatus | null;
  markers: ForeignMarker[] | null;
  settled: string | null;
}

/**
 * Refusals injected into a device's storage.sync writes: the next `calls` set() or remove() calls
 * reject with `message` and change nothing, as a browser's refusal does.
 */
export interface WriteRefusals {
  calls: number;
  message: string;
  /** How many calls were refused so far (tests report it, so a run shows refusals happened). */
  refused?: number;
}

/** The engine's view of `area`, whose writes `refusals` can refuse. */
function refusingArea(area: FakeSyncArea, refusals: WriteRefusals): SyncArea {
  const inner = area.asSyncArea();
  const refuse = () => {
    if (refusals.calls <= 0) return false;
    refusals.calls--;
    refusals.refused = (refusals.refused ?? 0) + 1;
    return true;
  };
  return {
    ...inner,
    set: async (items) => {
      if (refuse()) throw new Error(refusals.message);
      return inner.set(items);
    },
    remove: async (keys) => {
      if (refuse()) throw new Error(refusals.message);
      return inner.remove(keys);
    },
  };
}

/** An engine over `area` and `library`, its timer noted in `timer.due` (tests flush by hand). */
function simulatedEngine(
  area: FakeSyncArea,
  library: SyncLibrary,
  saved: SyncKept,
  now: () => number,
  timer: { due: number | null },
  quotaBytes?: number,
  refusals: WriteRefusals = { calls: 0, message: '' },
): SyncEngine {
  const persistence: SyncPersistence = {
    loadOutbox: async () => saved.outbox,
    saveOutbox: async (o) => {
      saved.outbox = structuredClone(o);
    },
    loadStatus: async () => saved.status,
    loadForeignMarkers: async () => saved.markers,
    saveForeignMarkers: async (m) => {
      saved.markers = structuredClone(m);
    },
    saveStatus: async (s) => {
      saved.status = structuredClone(s);
    },
    loadSettled: async () => saved.settled,
    saveSettled: async (digest) => {
      saved.settled = digest;
    },
  };
  return new SyncEngine({
    area: refusingArea(area, refusals),
    library,
    persistence,
    now,
    quotaBytes,
    setTimer: (_run, ms) => {
      timer.due = now() + ms;
      return () => {
        timer.due = null;
      };
    },
  });
}

export class SimulatedDevice {
  readonly library = new Map<string, ArticleRecord>();
  clock: ClockState;
  engine: SyncEngine;
  /** What survives a restart of this device (its storage.local besides articles). */
  readonly saved: SyncKept = { outbox: null, status: null, markers: null, settled: null };
  private readonly timer = { due: null as number | null };

  constructor(
    readonly id: string,
    readonly area: FakeSyncArea,
    readonly now: () => number,
    readonly quotaBytes?: number,
  ) {
    this.clock = newClock(id);
    this.engine = this.newEngine();
  }

  get timerDue(): number | null {
    return this.timer.due;
  }

  /** A fresh engine over the same storage: what a browser restart or a killed worker gives. */
  restart(): void {
    void this.engine.stop();
    this.engine = this.newEngine();
  }

  stamp(): Stamp {
    const next = tick(this.clock, this.now());
    this.clock = next.clock;
    return next.stamp;
  }

  /** A reader action on this device: change the article locally, then tell the engine. */
  async edit(
    url: string,
    change: (article: ArticleRecord | undefined, at: Stamp) => ArticleRecord | undefined,
  ) {
    const next = change(this.library.get(url), this.stamp());
    if (!next) return;
    this.library.set(url, next);
    await this.engine.localChanged();
  }

  private newEngine(): SyncEngine {
    const library: SyncLibrary = {
      list: async () => [...this.library.values()].map((a) => structuredClone(a)),
      save: async (a) => void this.library.set(a.url, structuredClone(a)),
      observe: (s) => {
        this.clock = receive(this.clock, s, this.now());
      },
    };
    return simulatedEngine(this.area, library, this.saved, this.now, this.timer, this.quotaBytes);
  }
}

/** Devices on one network with a shared, test-controlled clock. */
export function simulatedDevices(
  count: number,
  mode: SyncBrowser = 'chrome',
  skewsMs: number[] = [],
  /** A smaller quota for the engines' plans (the area still enforces the real one). */
  quotaBytes?: number,
) {
  const time = { now: Date.UTC(2026, 5, 1) };
  const now = () => time.now;
  const network = new SyncNetwork(count, { mode, now });
  // Each device's wall clock may be off by its skew: the HLC must order edits all the same.
  const devices = network.areas.map(
    (area, i) => new SimulatedDevice(`dev${i}x`, area, () => time.now + (skewsMs[i] ?? 0), quotaBytes),
  );
  return { network, devices, time };
}

/** The background context of a ReaderDevice: its own clock, and the sync engine it runs. */
export interface Background {
  context: StoreContext;
  engine: SyncEngine;
}

/**
 * A device as the product runs: storage.local (a DeviceStore), the background (sync engine, which
 * reads and saves through the store with its own context and hears of every article change by
 * storage.onChanged, as startSyncService wires it) and the panels, which the test opens on it.
 */
export class ReaderDevice {
  readonly store: DeviceStore;
  background: Background;
  readonly saved: SyncKept = { outbox: null, status: null, markers: null, settled: null };
  /** Refusals of the background's next storage.sync writes (the test sets them; restarts keep them). */
  readonly refusals: WriteRefusals = { calls: 0, message: '' };
  private readonly timer = { due: null as number | null };

  constructor(
    readonly id: string,
    readonly area: FakeSyncArea,
    /** The background's wall clock (the device's, skew included). */
    readonly now: () => number,
    faults: StoreFaults = {},
  ) {
    this.store = new DeviceStore(id, faults);
    this.background = this.newBackground();
  }

  /** The worker is killed and starts again: a fresh context (fresh clock) and a fresh engine. */
  async restart(): Promise<void> {
    const old = this.background;
    void old.engine.stop();
    old.context.close();
    this.background = this.newBackground();
    await this.background.engine.setEnabled(true);
  }

  /** Deliver the background's storage.onChanged events (at most `max`); true if any was waiting. */
  async notifyBackground(max = Number.POSITIVE_INFINITY): Promise<boolean> {
    let any = false;
    for (let i = 0; i < max && this.background.context.deliverChange(); i++) any = true;
    await this.background.engine.idle();
    return any;
  }

  private newBackground(): Background {
    const context = this.store.context(this.now);
    const engine = simulatedEngine(
      this.area,
      { list: context.listArticles, save: context.saveArticle, observe: context.observeStamp },
      this.saved,
      this.now,
      this.timer,
      undefined,
      this.refusals,
    );
    // startSyncService: watchArticles(() => void engine.localChanged()).
    context.watchArticles(() => void engine.localChanged());
    return { context, engine };
  }
}

/** ReaderDevices on one network; `now` is the schedule's real time, each device adds its skew. */
export function readerDevices(
  count: number,
  options: { mode?: SyncBrowser; skewsMs?: number[]; faults?: StoreFaults } = {},
) {
  const time = { now: Date.UTC(2026, 5, 1) };
  const network = new SyncNetwork(count, { mode: options.mode ?? 'chrome', now: () => time.now });
  const devices = network.areas.map(
    (area, i) =>
      new ReaderDevice(`dev${i}x`, area, () => time.now + (options.skewsMs?.[i] ?? 0), options.faults),
  );
  return { network, devices, time };
}

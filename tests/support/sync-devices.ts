// Simulated reader devices for sync tests: each has its own in-memory library (its storage.local),
// its own clock, a FakeSyncArea on a shared SyncNetwork and a SyncEngine with a manual timer.
import { type ClockState, newClock, receive, type Stamp, tick } from '@/utils/positions/clock';
import type { ArticleRecord } from '@/utils/positions/model';
import { type ForeignMarker, SyncEngine, type SyncPersistence } from '@/utils/sync/engine';
import type { SyncBrowser } from '@/utils/sync/limits';
import type { Outbox } from '@/utils/sync/outbox';
import type { SyncStatus } from '@/utils/sync/status';
import { type FakeSyncArea, SyncNetwork } from './fake-sync-area';

export class SimulatedDevice {
  readonly library = new Map<string, ArticleRecord>();
  clock: ClockState;
  engine: SyncEngine;
  /** What survives a restart of this device (its storage.local besides articles). */
  readonly saved: { outbox: Outbox | null; status: SyncStatus | null; markers: ForeignMarker[] | null } = {
    outbox: null,
    status: null,
    markers: null,
  };
  timerDue: number | null = null;

  constructor(
    readonly id: string,
    readonly area: FakeSyncArea,
    readonly now: () => number,
    readonly quotaBytes?: number,
  ) {
    this.clock = newClock(id);
    this.engine = this.newEngine();
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
    const persistence: SyncPersistence = {
      loadOutbox: async () => this.saved.outbox,
      saveOutbox: async (o) => {
        this.saved.outbox = structuredClone(o);
      },
      loadStatus: async () => this.saved.status,
      loadForeignMarkers: async () => this.saved.markers,
      saveForeignMarkers: async (m) => {
        this.saved.markers = structuredClone(m);
      },
      saveStatus: async (s) => {
        this.saved.status = structuredClone(s);
      },
    };
    return new SyncEngine({
      area: this.area.asSyncArea(),
      library: {
        list: async () => [...this.library.values()].map((a) => structuredClone(a)),
        save: async (a) => void this.library.set(a.url, structuredClone(a)),
        observe: (s) => {
          this.clock = receive(this.clock, s, this.now());
        },
      },
      persistence,
      now: this.now,
      quotaBytes: this.quotaBytes,
      setTimer: (_run, ms) => {
        this.timerDue = this.now() + ms;
        return () => {
          this.timerDue = null;
        };
      },
    });
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

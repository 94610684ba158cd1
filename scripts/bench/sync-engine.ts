// The sync engine as the background wires it, for the sync benchmark (sync.mjs, sync-cold.ts):
// over a FakeSyncArea and an in-memory library, with nothing persisted but the settled digest,
// and its timers run by hand.
import type { ArticleRecord } from '@/utils/positions/model';
import { SyncEngine } from '@/utils/sync/engine';
import type { FakeSyncArea } from '../../tests/support/fake-sync-area';

export interface BenchEngine {
  engine: SyncEngine;
  /** Runs each timer the engine sets, a minute apart on `time`, until it sets none (at most 10). */
  drain(): Promise<void>;
  /** Articles the engine saved into the library. */
  saves(): number;
}

/**
 * An engine over `area` and `library` (by URL). `settled.digest` is what its persistence holds for
 * the settled digest (see SyncEngine.isSettled), read and written there.
 */
export function benchEngine(
  area: FakeSyncArea,
  library: Map<string, ArticleRecord>,
  time: { now: number },
  settled: { digest: string | null } = { digest: null },
): BenchEngine {
  let due: (() => void) | null = null;
  let saves = 0;
  const engine = new SyncEngine({
    area: area.asSyncArea(),
    library: {
      list: async () => [...library.values()].map((a) => structuredClone(a)),
      save: async (a) => {
        saves++;
        library.set(a.url, structuredClone(a));
      },
      observe: () => {},
    },
    persistence: {
      loadOutbox: async () => null,
      saveOutbox: async () => {},
      loadStatus: async () => null,
      saveStatus: async () => {},
      loadForeignMarkers: async () => null,
      saveForeignMarkers: async () => {},
      loadSettled: async () => settled.digest,
      saveSettled: async (digest) => {
        settled.digest = digest;
      },
    },
    now: () => time.now,
    setTimer: (run) => {
      due = run;
      return () => {
        due = null;
      };
    },
  });
  const drain = async () => {
    await engine.idle();
    for (let i = 0; i < 10 && due; i++) {
      const run = due;
      due = null;
      time.now += 60_000;
      run();
      await engine.idle();
    }
  };
  return { engine, drain, saves: () => saves };
}

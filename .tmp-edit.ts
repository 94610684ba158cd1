import { SyncEngine } from '@/utils/sync/engine';
import { encodeStamp } from '@/utils/positions/clock';
import { lastActivity, type ArticleRecord } from '@/utils/positions/model';
import { FakeSyncArea } from './tests/support/fake-sync-area';
import { typicalLibrary } from './tests/support/sync-fixtures';

let T = Date.now() + 10 ** 7;
const lib = new Map<string, ArticleRecord>(typicalLibrary(150).map((a) => [a.url, a]));
const area = new FakeSyncArea();
let timer: (() => void) | null = null;
const engine = new SyncEngine({
  area: area.asSyncArea(),
  library: { list: async () => [...lib.values()].map((a) => structuredClone(a)), save: async (a) => void lib.set(a.url, structuredClone(a)), observe: () => {} },
  persistence: { loadOutbox: async () => null, saveOutbox: async () => {}, loadStatus: async () => null, saveStatus: async () => {}, loadForeignMarkers: async () => null, saveForeignMarkers: async () => {}, loadSettled: async () => null, saveSettled: async () => {} },
  setTimer: (run) => { timer = run; return () => { timer = null; }; },
  now: () => T,
});
await engine.setEnabled(true);
await engine.flushNow();
await engine.idle();
let clock = Math.max(...[...lib.values()].map((a) => Number.parseInt(lastActivity(a).slice(0, 9), 36))) + 60_000;
const out: number[] = [];
for (let n = 0; n < 10; n++) {
  const recent = [...lib.values()].sort((a, b) => (lastActivity(a) > lastActivity(b) ? -1 : 1));
  const article = structuredClone(recent[n % 5]!);
  const [id, q] = Object.entries(article.questions)[n % 5]!;
  clock += 30_000;
  const at = encodeStamp(clock, 0, 'k3v9qa');
  const to = ((q.position?.v === 5 ? 0 : (q.position?.v ?? 0)) % 5) + 1;
  article.questions[id] = { ...q, position: { v: to, at }, history: { ...q.history, [at]: { from: q.position?.v ?? null, to } } };
  lib.set(article.url, article);
  T += 120_000;
  const w0 = area.writeCount;
  const cpu = process.cpuUsage();
  await engine.localChanged();
  T += 10_000;
  await engine.flushNow();
  await engine.idle();
  const u = process.cpuUsage(cpu);
  out.push((u.user + u.system) / 1000);
  if (area.writeCount === w0) console.log('no write');
}
console.log(out.map((x) => x.toFixed(1)).join(' '));

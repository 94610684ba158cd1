// One cold measurement of the sync benchmark, in a process of its own (scripts/bench/sync.mjs
// spawns it): nothing decoded, primed or compiled before, as on a device that has just started.
// `decode <file>`: read back the sync items in <file> (JSON, key → value), as a new device does.
// `plan <count>`: plan a library of <count> typical articles that fits in full.
// `wake <file> settled|changed`: start the sync engine over the area, library and settled digest in
// <file> (see wakeState in sync.mjs), as the background does each time its worker starts: with
// nothing changed since the last plan, or with the digest gone (what every start cost before).
// Prints the milliseconds of that work alone (the modules are loaded before the clock starts), and
// the process's CPU milliseconds over it (on a loaded machine the wall clock also counts waiting).
import { readFileSync } from 'node:fs';
import type { ArticleRecord } from '@/utils/positions/model';
import { planSync } from '@/utils/sync/budget';
import { assembleItems } from '@/utils/sync/chunks';
import { unpackItem } from '@/utils/sync/format';
import { FakeSyncArea } from '../../tests/support/fake-sync-area';
import { typicalLibrary } from '../../tests/support/sync-fixtures';
import { benchEngine } from './sync-engine';

const [mode, arg] = process.argv.slice(2);
if (mode === 'decode') {
  const items = JSON.parse(readFileSync(arg!, 'utf8')) as Record<string, unknown>;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const assembled = assembleItems('b0', (key) => items[key]);
  const decoded = assembled.ok ? unpackItem(assembled.payload) : assembled;
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (!decoded.ok) throw new Error('the area does not decode');
  console.log(
    JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, entries: decoded.entries.length }),
  );
} else if (mode === 'plan') {
  const library = typicalLibrary(Number(arg));
  const cpu = process.cpuUsage();
  const started = performance.now();
  const plan = planSync(library);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (plan.compact.length > 0 || plan.localByBudget.length > 0) throw new Error(`${arg} should fit in full`);
  console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000 }));
} else if (mode === 'wake') {
  const state = JSON.parse(readFileSync(arg!, 'utf8')) as {
    items: Record<string, unknown>;
    library: ArticleRecord[];
    settled: string;
  };
  const time = { now: Date.now() };
  const area = new FakeSyncArea({ now: () => time.now });
  area.receive(state.items);
  const settled = { digest: process.argv[4] === 'settled' ? state.settled : null };
  const library = new Map(state.library.map((a) => [a.url, a]));
  const { engine, saves } = benchEngine(area, library, time, settled);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await engine.setEnabled(true);
  await engine.idle();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (saves() > 0 || engine.status.pending) throw new Error('the area and the library should agree');
  console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000 }));
} else throw new Error(`unknown mode ${mode}`);

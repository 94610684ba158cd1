// Sync: what fits in storage.sync and what it costs.
// - Capacity: how many articles have their reader data in storage.sync with Stance's encoding and
//   budget, the full and the compact tier apart: on the honest fixture (sync-corpus-library.ts:
//   real pages' addresses and prose), and on the typical fixture (tests/support/sync-fixtures.ts),
//   whose tiers' bytes per article are measured apart and set against plain JSON, one item each.
// - Cost of an edit: a 150-article library that fits in full is planned as the engine plans it
//   (plans remembered, the coder's checkpoint kept), then ten edits to recent articles are planned
//   one by one: the CPU each plan takes and how many items it changes (what the next set() writes).
// - Cold: reading back a full area, and planning 150 articles, each in a fresh node process
//   (scripts/bench/sync-cold.ts), nothing primed or compiled before; the median of three (wall
//   clock, and for the decode the process's CPU time too).
// Prints nothing; returns figures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const load = (path) => tsImport(pathToFileURL(join(root, path)).href, import.meta.url);

// As many articles as the fixture makes without repeating a sentence, well past what fits.
const LIBRARY_SIZE = 520;
const SMALL_LIBRARY = 150;
const CORPUS_LIBRARY_SIZE = 700;
/**
 * Recency ranks (0 = the most recent) of the articles the ten edits change, in turn: each among
 * the TAIL_ENTRIES (5) most recent, which an edit re-codes from the coder's checkpoint.
 */
const EDIT_RANKS = [0, 1, 2, 4, 0, 3, 1, 4, 0, 2];
/** Then one edit to an older article (the 21st most recent): it re-codes what follows its place. */
const OLDER_RANK = 20;
const COLD_RUNS = 3;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round1 = (x) => Math.round(x * 10) / 10;

/** Milliseconds (wall and CPU, medians) of one cold measurement (see sync-cold.ts), each in a new process. */
function cold(args) {
  const runs = [];
  const cpu = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'scripts/bench/sync-cold.ts'), ...args],
      { cwd: root, encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(`sync-cold ${args[0]} failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').pop());
    runs.push(result.ms);
    cpu.push(result.cpuMs);
  }
  return { ms: median(runs), cpuMs: median(cpu) };
}

/**
 * What a worker start finds on a device whose last plan left nothing to write: the area an engine
 * wrote for `library`, the library, and the digest it saved.
 */
async function wakeState(library) {
  const { benchEngine } = await load('scripts/bench/sync-engine.ts');
  const { FakeSyncArea } = await load('tests/support/fake-sync-area.ts');
  const time = { now: Date.UTC(2026, 5, 1) };
  const area = new FakeSyncArea({ now: () => time.now });
  const settled = { digest: null };
  const { engine, drain } = benchEngine(area, new Map(library.map((a) => [a.url, a])), time, settled);
  await engine.setEnabled(true);
  await drain();
  if (settled.digest === null) throw new Error('the engine did not settle');
  return { items: area.snapshot(), library, settled: settled.digest };
}

/**
 * The ten edits to recent articles, made through the engine of one device (the writer) as the
 * background makes them: the library saved, the engine told, the re-plan and the write (the
 * debounce and the write spacing let through at once), the echo storage.sync sends of that
 * write merged, and the re-plan after it. Each write is then delivered to a second device holding
 * the same library (the reader), whose engine merges it and plans again. CPU milliseconds of each
 * edit on the writer and of each delivery on the reader, and the items each edit wrote.
 */
async function engineEdits(articles) {
  const { FakeSyncArea } = await load('tests/support/fake-sync-area.ts');
  const { encodeStamp } = await load('utils/positions/clock.ts');
  const { lastActivity } = await load('utils/positions/model.ts');
  const time = { now: Date.UTC(2026, 5, 1) };
  const writerLibrary = new Map(articles.map((a) => [a.url, structuredClone(a)]));
  const readerLibrary = new Map(articles.map((a) => [a.url, structuredClone(a)]));
  const writerArea = new FakeSyncArea({ now: () => time.now });
  const readerArea = new FakeSyncArea({ now: () => time.now });
  const { benchEngine } = await load('scripts/bench/sync-engine.ts');
  const writer = benchEngine(writerArea, writerLibrary, time);
  const reader = benchEngine(readerArea, readerLibrary, time);
  await writer.engine.setEnabled(true);
  await writer.drain();
  readerArea.receive(writerArea.snapshot());
  await reader.engine.setEnabled(true);
  await reader.drain();
  let clock = Math.max(...articles.map((a) => Number.parseInt(lastActivity(a).slice(0, 9), 36)));
  const cpu = [];
  const received = [];
  const written = [];
  for (const [n, rank] of EDIT_RANKS.entries()) {
    const recent = [...writerLibrary.values()].sort((a, b) => (lastActivity(a) > lastActivity(b) ? -1 : 1));
    const article = structuredClone(recent[rank]);
    const [id, q] = Object.entries(article.questions)[n % 5];
    clock = Math.max(clock, time.now) + 30_000;
    const at = encodeStamp(clock, 0, 'k3v9qa');
    const to = ((q.position?.v === 5 ? 0 : (q.position?.v ?? 0)) % 5) + 1;
    article.questions[id] = {
      ...q,
      position: { v: to, at },
      history: { ...q.history, [at]: { from: q.position?.v ?? null, to } },
    };
    writerLibrary.set(article.url, article);
    const writes = writerArea.writeCount;
    const before = writerArea.snapshot();
    const started = process.cpuUsage();
    await writer.engine.localChanged();
    await writer.drain();
    const used = process.cpuUsage(started);
    if (writerArea.writeCount === writes) throw new Error('the edit was not written');
    const after = writerArea.snapshot();
    const changed = Object.fromEntries(
      Object.keys({ ...before, ...after })
        .filter((key) => after[key] !== before[key])
        .map((key) => [key, after[key]]),
    );
    cpu.push((used.user + used.system) / 1000);
    written.push(Object.keys(changed).length);
    const delivered = process.cpuUsage();
    readerArea.receive(changed);
    await reader.drain();
    const took = process.cpuUsage(delivered);
    received.push((took.user + took.system) / 1000);
    if (readerLibrary.get(article.url)?.questions[id]?.position?.v !== to)
      throw new Error('the reader did not merge the edit');
  }
  return { cpu, written, received };
}

export async function run() {
  const { typicalLibrary } = await load('tests/support/sync-fixtures.ts');
  const { planSync } = await load('utils/sync/budget.ts');
  const { itemBytes, SYNC_MAX_ITEMS, usableTotalBytes } = await load('utils/sync/limits.ts');
  const { EntryStream, entryLine } = await load('utils/sync/format.ts');
  const { compactArticle } = await load('utils/sync/tiers.ts');
  const { encodeStamp } = await load('utils/positions/clock.ts');
  const { lastActivity } = await load('utils/positions/model.ts');

  const library = typicalLibrary(LIBRARY_SIZE);
  const started = performance.now();
  const plan = planSync(library);
  const planMs = performance.now() - started;

  // The honest fixture: real addresses, titles, questions and prose from ../shared/corpus (see
  // sync-corpus-library.ts), more articles than fit. Left out when the corpus is not there.
  const { corpusLibrary } = await load('scripts/bench/sync-corpus-library.ts');
  const corpus = corpusLibrary(root, CORPUS_LIBRARY_SIZE);
  const honest = {};
  if (corpus) {
    const corpusPlan = planSync(corpus);
    const kept = corpus.length - corpusPlan.localByBudget.length - corpusPlan.tooLarge.length;
    honest['sync.capacity_articles'] = kept;
    honest['sync.capacity_full_articles'] = kept - corpusPlan.compact.length;
    honest['sync.capacity_compact_articles'] = corpusPlan.compact.length;
    honest['sync.bytes_per_article'] = Math.round(corpusPlan.bytes / kept);
  } else console.log('sync: ../shared/corpus is not there; the honest capacity figures are left out.');
  const compactUrls = new Set(plan.compact);
  const localUrls = new Set([...plan.localByBudget, ...plan.tooLarge]);
  const synced = library
    .filter((a) => !localUrls.has(a.url))
    .sort((a, b) => (lastActivity(a) > lastActivity(b) ? -1 : 1));
  const fullTier = synced.filter((a) => !compactUrls.has(a.url));
  const compactTier = synced.filter((a) => compactUrls.has(a.url)).map((a) => compactArticle(a));

  // Each tier's share of the coded stream: the same entries, most recent first as the plan codes
  // them past the quota (the full tier first), measured at the mark between the two.
  const lines = [...fullTier, ...compactTier].map((article) => entryLine({ kind: 'article', article }));
  const stream = new EntryStream(lines.reduce((sum, line) => sum + line.length, 0));
  for (const line of lines.slice(0, fullTier.length)) stream.write(line);
  const afterFull = stream.payloadLength(stream.mark());
  for (const line of lines.slice(fullTier.length)) stream.write(line);
  const afterAll = stream.payloadLength(stream.mark());

  // Plain JSON: one item per article as storage.local holds it, until the quota refuses; and the
  // JSON of each tier's articles as they travel, for a like-for-like ratio.
  let jsonBytes = 0;
  let jsonCapacity = 0;
  for (const article of library) {
    const bytes = itemBytes(`article:${article.url}`, article, 'chrome');
    const count = jsonCapacity + 1;
    if (count > SYNC_MAX_ITEMS || jsonBytes + bytes > usableTotalBytes(count, 'firefox')) break;
    jsonBytes += bytes;
    jsonCapacity = count;
  }
  const jsonPerArticle = (articles) =>
    articles.reduce((sum, a) => sum + itemBytes(`article:${a.url}`, a, 'chrome'), 0) / articles.length;
  const codedFull = afterFull / fullTier.length;
  const codedCompact = compactTier.length ? (afterAll - afterFull) / compactTier.length : 0;

  // Cold: a full area read back, and a 150-article plan, each in a fresh process.
  const dir = mkdtempSync(join(tmpdir(), 'stance-sync-bench-'));
  let decodeColdMs;
  let planColdMs;
  try {
    const file = join(dir, 'area.json');
    writeFileSync(file, JSON.stringify(plan.items));
    decodeColdMs = cold(['decode', file]);
    planColdMs = cold(['plan', String(SMALL_LIBRARY)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Edits to recent articles of a library that fits in full, planned as the engine does.
  const small = typicalLibrary(SMALL_LIBRARY);
  const memo = new Map();
  const tail = { checkpoint: null };
  let previous = planSync(small, { memo, tail });
  if (previous.compact.length > 0 || previous.localByBudget.length > 0)
    throw new Error(`${SMALL_LIBRARY} should fit in full`);
  let clock = Math.max(...small.map((a) => Number.parseInt(lastActivity(a).slice(0, 9), 36))) + 60_000;
  const cpu = [];
  const written = [];
  for (const [n, rank] of [...EDIT_RANKS, OLDER_RANK].entries()) {
    const recent = [...small].sort((a, b) => (lastActivity(a) > lastActivity(b) ? -1 : 1));
    const article = recent[rank];
    // The reader moves a position: a new stamp, the position and its history entry.
    const [id, q] = Object.entries(article.questions)[n % 5];
    clock += 30_000;
    const at = encodeStamp(clock, 0, 'k3v9qa');
    const to = ((q.position?.v === 5 ? 0 : (q.position?.v ?? 0)) % 5) + 1;
    article.questions[id] = {
      ...q,
      position: { v: to, at },
      history: { ...q.history, [at]: { from: q.position?.v ?? null, to } },
    };
    const before = process.cpuUsage();
    const next = planSync(small, { memo, tail });
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
    written.push(Object.keys(next.items).filter((key) => next.items[key] !== previous.items[key]).length);
    previous = next;
  }

  const viaEngine = await engineEdits(typicalLibrary(SMALL_LIBRARY));

  // The worker's start over the full area, last: preparing it plans the 520 articles here, and
  // what that leaves to collect would land in the edits' CPU time above.
  const wakeDir = mkdtempSync(join(tmpdir(), 'stance-sync-bench-'));
  let wakeSettledMs;
  let wakeChangedMs;
  try {
    const wake = join(wakeDir, 'wake.json');
    writeFileSync(wake, JSON.stringify(await wakeState(library)));
    wakeSettledMs = cold(['wake', wake, 'settled']);
    wakeChangedMs = cold(['wake', wake, 'changed']);
  } finally {
    rmSync(wakeDir, { recursive: true, force: true });
  }

  return {
    ...honest,
    // The fixture of tests/support/sync-fixtures.ts (its addresses from the primer's words, its
    // notes compiler messages, one history entry a question): what earlier versions reported.
    'sync.capacity_articles_typical_fixture': synced.length,
    'sync.capacity_full_articles_typical_fixture': fullTier.length,
    'sync.capacity_compact_articles_typical_fixture': compactTier.length,
    'sync.bytes_per_article_full': Math.round(codedFull),
    'sync.bytes_per_article_compact': Math.round(codedCompact),
    'sync.capacity_ratio_vs_json': round1(jsonPerArticle(fullTier) / codedFull),
    'sync.capacity_ratio_vs_json_compact': compactTier.length
      ? round1(jsonPerArticle(compactTier) / codedCompact)
      : 0,
    'sync.json_capacity_articles': jsonCapacity,
    'sync.json_bytes_per_article': Math.round(jsonBytes / jsonCapacity),
    'sync.plan_ms_520_articles': Math.round(planMs),
    'sync.decode_cold_ms_full_area': Math.round(decodeColdMs.ms),
    // The same work's CPU time (JIT threads included): on a loaded machine, less of the waiting.
    'sync.decode_cold_cpu_ms_full_area': Math.round(decodeColdMs.cpuMs),
    'sync.plan_cold_ms_150_articles_in_full': Math.round(planColdMs.ms),
    // The worker's start (any event it listens to) over a full area: with nothing changed since
    // the last plan, and with everything merged and planned again, as every start did before.
    'sync.wake_cpu_ms_full_area': round1(wakeSettledMs.cpuMs),
    'sync.wake_ms_full_area': round1(wakeSettledMs.ms),
    'sync.wake_cpu_ms_full_area_changed': Math.round(wakeChangedMs.cpuMs),
    'sync.edit_cpu_ms_150': round1(median(cpu.slice(0, EDIT_RANKS.length))),
    'sync.edit_cpu_ms_150_max': round1(Math.max(...cpu.slice(0, EDIT_RANKS.length))),
    // The same edits through the engine (see engineEdits): what the background spends on each.
    'sync.engine_edit_cpu_ms_150': round1(median(viaEngine.cpu)),
    'sync.engine_edit_cpu_ms_150_max': round1(Math.max(...viaEngine.cpu)),
    'sync.engine_items_written_per_edit': median(viaEngine.written),
    'sync.engine_receive_cpu_ms_150': round1(median(viaEngine.received)),
    'sync.engine_receive_cpu_ms_150_max': round1(Math.max(...viaEngine.received)),
    'sync.items_written_per_edit': median(written.slice(0, EDIT_RANKS.length)),
    'sync.items_written_per_edit_max': Math.max(...written.slice(0, EDIT_RANKS.length)),
    'sync.edit_cpu_ms_150_older_article': round1(cpu.at(-1)),
    'sync.items_written_per_edit_older_article': written.at(-1),
  };
}

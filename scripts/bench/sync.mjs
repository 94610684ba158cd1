// Sync capacity: how many typical articles (5 questions with positions, ~200-character notes on a
// third of them, French and English text) have their reader data in storage.sync with Stance's
// encoding and budget (in full or in the compact tier), how many in full, against the same articles
// stored as plain JSON, one item each. Prints nothing; returns figures.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const load = (path) => tsImport(pathToFileURL(join(root, path)).href, import.meta.url);

// As many articles as the fixture makes without repeating a sentence, well past what fits.
const LIBRARY_SIZE = 520;

export async function run() {
  const { typicalLibrary } = await load('tests/support/sync-fixtures.ts');
  const { planSync } = await load('utils/sync/budget.ts');
  const { itemBytes, SYNC_MAX_ITEMS, usableTotalBytes } = await load('utils/sync/limits.ts');
  const { assembleItems } = await load('utils/sync/chunks.ts');
  const { unpackItem } = await load('utils/sync/codec.ts');

  const library = typicalLibrary(LIBRARY_SIZE);
  const started = performance.now();
  const plan = planSync(library);
  const planMs = performance.now() - started;
  // Articles whose reader data is synced, in either tier; the full tier alone besides.
  const capacity = library.length - plan.localByBudget.length;
  const fullCapacity = capacity - plan.compact.length;

  // Plain JSON: one item per article as storage.local holds it, until the quota refuses.
  let jsonBytes = 0;
  let jsonCapacity = 0;
  for (const article of library) {
    const bytes = itemBytes(`article:${article.url}`, article, 'chrome');
    const count = jsonCapacity + 1;
    if (count > SYNC_MAX_ITEMS || jsonBytes + bytes > usableTotalBytes(count, 'firefox')) break;
    jsonBytes += bytes;
    jsonCapacity = count;
  }

  // Reading the whole area back, as another device does when it changes.
  const readStarted = performance.now();
  const assembled = assembleItems('b0', (key) => plan.items[key]);
  const decoded = assembled.ok ? unpackItem(assembled.payload) : assembled;
  const decodeMs = performance.now() - readStarted;
  if (!decoded.ok) throw new Error('the planned area does not decode');

  // The common case: a library that fits in full, re-planned after an edit (one pass).
  const small = library.slice(0, 150);
  const smallStarted = performance.now();
  const smallPlan = planSync(small);
  const smallMs = performance.now() - smallStarted;
  if (smallPlan.compact.length > 0 || smallPlan.localByBudget.length > 0)
    throw new Error('150 should fit in full');

  return {
    'sync.capacity_articles': capacity,
    'sync.capacity_full_articles': fullCapacity,
    'sync.capacity_ratio_vs_json': Math.round((capacity / jsonCapacity) * 100) / 100,
    'sync.json_capacity_articles': jsonCapacity,
    'sync.bytes_per_article': Math.round(plan.bytes / capacity),
    'sync.json_bytes_per_article': Math.round(jsonBytes / jsonCapacity),
    'sync.plan_ms_520_articles': Math.round(planMs),
    'sync.decode_ms_full_area': Math.round(decodeMs),
    'sync.plan_ms_150_articles_in_full': Math.round(smallMs),
  };
}

// planSync's rules on small libraries and small quotas, where a plan codes a few kilobytes: what goes in full, compact, on this device only or nowhere, in which order, against
// which room; what it remembers; and that what it writes decodes to exactly what it says it synced.
// chunks-budget.test.ts runs the same rules at the real quota on libraries of hundreds of articles.
import { describe, expect, it } from 'vitest';
import { encodeStamp } from '@/utils/positions/clock';
import { type ArticleRecord, lastActivity } from '@/utils/positions/model';
import { planSync, type SyncPlan, TAIL_ENTRIES, type TailCheckpoint } from '@/utils/sync/budget';
import { articleKey, assembleItems } from '@/utils/sync/chunks';
import { canonicalJson } from '@/utils/sync/engine';
import { entriesOfLines, unpackItem } from '@/utils/sync/format';
import type { SyncEntry } from '@/utils/sync/layout';
import { itemBytes } from '@/utils/sync/limits';
import { compactArticle, isPageQuestion, pageWordings } from '@/utils/sync/tiers';
import { typicalArticle, typicalLibrary } from '../../support/sync-fixtures';

/**
 * Every entry the plan's items hold, in stream order. Each time, the plan's own lines must give
 * exactly what decoding gives: the engine reads its own write back from them (entriesOfLines).
 */
function entriesOf(plan: SyncPlan): SyncEntry[] {
  if (!plan.items.b0) {
    expect(plan.stream).toBeNull();
    return [];
  }
  const assembled = assembleItems('b0', (k) => plan.items[k]);
  const decoded = assembled.ok ? unpackItem(assembled.payload) : null;
  if (!decoded?.ok) throw new Error('the plan does not decode');
  expect(assembled.ok && assembled.payload).toBe(plan.stream?.payload);
  expect(entriesOfLines(plan.stream!.lines)).toStrictEqual(decoded);
  return decoded.entries;
}
const articlesOf = (plan: SyncPlan) =>
  entriesOf(plan).flatMap((e) => (e.kind === 'article' ? [e.article] : []));
const byRecency = (library: ArticleRecord[]) =>
  [...library].sort((a, b) => (lastActivity(a) > lastActivity(b) ? -1 : 1));

describe('planSync on a library that fits', () => {
  const library = typicalLibrary(5);

  it('syncs every article in full, oldest first, and counts the bytes it writes', () => {
    const plan = planSync(library);
    expect(plan).toMatchObject({ compact: [], localByBudget: [], localByChoice: [], tooLarge: [] });
    const synced = articlesOf(plan);
    expect(synced.map((a) => a.url)).toEqual(
      byRecency(library)
        .reverse()
        .map((a) => a.url),
    );
    for (const a of synced)
      expect(canonicalJson(a)).toBe(canonicalJson(library.find((l) => l.url === a.url)!));
    const bytes = Object.entries(plan.items).reduce((sum, [k, v]) => sum + itemBytes(k, v, 'chrome'), 0);
    expect(plan.bytes).toBe(bytes);
  });

  it('gives the same items for the same library in any order', () => {
    expect(planSync([...library].reverse()).items).toEqual(planSync(library).items);
  });

  it('writes nothing for an empty library', () => {
    expect(planSync([])).toEqual({
      items: {},
      bytes: 0,
      localByChoice: [],
      localByBudget: [],
      compact: [],
      tooLarge: [],
      stream: null,
    });
  });

  it('keeps an address that is not an article’s, and an article kept here by choice, out', () => {
    const odd = { ...structuredClone(library[0]!), url: 'file:///home/me/notes.html' };
    const chosen = structuredClone(library[1]!);
    chosen.localOnly = { v: true, at: lastActivity(chosen) };
    const plan = planSync([odd, chosen, ...library.slice(2)]);
    expect(plan.localByBudget).toEqual([odd.url]);
    expect(plan.localByChoice).toEqual([chosen.url]);
    const entries = entriesOf(plan);
    expect(entries.filter((e) => e.kind === 'localOnly')).toEqual([
      { kind: 'localOnly', key: articleKey(chosen.url), localOnly: chosen.localOnly },
    ]);
    expect(JSON.stringify(entries)).not.toContain(chosen.url);
    expect(JSON.stringify(entries)).not.toContain(odd.url);
  });

  it('carries another device’s "this device only" marker, unless this device has that article', () => {
    const marker = (url: string) =>
      ({
        kind: 'localOnly',
        key: articleKey(url),
        localOnly: { v: true, at: lastActivity(library[0]!) },
      }) as const;
    const theirs = marker('https://ailleurs.example/un-article-a-eux');
    const mine = marker(library[0]!.url);
    const entries = entriesOf(planSync(library, { foreignMarkers: [theirs, mine] }));
    expect(entries.filter((e) => e.kind === 'localOnly')).toEqual([theirs]);
    expect(planSync(library, { foreignMarkers: [theirs], blockedKeys: new Set(['b0']) }).items).toEqual({});
  });

  it('writes a deleted article as a tombstone, without its content', () => {
    const gone = structuredClone(library[2]!);
    gone.deleted = { v: true, at: lastActivity(gone) };
    const entries = entriesOf(planSync([gone, ...library.slice(0, 2)]));
    const tomb = entries.find((e) => e.kind === 'article' && e.article.url === gone.url);
    expect(tomb).toBeDefined();
    expect(JSON.stringify(tomb)).not.toContain(gone.meta.v.title);
  });
});

describe('planSync against the room it has', () => {
  const library = typicalLibrary(20);

  it('puts the most recent in full, then compact, then on this device, in recency order', () => {
    const plan = planSync(library, { quotaBytes: 8_000 });
    expect(plan.compact.length).toBeGreaterThan(0);
    expect(plan.localByBudget.length).toBeGreaterThan(0);
    const compact = new Set(plan.compact);
    const local = new Set(plan.localByBudget);
    const tiers = byRecency(library).map((a) => (local.has(a.url) ? 2 : compact.has(a.url) ? 1 : 0));
    expect(tiers).toEqual([...tiers].sort());
    expect(tiers[0]).toBe(0);
    // Most recent first in both lists.
    const order = byRecency(library).map((a) => a.url);
    expect(plan.compact).toEqual(order.filter((u) => compact.has(u)));
    expect(plan.localByBudget).toEqual(order.filter((u) => local.has(u)));
    expect(plan.bytes).toBeLessThanOrEqual(8_000 - 256);
    const synced = articlesOf(plan);
    expect(synced.length).toBe(library.length - local.size);
    for (const a of synced) {
      const mine = library.find((l) => l.url === a.url)!;
      expect(canonicalJson(a)).toBe(canonicalJson(compact.has(a.url) ? compactArticle(mine) : mine));
    }
  });

  it('leaves room for items it must not touch, and for its margin', () => {
    const roomy = planSync(library, { quotaBytes: 6_000 });
    const reserved = planSync(library, { quotaBytes: 6_000, reservedBytes: 2_000 });
    expect(reserved.bytes).toBeLessThanOrEqual(6_000 - 2_000 - 256);
    expect(reserved.localByBudget.length).toBeGreaterThan(roomy.localByBudget.length);
    const margin = planSync(library, { quotaBytes: 6_000, marginBytes: 2_256 });
    expect(margin.bytes).toBeLessThanOrEqual(6_000 - 2_256);
    expect(margin.localByBudget.length).toBeGreaterThan(roomy.localByBudget.length);
    const noMargin = planSync(library, { quotaBytes: 6_000, marginBytes: 0 });
    expect(noMargin.bytes).toBeGreaterThanOrEqual(roomy.bytes);
  });

  it('syncs nothing when the other keys take every item, and says so for every article', () => {
    const plan = planSync(library, { reservedItems: 512 });
    expect(plan.items).toEqual({});
    expect(plan.localByBudget.length).toBe(library.length);
    expect(planSync(library, { reservedItems: 511 }).localByBudget.length).toBeLessThan(library.length);
  });

  it('skips an article too large for any tier and goes on with the older ones', () => {
    const big = structuredClone(byRecency(library)[0]!);
    const note = Array.from({ length: 40_000 }, (_, i) =>
      String.fromCharCode(0x4e00 + ((i * 7919) % 2000)),
    ).join('');
    big.note = { v: note, at: lastActivity(big) };
    const rest = library.filter((a) => a.url !== big.url);
    const plan = planSync([big, ...rest]);
    expect(plan.tooLarge).toEqual([big.url]);
    expect(plan.localByBudget).toEqual([]);
    expect(articlesOf(plan).length).toBe(rest.length);
  });

  it('never codes more layout than the decoder accepts', () => {
    const plan = planSync(library, { maxStreamBytes: 6_000 });
    expect(plan.localByBudget.length).toBeGreaterThan(0);
    expect(articlesOf(plan).length).toBe(library.length - plan.localByBudget.length);
  });

  it('leaves an unreadable key alone: nothing written there, its articles kept here', () => {
    const plan = planSync(library, { blockedKeys: new Set(['b0']) });
    expect(plan.items).toEqual({});
    expect(plan.localByBudget.length).toBe(library.length);
  });
});

describe('planSync’s memory', () => {
  it('answers the same inputs from its memo, and keeps no more than four plans', () => {
    const library = typicalLibrary(4);
    const memo = new Map<string, SyncPlan>();
    const first = planSync(library, { memo });
    expect(memo.size).toBe(1);
    // A copy, not the remembered object: a caller that edits it does not change the memo.
    const again = planSync(library, { memo });
    expect(again).toEqual(first);
    again.items.b0 = 'changed';
    expect(planSync(library, { memo }).items.b0).toBe(first.items.b0);
    for (const quotaBytes of [90_000, 80_000, 70_000, 60_000, 50_000])
      planSync(library, { memo, quotaBytes });
    expect(memo.size).toBe(4);
    const edited = structuredClone(library);
    edited[0]!.meta = { ...edited[0]!.meta, v: { ...edited[0]!.meta.v, title: 'Un autre titre' } };
    expect(planSync(edited, { memo }).items).not.toEqual(first.items);
  });

  it('resumes from the checkpoint before the last articles, and gives what a fresh plan gives', () => {
    const library = typicalLibrary(TAIL_ENTRIES + 4);
    const tail: TailCheckpoint = { checkpoint: null };
    planSync(library, { tail });
    expect(tail.checkpoint?.lines.length).toBe(4);
    const saved = tail.checkpoint;
    const recent = byRecency(library)[0]!;
    recent.meta = { ...recent.meta, v: { ...recent.meta.v, title: 'Titre revu' } };
    expect(planSync(library, { tail })).toEqual(planSync(library));
    expect(tail.checkpoint).toBe(saved);
    // An edit before the checkpoint's lines cannot resume from it.
    const oldest = byRecency(library).at(-1)!;
    oldest.meta = { ...oldest.meta, v: { ...oldest.meta.v, title: 'Le plus ancien, revu' } };
    expect(planSync(library, { tail })).toEqual(planSync(library));
  });
});

describe('planSync with one article', () => {
  it('syncs a single article, whatever its index in the fixture', () => {
    for (const i of [0, 3, 7]) {
      const article = typicalArticle(i);
      expect(articlesOf(planSync([article])).map((a) => a.url)).toEqual([article.url]);
    }
  });
});

describe('planSync on ties', () => {
  it('orders articles with the same last activity by address, whatever order they come in', () => {
    const base = typicalArticle(1);
    const twins = [
      'https://b.example/x/un-article',
      'https://a.example/x/un-article',
      'https://c.example/x/un-article',
    ].map((url) => ({ ...structuredClone(base), url }));
    const plan = planSync(twins);
    expect(articlesOf(plan).map((a) => a.url)).toEqual([
      'https://c.example/x/un-article',
      'https://b.example/x/un-article',
      'https://a.example/x/un-article',
    ]);
    expect(planSync([...twins].reverse()).items).toEqual(plan.items);
  });

  it('writes tombstones and markers in one order, whatever order they come in', () => {
    const library = typicalLibrary(4).map((a, i) => {
      const x = structuredClone(a);
      if (i < 2) x.deleted = { v: true, at: lastActivity(x) };
      else x.localOnly = { v: true, at: lastActivity(x) };
      return x;
    });
    const theirs = {
      kind: 'localOnly',
      key: '00000000',
      localOnly: { v: true, at: lastActivity(library[0]!) },
    } as const;
    const plan = planSync(library, { foreignMarkers: [theirs] });
    const ids = entriesOf(plan).map((e) => (e.kind === 'localOnly' ? e.key : articleKey(e.article.url)));
    // By article key, so every device writes these lines in the same order.
    expect(ids).toHaveLength(5);
    expect(ids).toEqual([...ids].sort());
    expect(
      planSync([library[2]!, library[0]!, library[3]!, library[1]!], { foreignMarkers: [theirs] }).items,
    ).toEqual(plan.items);
  });
});

describe('planSync on a device that lacks a newer wording', () => {
  it('keeps each article in the tier storage.sync holds it in', () => {
    const library = typicalLibrary(4);
    const [lacking, ...rest] = library;
    const [qid, q] = Object.entries(lacking!.questions).find(([, x]) => isPageQuestion(x.q.v))!;
    // Another device has a newer wording of one of this article's page questions.
    const newer = encodeStamp(Number.parseInt(q.q.at.slice(0, 9), 36) + 60_000, 0, 'zz9zz9');
    const syncedPlaceholder = (url: string, id: string) =>
      url === lacking!.url && id === qid
        ? { placeholder: compactArticle(lacking!).questions[qid]!.q, newest: newer }
        : undefined;
    // storage.sync holds the others in full (with the wordings this device has), the first compact.
    const inFull = new Map(rest.map((a) => [a.url, pageWordings(a)]));
    const plan = planSync(library, { syncedPlaceholder, syncedInFull: (url) => inFull.get(url) });
    expect(plan.compact).toEqual([lacking!.url]);
    expect(plan.localByBudget).toEqual([]);
    // Held nowhere in full: every article compact, though all would fit in full.
    expect(planSync(library, { syncedPlaceholder, syncedInFull: () => undefined }).compact.sort()).toEqual(
      library.map((a) => a.url).sort(),
    );
    // Held in full with another wording: compact too.
    const stale = planSync(library, { syncedPlaceholder, syncedInFull: (url) => `${inFull.get(url)}x` });
    expect(stale.compact.length).toBe(library.length);
    // Without the newer wording anywhere, the same library goes all in full.
    expect(planSync(library, { syncedInFull: () => undefined }).compact).toEqual([]);
  });
});

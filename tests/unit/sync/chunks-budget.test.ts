import { describe, expect, it } from 'vitest';
import { encodeStamp } from '@/utils/positions/clock';
import { lastActivity } from '@/utils/positions/model';
import { planSync, type SyncPlan, TAIL_ENTRIES, type TailCheckpoint } from '@/utils/sync/budget';
import { articleKey, assembleItems, SYNC_STREAM_KEY, splitIntoItems } from '@/utils/sync/chunks';
import { canonicalJson } from '@/utils/sync/engine';
import { entriesOfLines, entryLine, packArticle, unpackItem } from '@/utils/sync/format';
import { itemBytes, SYNC_QUOTA_BYTES_PER_ITEM } from '@/utils/sync/limits';
import { compactArticle, isPageQuestion } from '@/utils/sync/tiers';
import { FakeSyncArea } from '../../support/fake-sync-area';
import { seededRandom, typicalArticle, typicalLibrary } from '../../support/sync-fixtures';

describe('chunks', () => {
  it('gives each URL a short stable key', () => {
    expect(articleKey('https://exemple.fr/a')).toBe(articleKey('https://exemple.fr/a'));
    expect(articleKey('https://exemple.fr/a')).not.toBe(articleKey('https://exemple.fr/b'));
    expect(articleKey('https://exemple.fr/a')).toMatch(/^[0-9a-z]{8}$/);
    // One stream holds every article, under the key every version since format 4 reads.
    expect(SYNC_STREAM_KEY).toBe('b0');
  });

  it('splits a large article under 8,192 bytes per item and puts it back together', () => {
    const article = typicalArticle(1);
    const random = seededRandom(9);
    // Long incompressible notes: the packed article needs several items.
    for (const q of Object.values(article.questions)) {
      q.note = {
        v: Array.from({ length: 4000 }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 500))).join(
          '',
        ),
        at: q.q.at,
      };
    }
    const key = SYNC_STREAM_KEY;
    const items = splitIntoItems(key, packArticle(article), 'chrome');
    expect(Object.keys(items).length).toBeGreaterThan(2);
    for (const [k, v] of Object.entries(items))
      expect(itemBytes(k, v, 'chrome')).toBeLessThanOrEqual(SYNC_QUOTA_BYTES_PER_ITEM);
    const assembled = assembleItems(key, (k) => items[k]);
    expect(assembled.ok && unpackItem(assembled.payload).ok).toBe(true);
    const missing = { ...items };
    delete missing[`${key}.1`];
    expect(assembleItems(key, (k) => missing[k])).toEqual({ ok: false, reason: 'incomplete' });
  }, 30_000);
});

describe('budget', () => {
  it('fits in both browsers and keeps the most recently active articles', async () => {
    const library = typicalLibrary(400);
    const plan = planSync(library);
    expect(plan.localByBudget.length).toBeGreaterThan(0);
    for (const mode of ['chrome', 'firefox'] as const) {
      const area = new FakeSyncArea({ mode });
      await expect(area.set(plan.items)).resolves.toBeUndefined();
    }
    const synced = new Set(library.map((a) => a.url).filter((u) => !plan.localByBudget.includes(u)));
    const oldestSynced = library
      .filter((a) => synced.has(a.url))
      .map(lastActivity)
      .sort()[0]!;
    for (const url of plan.localByBudget) {
      expect(lastActivity(library.find((a) => a.url === url)!) <= oldestSynced).toBe(true);
    }
  }, 180_000);

  it('always keeps tombstones and local-only markers, never the content of a local-only article', () => {
    const library = typicalLibrary(3);
    library[0]!.deleted = { v: true, at: lastActivity(library[0]!) };
    library[1]!.localOnly = { v: true, at: lastActivity(library[1]!) };
    const plan = planSync(library);
    expect(plan.localByChoice).toEqual([library[1]!.url]);
    const decoded = Object.keys(plan.items).flatMap((k) => {
      const assembled = assembleItems(k, (key) => plan.items[key]);
      const d = unpackItem(assembled.ok && assembled.payload);
      return d.ok ? d.entries : [];
    });
    expect(decoded.length).toBe(3);
    expect(decoded.find((e) => e.kind === 'localOnly')).toMatchObject({ key: articleKey(library[1]!.url) });
    expect(JSON.stringify(decoded)).not.toContain(library[1]!.url);
    expect(JSON.stringify(decoded)).not.toContain(library[0]!.meta.v.title);
  });

  it('leaves keys held by unreadable items alone', () => {
    const library = typicalLibrary(2);
    const blocked = SYNC_STREAM_KEY;
    const plan = planSync(library, { blockedKeys: new Set([blocked]) });
    expect(plan.items[blocked]).toBeUndefined();
    expect(plan.localByBudget).toContain(library[0]!.url);
  });

  it('syncs older articles compact when not all fit in full: newest in full, then compact, then local', async () => {
    const library = typicalLibrary(400);
    const plan = planSync(library);
    const local = new Set(plan.localByBudget);
    const compact = new Set(plan.compact);
    const synced = library.filter((a) => !local.has(a.url));
    expect(compact.size).toBeGreaterThan(0);
    // More articles than the full tier alone holds (about 90 of these), at least 300 in all.
    expect(synced.length).toBeGreaterThanOrEqual(300);
    const byRecency = [...library].sort((a, b) => (lastActivity(a) > lastActivity(b) ? -1 : 1));
    const tier = (url: string) => (local.has(url) ? 2 : compact.has(url) ? 1 : 0);
    const tiers = byRecency.map((a) => tier(a.url));
    expect(tiers).toEqual([...tiers].sort());
    for (const mode of ['chrome', 'firefox'] as const) {
      const area = new FakeSyncArea({ mode });
      await expect(area.set(plan.items)).resolves.toBeUndefined();
    }
    // What is synced decodes to the article (full) or its compact form: every piece of reader data.
    const decoded = new Map<string, string>();
    for (const key of Object.keys(plan.items).filter((k) => !k.includes('.'))) {
      const assembled = assembleItems(key, (k) => plan.items[k]);
      const d = assembled.ok ? unpackItem(assembled.payload) : null;
      for (const e of d?.ok ? d.entries : [])
        if (e.kind === 'article') decoded.set(e.article.url, canonicalJson(e.article));
    }
    expect(decoded.size).toBe(synced.length);
    for (const a of synced)
      expect(decoded.get(a.url)).toBe(canonicalJson(compact.has(a.url) ? compactArticle(a) : a));
  }, 180_000);

  it('never writes a stream longer than the decoder accepts, however well it compresses', () => {
    // Forty copies of one article's text under different URLs code to almost nothing.
    const base = typicalArticle(2);
    const library = Array.from({ length: 40 }, (_, i) => ({
      ...structuredClone(base),
      url: `${base.url}?copy=${i}`,
    }));
    const plan = planSync(library, { maxStreamBytes: 20_000 });
    expect(plan.bytes).toBeLessThan(8_192);
    expect(plan.localByBudget.length).toBeGreaterThan(0);
    const payload = assembleItems('b0', (k) => plan.items[k]);
    const decoded = payload.ok ? unpackItem(payload.payload) : null;
    const lines = decoded?.ok ? decoded.entries.map((e) => entryLine(e)) : [];
    expect(lines.length).toBe(40 - plan.localByBudget.length);
    expect(lines.join('').length).toBeLessThanOrEqual(20_000);
  });

  it('past six times the quota of layout, still fills the quota with the compact tier', () => {
    // 520 articles: the first pass stops at the full tier's share; the older ones then go compact
    // (before, the boundary fell at the end of the library and all 333 that fitted went in full).
    const library = typicalLibrary(520);
    const plan = planSync(library);
    const synced = library.length - plan.localByBudget.length;
    expect(plan.compact.length).toBeGreaterThan(300);
    expect(synced).toBeGreaterThanOrEqual(370);
  }, 120_000);

  it('an edit to a recent article codes from the checkpoint: the same plan, and only the head and the last parts change', () => {
    const library = typicalLibrary(150);
    const tail: TailCheckpoint = { checkpoint: null };
    let before = planSync(library, { tail });
    expect(before.compact).toEqual([]);
    expect(Object.keys(before.items).length).toBeGreaterThan(4);
    expect(tail.checkpoint?.lines.length).toBe(library.length - TAIL_ENTRIES);
    const saved = tail.checkpoint;
    // The plan's own stream is kept for the edits to resume into: none allocates another.
    const scratch = tail.scratch;
    expect(scratch).toBeDefined();
    expect(scratch).not.toBe(saved?.stream);
    let ms = Date.UTC(2027, 0, 1);
    const byRecency = () => [...library].sort((a, b) => (lastActivity(a) > lastActivity(b) ? -1 : 1));
    for (const rank of [0, 2, 4]) {
      const article = byRecency()[rank]!;
      const [id, q] = Object.entries(article.questions)[rank]!;
      ms += 60_000;
      const at = encodeStamp(ms, 0, 'k3v9qa');
      article.questions[id] = {
        ...q,
        position: { v: 3, at },
        history: { ...q.history, [at]: { from: null, to: 3 } },
      };
      const after = planSync(library, { tail });
      // The checkpoint was used, not replaced, and gives what a plan from nothing gives.
      expect(tail.checkpoint).toBe(saved);
      expect(tail.scratch).toBe(scratch);
      expect(after).toEqual(planSync(library));
      // The head changes (its checksum); of the parts, only the last ones, where the tail is coded.
      const parts = Object.keys(after.items).length;
      const changed = Object.keys(after.items).filter((k) => after.items[k] !== before.items[k]);
      expect(changed).toContain('b0');
      for (const key of changed.filter((k) => k !== 'b0'))
        expect(Number(key.split('.')[1])).toBeGreaterThanOrEqual(parts - 2);
      before = after;
    }
  }, 120_000);

  it("a device that planned the same library reads another's edit to a recent article from its checkpoint, and an older one's by decoding", () => {
    const library = typicalLibrary(60);
    const receiver: TailCheckpoint = { checkpoint: null };
    expect(planSync(library, { tail: receiver }).compact).toEqual([]);
    const saved = receiver.checkpoint!;
    const scratch = receiver.scratch!;
    let ms = Date.UTC(2027, 0, 1);
    const byRecency = () => [...library].sort((a, b) => (lastActivity(a) > lastActivity(b) ? -1 : 1));
    for (const [rank, continues] of [
      [0, true],
      [3, true],
      [20, false],
    ] as const) {
      const article = byRecency()[rank]!;
      const [id, q] = Object.entries(article.questions)[0]!;
      ms += 60_000;
      const at = encodeStamp(ms, 0, 'k3v9qa');
      article.questions[id] = {
        ...q,
        position: { v: 2, at },
        history: { ...q.history, [at]: { from: null, to: 2 } },
      };
      // The other device's plan, from nothing: what it writes to storage.sync.
      const payload = planSync(library).stream!.payload;
      const lines = saved.stream.linesContinuedIn(payload, scratch);
      expect(lines !== null).toBe(continues);
      if (lines) expect(entriesOfLines(lines)).toStrictEqual(unpackItem(payload));
    }
  }, 120_000);

  it('reuses a remembered plan only for the same inputs: what storage.sync holds for a compact question counts', () => {
    const library = typicalLibrary(6);
    const options = { quotaBytes: 3_000 };
    const memo = new Map<string, SyncPlan>();
    const before = planSync(library, { ...options, memo });
    const url = before.compact[0]!;
    const article = library.find((a) => a.url === url)!;
    const [id, question] = Object.entries(article.questions).find(([, q]) => isPageQuestion(q.q.v))!;
    const placeholder = compactArticle(article).questions[id]!.q;
    // A placeholder that sorts after this device's (a later order), then a newer wording's stamp:
    // each changes the compact form (not the full one) and so the plan.
    const later = { v: { ...placeholder.v, order: 99 }, at: '' };
    const newer = encodeStamp(Number.parseInt(question.q.at.slice(0, 9), 36) + 60_000, 0, 'zz9zz9');
    for (const synced of [{ placeholder: later }, { placeholder, newest: newer }]) {
      const syncedPlaceholder = (u: string, q: string) => (u === url && q === id ? synced : undefined);
      const fresh = planSync(library, { ...options, syncedPlaceholder });
      expect(fresh.items).not.toEqual(before.items);
      expect(planSync(library, { ...options, memo, syncedPlaceholder })).toEqual(fresh);
    }
    expect(planSync(library, { ...options, memo })).toEqual(before);
  });

  it('plans against a smaller quota when asked (tests exercise the compact tier with it)', () => {
    const library = typicalLibrary(6);
    const plan = planSync(library, { quotaBytes: 3_000 });
    expect(plan.compact.length).toBeGreaterThan(0);
    expect(plan.bytes).toBeLessThanOrEqual(3_000);
  });
});

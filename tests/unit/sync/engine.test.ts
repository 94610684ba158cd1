import { describe, expect, it } from 'vitest';
import {
  ensureQuestion,
  newArticle,
  setArticleNote,
  setDeleted,
  setLocalOnly,
  setPosition,
} from '@/utils/positions/actions';
import { type ArticleRecord, lastActivity } from '@/utils/positions/model';
import { assembleItems, SYNC_STREAM_KEY } from '@/utils/sync/chunks';
import { unpackItem } from '@/utils/sync/format';
import type { SyncEntry } from '@/utils/sync/layout';
import format2Item from '../../fixtures/sync/format-2-item.json';
import { simulatedDevices } from '../../support/sync-devices';
import { typicalArticle } from '../../support/sync-fixtures';

const URL_A = 'https://example.fr/a';
/** An item as the previous version (format 2) wrote it, and what it holds. */
const FORMAT_2 = format2Item as { item: string; entries: SyncEntry[] };
const META = { title: 'Faut-il taxer le kérosène ?', siteName: 'Ex', lang: 'fr', readingMinutes: 4 };
const SNAP = {
  kind: 'debate' as const,
  label: '',
  text: 'Faut-il taxer le kérosène ?',
  form: { type: 'yes-no' as const },
  order: 0,
};

function withQuestion(a: ArticleRecord | undefined, at: string): ArticleRecord {
  return ensureQuestion(a ?? newArticle(URL_A, META, at), SNAP, 'q1', at);
}

async function settle(env: ReturnType<typeof simulatedDevices>) {
  for (let round = 0; round < 20; round++) {
    env.time.now += 10_000;
    for (const d of env.devices) await d.engine.flushNow();
    await env.network.deliverAll();
    for (const d of env.devices) await d.engine.idle();
    if (env.network.pending.length === 0 && env.devices.every((d) => !d.engine.status.pending)) return;
  }
  throw new Error('did not settle');
}

describe('SyncEngine', () => {
  it('carries a position from one device to another and merges offline edits field by field', async () => {
    const env = simulatedDevices(2);
    const [a, b] = env.devices as [
      NonNullable<(typeof env.devices)[0]>,
      NonNullable<(typeof env.devices)[1]>,
    ];
    await a.engine.setEnabled(true);
    await b.engine.setEnabled(true);
    await a.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 4, at));
    await settle(env);
    expect(b.library.get(URL_A)?.questions.q1?.position?.v).toBe(4);

    env.network.setOnline(0, false);
    env.network.setOnline(1, false);
    await a.edit(URL_A, (x, at) => setPosition(x!, 'q1', 2, at));
    env.time.now += 1000;
    await b.edit(URL_A, (x, at) => setArticleNote(x!, 'Une note écrite hors ligne', at));
    await settle(env);
    env.network.setOnline(0, true);
    env.network.setOnline(1, true);
    await settle(env);
    for (const d of [a, b]) {
      expect(d.library.get(URL_A)?.questions.q1?.position?.v).toBe(2);
      expect(d.library.get(URL_A)?.note?.v).toBe('Une note écrite hors ligne');
    }
    expect(a.area.snapshot()).toEqual(b.area.snapshot());
  });

  it('merges local data both ways when sync is turned on, replacing neither side', async () => {
    const env = simulatedDevices(2);
    const [a, b] = env.devices as [
      NonNullable<(typeof env.devices)[0]>,
      NonNullable<(typeof env.devices)[1]>,
    ];
    const one = typicalArticle(1);
    const two = typicalArticle(2);
    a.library.set(one.url, one);
    b.library.set(two.url, two);
    await a.engine.setEnabled(true);
    await settle(env);
    await b.engine.setEnabled(true);
    await settle(env);
    await a.engine.localChanged();
    await settle(env);
    expect([...a.library.keys()].sort()).toEqual([one.url, two.url].sort());
    expect([...b.library.keys()].sort()).toEqual([one.url, two.url].sort());
  });

  it('keeps a deletion as a tombstone that does not come back', async () => {
    const env = simulatedDevices(2);
    const [a, b] = env.devices as [
      NonNullable<(typeof env.devices)[0]>,
      NonNullable<(typeof env.devices)[1]>,
    ];
    await a.engine.setEnabled(true);
    await b.engine.setEnabled(true);
    await a.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 5, at));
    await settle(env);
    await b.edit(URL_A, (x, at) => setDeleted(x!, true, at));
    await settle(env);
    expect(a.library.get(URL_A)?.deleted?.v).toBe(true);
    // a restarts with its old copy in storage.local: the tombstone still wins.
    a.restart();
    await a.engine.setEnabled(true);
    await settle(env);
    expect(a.library.get(URL_A)?.deleted?.v).toBe(true);
    expect(b.library.get(URL_A)?.deleted?.v).toBe(true);
  });

  it('leaves an item of a newer version alone, reports it, replaces a damaged one, and keeps working', async () => {
    const env = simulatedDevices(1);
    const [a] = env.devices as [NonNullable<(typeof env.devices)[0]>];
    // The one bucket written by a newer version, and a corrupt item under an older layout's key.
    const head = SYNC_STREAM_KEY;
    await a.area.set({ [head]: '9a future format', b3: '2%%%corrupt' });
    await a.engine.setEnabled(true);
    await a.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 3, at));
    await settle(env);
    // The damaged item holds nothing this version can use: it is removed (repaired).
    expect(a.area.snapshot()).toEqual({ [head]: '9a future format' });
    expect(a.engine.status.newerVersion).toBe(1);
    expect(a.engine.status.corrupt).toBe(0);
    expect(a.engine.status.repairedAt).not.toBeNull();
    // The edit is kept here, and counted as such.
    expect(a.engine.status.localByBudget).toBe(1);
    expect(a.library.get(URL_A)?.questions.q1?.position?.v).toBe(3);
    // Once the newer version's item is gone, this device syncs again.
    await a.area.remove([head]);
    await settle(env);
    expect(a.area.snapshot()[head]).toMatch(/^\*1\.[0-9a-z]+\|4/);
    expect(a.engine.status.newerVersion).toBe(0);
    expect(a.engine.status.localByBudget).toBe(0);
  });

  it('keeps an article marked "this device only" out of storage.sync, and counts it', async () => {
    const env = simulatedDevices(2);
    const [a, b] = env.devices as [
      NonNullable<(typeof env.devices)[0]>,
      NonNullable<(typeof env.devices)[1]>,
    ];
    await a.engine.setEnabled(true);
    await b.engine.setEnabled(true);
    await a.edit(URL_A, (x, at) => setLocalOnly(setArticleNote(withQuestion(x, at), 'privé', at), true, at));
    await settle(env);
    expect(b.library.has(URL_A)).toBe(false);
    expect(JSON.stringify(a.area.snapshot())).not.toContain('example.fr');
    expect(a.engine.status.localByChoice).toBe(1);
  });

  it('backs off on the write-rate limit and writes once the minute has passed', async () => {
    const env = simulatedDevices(1);
    const [a] = env.devices as [NonNullable<(typeof env.devices)[0]>];
    for (let i = 0; i < 120; i++) await a.area.set({ [`filler${i}`]: i });
    await a.engine.setEnabled(true);
    await a.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 1, at));
    await a.engine.flushNow();
    expect(a.engine.status.lastError).toBe('rate-minute');
    expect(a.saved.outbox?.set[SYNC_STREAM_KEY]).toBeTypeOf('string');
    // The worker is killed; the outbox survives in storage.local and is written after the back-off.
    a.restart();
    env.time.now += 61_000;
    await a.engine.setEnabled(true);
    await a.engine.flushNow();
    expect(a.area.snapshot()[SYNC_STREAM_KEY]).toBeTypeOf('string');
    expect(a.engine.status.lastError).toBeNull();
  });

  it('syncs the most recent articles when not all fit, keeping the rest on the device', async () => {
    const env = simulatedDevices(1, 'firefox');
    const [a] = env.devices as [NonNullable<(typeof env.devices)[0]>];
    // More than fit (about 375 of these do), as many as the fixture makes without repeating itself.
    for (let i = 0; i < 480; i++) {
      const article = typicalArticle(i);
      a.library.set(article.url, article);
    }
    await a.engine.setEnabled(true);
    await settle(env);
    const status = a.engine.status;
    expect(status.localByBudget).toBeGreaterThan(0);
    expect(status.bytesUsed).toBeLessThanOrEqual(102_400);
    expect(a.library.size).toBe(480);
    expect(status.lastError).toBeNull();
    // What the area holds is the most recent: no article left on the device is more recent than
    // one that is synced.
    const area = a.area.snapshot();
    const assembled = assembleItems('b0', (key) => area[key]);
    const decoded = assembled.ok ? unpackItem(assembled.payload) : null;
    const synced = new Set(
      (decoded?.ok ? decoded.entries : []).flatMap((e) => (e.kind === 'article' ? [e.article.url] : [])),
    );
    expect(synced.size).toBe(480 - status.localByBudget);
    const syncedActivity = [...a.library.values()]
      .filter((x) => synced.has(x.url))
      .map(lastActivity)
      .sort();
    const localActivity = [...a.library.values()]
      .filter((x) => !synced.has(x.url))
      .map(lastActivity)
      .sort();
    expect(localActivity.at(-1)! < syncedActivity[0]!).toBe(true);
  }, 180_000);
});

describe('SyncEngine: the cost of an edit', () => {
  it('writes only the items an edit to a recent article changes: the head and the last part, not all of them', async () => {
    const env = simulatedDevices(1);
    const [a] = env.devices as [NonNullable<(typeof env.devices)[0]>];
    for (let i = 0; i < 150; i++) {
      const article = typicalArticle(i);
      a.library.set(article.url, article);
    }
    const writes: string[][] = [];
    const set = a.area.set.bind(a.area);
    a.area.set = (items) => {
      writes.push(Object.keys(items));
      return set(items);
    };
    await a.engine.setEnabled(true);
    await settle(env);
    const items = Object.keys(a.area.snapshot()).length;
    expect(items).toBeGreaterThan(4);
    expect(writes.at(-1)).toHaveLength(items);
    const recent = [...a.library.values()].sort((x, y) => (lastActivity(x) > lastActivity(y) ? -1 : 1))[1]!;
    await a.edit(recent.url, (x, at) => setPosition(x!, Object.keys(x!.questions)[0]!, 3, at));
    await settle(env);
    expect(writes.at(-1)).toContain('b0');
    expect(writes.at(-1)!.length).toBeLessThanOrEqual(3);
    expect(Object.keys(a.area.snapshot())).toHaveLength(items);
  }, 180_000);
});

describe('SyncEngine when its worker starts again', () => {
  // The worker is stopped when idle and started by any event it listens to; a start that finds
  // what the last plan saw skips the merge and the plan (see README, Sync). These are the changes
  // it must not miss: each one happened while no engine was running to hear it.
  async function twoSettled() {
    const env = simulatedDevices(2);
    const [a, b] = env.devices as [
      NonNullable<(typeof env.devices)[0]>,
      NonNullable<(typeof env.devices)[1]>,
    ];
    await a.engine.setEnabled(true);
    await b.engine.setEnabled(true);
    await a.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 2, at));
    await settle(env);
    expect(b.library.get(URL_A)?.questions.q1?.position?.v).toBe(2);
    return { env, a, b };
  }

  it('syncs what the panel saved while the worker was stopped', async () => {
    const { env, a, b } = await twoSettled();
    await a.engine.stop();
    a.library.set(
      URL_A,
      setArticleNote(a.library.get(URL_A)!, 'écrite pendant que le worker dormait', a.stamp()),
    );
    a.restart();
    await a.engine.setEnabled(true);
    await settle(env);
    expect(b.library.get(URL_A)?.note?.v).toBe('écrite pendant que le worker dormait');
  });

  it('merges what another device wrote while the worker was stopped', async () => {
    const { env, a, b } = await twoSettled();
    await b.engine.stop();
    await a.edit(URL_A, (x, at) => setPosition(x!, 'q1', 5, at));
    await settle(env);
    // Delivered to b's storage.sync while nothing there listened.
    expect(b.library.get(URL_A)?.questions.q1?.position?.v).toBe(2);
    b.restart();
    await b.engine.setEnabled(true);
    await settle(env);
    expect(b.library.get(URL_A)?.questions.q1?.position?.v).toBe(5);
  });
});

describe('SyncEngine after an update of Stance', () => {
  it('merges what the previous version wrote (format 2, eight buckets), then replaces it', async () => {
    const env = simulatedDevices(1);
    const [a] = env.devices as [NonNullable<(typeof env.devices)[0]>];
    const old = FORMAT_2.entries.find((e) => e.kind === 'article')!;
    if (old.kind !== 'article') throw new Error('fixture');
    // The previous version put this article in bucket b5; this device already has another one.
    await a.area.set({ b5: FORMAT_2.item });
    await a.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 2, at));
    await a.engine.setEnabled(true);
    await settle(env);
    expect(a.library.get(old.article.url)).toEqual(old.article);
    expect(a.library.get(URL_A)?.questions.q1?.position?.v).toBe(2);
    const stored = a.area.snapshot();
    expect(Object.keys(stored)).toEqual([SYNC_STREAM_KEY]);
    const assembled = assembleItems(SYNC_STREAM_KEY, (k) => stored[k]);
    const decoded = unpackItem(assembled.ok && assembled.payload);
    expect(
      decoded.ok && decoded.entries.map((e) => (e.kind === 'article' ? e.article.url : e.key)).sort(),
    ).toEqual([old.article.url, URL_A, 'k3v9qa12'].sort());
  });
});

describe('SyncEngine against a stale local write', () => {
  it('does not let an older local copy overwrite newer synced edits', async () => {
    const env = simulatedDevices(2);
    const [a, b] = env.devices as [
      NonNullable<(typeof env.devices)[0]>,
      NonNullable<(typeof env.devices)[1]>,
    ];
    await a.engine.setEnabled(true);
    await b.engine.setEnabled(true);
    await a.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 2, at));
    await settle(env);
    const stale = structuredClone(b.library.get(URL_A)!);
    await a.edit(URL_A, (x, at) => setArticleNote(x!, 'plus récent', at));
    await settle(env);
    // A panel on b saves the copy it loaded before the merge, with no edit of its own.
    b.library.set(URL_A, stale);
    await b.engine.localChanged();
    await settle(env);
    for (const d of [a, b]) expect(d.library.get(URL_A)?.note?.v).toBe('plus récent');
  });
});

describe('SyncEngine and the compact tier', () => {
  it('never writes a placeholder over a real snapshot; a device with only the compact form re-packs it', async () => {
    // A small quota: most of these articles travel compact, without their page questions' wording.
    const env = simulatedDevices(2, 'chrome', [], 3_600);
    const [a, b] = env.devices as [
      NonNullable<(typeof env.devices)[0]>,
      NonNullable<(typeof env.devices)[1]>,
    ];
    const originals = Array.from({ length: 6 }, (_, i) => typicalArticle(i));
    for (const article of originals) a.library.set(article.url, structuredClone(article));
    await a.engine.setEnabled(true);
    await b.engine.setEnabled(true);
    await settle(env);
    expect(b.library.size).toBe(6);
    const placeholders = (library: Map<string, ArticleRecord>) =>
      [...library.values()].flatMap((x) => Object.values(x.questions)).filter((q) => q.q.at === '').length;
    expect(placeholders(b.library)).toBeGreaterThan(0);
    // b edits what it only has compact; b restarts and re-packs it; a keeps every real snapshot.
    const compactUrl = [...b.library.values()].find((x) =>
      Object.values(x.questions).some((q) => q.q.at === ''),
    )!.url;
    await b.edit(compactUrl, (x, at) => setArticleNote(x!, 'Écrit sur b', at));
    b.restart();
    await b.engine.setEnabled(true);
    await settle(env);
    expect(a.library.get(compactUrl)?.note?.v).toBe('Écrit sur b');
    expect(placeholders(a.library)).toBe(0);
    for (const original of originals) {
      const mine = a.library.get(original.url)!;
      for (const [id, q] of Object.entries(original.questions)) {
        expect(mine.questions[id]!.q).toEqual(q.q);
        // b holds every piece of the reader's data, whatever the tier.
        const theirs = b.library.get(original.url)!.questions[id]!;
        expect({ ...theirs, q: null }).toEqual({ ...q, q: null });
      }
    }
    expect(a.engine.status.localByBudget + b.engine.status.localByBudget).toBe(0);
    expect(b.engine.status.lastError).toBeNull();
  });
});

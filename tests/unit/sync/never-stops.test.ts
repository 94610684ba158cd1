// Sync never stops (issue 13): a damaged item, a failed write, an article too large, other items
// or a full storage.local each affect only what they must, and Settings says which it is.
import { describe, expect, it } from 'vitest';
import { ensureQuestion, newArticle, setDeleted, setPosition } from '@/utils/positions/actions';
import type { ArticleRecord } from '@/utils/positions/model';
import { planSync } from '@/utils/sync/budget';
import { assembleItems, headKeyOf, isBucketKey } from '@/utils/sync/chunks';
import { INCOMPLETE_GRACE_MS } from '@/utils/sync/engine';
import { unpackItem } from '@/utils/sync/format';
import { simulatedDevices } from '../../support/sync-devices';
import { seededRandom, typicalArticle } from '../../support/sync-fixtures';

const URL_A = 'https://example.fr/a';
const META = { title: 'Faut-il taxer le kérosène ?', siteName: 'Ex', lang: 'fr', readingMinutes: 4 };
const SNAP = {
  kind: 'debate' as const,
  label: '',
  text: 'Faut-il taxer le kérosène ?',
  form: { type: 'yes-no' as const },
  order: 0,
};

type Env = ReturnType<typeof simulatedDevices>;
type Device = Env['devices'][number];

function withQuestion(a: ArticleRecord | undefined, at: string): ArticleRecord {
  return ensureQuestion(a ?? newArticle(URL_A, META, at), SNAP, 'q1', at);
}

async function settle(env: Env) {
  for (let round = 0; round < 30; round++) {
    env.time.now += 10_000;
    for (const d of env.devices) await d.engine.flushNow();
    await env.network.deliverAll();
    for (const d of env.devices) await d.engine.idle();
    if (env.network.pending.length === 0 && env.devices.every((d) => !d.engine.status.pending)) return;
  }
  throw new Error('did not settle');
}

/** Text that does not compress: `chars` CJK characters drawn at random. */
function noise(chars: number, seed: number): string {
  const random = seededRandom(seed);
  return Array.from({ length: chars }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 2000))).join(
    '',
  );
}

/** An article whose notes do not compress: its items split into several parts. */
function heavyArticle(index: number, chars = 1_500): ArticleRecord {
  const article = typicalArticle(index);
  for (const [j, q] of Object.values(article.questions).entries())
    q.note = { v: noise(chars, index * 10 + j), at: q.q.at };
  return article;
}

/** Every Stance item in the area assembles and decodes. */
function expectReadable(snapshot: Record<string, unknown>) {
  const heads = new Set(Object.keys(snapshot).filter(isBucketKey).map(headKeyOf));
  for (const head of heads) {
    const assembled = assembleItems(head, (k) => snapshot[k]);
    expect(assembled.ok, `${head} assembles`).toBe(true);
    expect(assembled.ok && unpackItem(assembled.payload).ok, `${head} decodes`).toBe(true);
  }
}

function flipOne(text: string, at: number): string {
  return text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);
}

async function twoDevicesWith(articles: ArticleRecord[]) {
  const env = simulatedDevices(2);
  const [a, b] = env.devices as [Device, Device];
  for (const article of articles) a.library.set(article.url, structuredClone(article));
  await a.engine.setEnabled(true);
  await b.engine.setEnabled(true);
  await settle(env);
  expect(b.library.size).toBe(articles.length);
  return { env, a, b };
}

describe('an unreadable item', () => {
  it('carries a checksum even when not split: one flipped character anywhere is seen, never decoded', () => {
    const plan = planSync([typicalArticle(1), typicalArticle(2)]);
    expect(Object.keys(plan.items)).toEqual(['b0']);
    const item = plan.items.b0!;
    expect(assembleItems('b0', (k) => plan.items[k])).toMatchObject({ ok: true, checked: true });
    for (let at = 0; at < item.length; at += 7) {
      const flipped = flipOne(item, at);
      // Refused by the checksum before decoding (or, with its head damaged, as no format at all).
      const assembled = assembleItems('b0', (k) => (k === 'b0' ? flipped : undefined));
      if (assembled.ok)
        expect([assembled.checked, unpackItem(assembled.payload)]).toEqual([
          false,
          { ok: false, reason: 'corrupt' },
        ]);
      else expect(assembled.reason).toBe('corrupt');
    }
  });

  it('a corrupt b0 (one flipped character) delivered everywhere is repaired; every article syncs', async () => {
    const articles = Array.from({ length: 5 }, (_, i) => typicalArticle(i));
    const { env, a, b } = await twoDevicesWith(articles);
    const stored = a.area.snapshot().b0 as string;
    const damaged = flipOne(stored, Math.floor(stored.length / 2));
    for (const d of [a, b]) d.area.receive({ b0: damaged });
    await a.engine.idle();
    await b.engine.idle();
    await a.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 4, at));
    await b.edit(articles[1]!.url, (x, at) => setDeleted(x!, true, at));
    await settle(env);
    expect(b.library.get(URL_A)?.questions.q1?.position?.v).toBe(4);
    expect(a.library.get(articles[1]!.url)?.deleted?.v).toBe(true);
    for (const d of [a, b]) {
      expect(d.engine.status.localByBudget).toBe(0);
      expect(d.engine.status.corrupt).toBe(0);
      expect(d.engine.status.newerVersion).toBe(0);
      expect(d.engine.status.repairedAt).not.toBeNull();
      expectReadable(d.area.snapshot());
    }
    expect(a.area.snapshot()).toEqual(b.area.snapshot());
  }, 60_000);

  it('a corrupt b0 delivered to one device only: every article keeps syncing both ways', async () => {
    const articles = Array.from({ length: 4 }, (_, i) => typicalArticle(20 + i));
    const { env, a, b } = await twoDevicesWith(articles);
    const stored = b.area.snapshot().b0 as string;
    b.area.receive({ b0: flipOne(stored, Math.floor(stored.length / 3)) });
    await b.edit(articles[2]!.url, (x, at) => setDeleted(x!, true, at));
    await a.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 1, at));
    await settle(env);
    expect(a.library.get(articles[2]!.url)?.deleted?.v).toBe(true);
    expect(b.library.get(URL_A)?.questions.q1?.position?.v).toBe(1);
    for (const d of [a, b]) {
      expectReadable(d.area.snapshot());
      expect(d.engine.status.localByBudget).toBe(0);
    }
    expect(a.area.snapshot()).toEqual(b.area.snapshot());
  }, 60_000);

  it('a truncated b0 is repaired as well', async () => {
    const { env, a, b } = await twoDevicesWith([typicalArticle(3), typicalArticle(4)]);
    const stored = a.area.snapshot().b0 as string;
    for (const d of [a, b]) d.area.receive({ b0: stored.slice(0, Math.floor(stored.length * 0.6)) });
    await a.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 2, at));
    await settle(env);
    expect(b.library.get(URL_A)?.questions.q1?.position?.v).toBe(2);
    for (const d of [a, b]) expectReadable(d.area.snapshot());
  });

  it('a flipped character in a part waits for late parts, then is repaired; nothing is lost', async () => {
    const articles = [heavyArticle(1), heavyArticle(2), typicalArticle(3)];
    const { env, a, b } = await twoDevicesWith(articles);
    const snapshot = a.area.snapshot();
    expect(Object.keys(snapshot).length).toBeGreaterThan(2);
    const part = snapshot['b0.1'] as string;
    for (const d of [a, b]) d.area.receive({ 'b0.1': flipOne(part, 100) });
    env.time.now += 10_000;
    await b.engine.flushNow();
    // A mismatched part may be one still on its way: reported as such, not yet replaced.
    expect(b.engine.status.incomplete).toBe(1);
    expect(b.engine.status.corrupt).toBe(0);
    expect(b.area.snapshot()['b0.1']).toBe(flipOne(part, 100));
    await b.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 5, at));
    env.time.now += INCOMPLETE_GRACE_MS;
    await settle(env);
    // Both repaired at once: b's write and a's crossed, and b waits once more for the parts.
    env.time.now += INCOMPLETE_GRACE_MS;
    await settle(env);
    expect(a.library.get(URL_A)?.questions.q1?.position?.v).toBe(5);
    for (const d of [a, b]) {
      expectReadable(d.area.snapshot());
      expect(d.engine.status.corrupt).toBe(0);
      expect(d.engine.status.incomplete).toBe(0);
      expect(d.engine.status.localByBudget).toBe(0);
      for (const article of articles)
        expect(d.library.get(article.url)?.questions).toEqual(article.questions);
    }
  }, 120_000);

  it('an item from a newer Stance is left alone and reported as such, not as damage', async () => {
    const env = simulatedDevices(1);
    const [a] = env.devices as [Device];
    await a.area.set({ b0: '9a future format' });
    await a.engine.setEnabled(true);
    await a.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 3, at));
    env.time.now += INCOMPLETE_GRACE_MS;
    await settle(env);
    expect(a.area.snapshot().b0).toBe('9a future format');
    expect(a.engine.status.newerVersion).toBe(1);
    expect(a.engine.status.corrupt).toBe(0);
  });
});

describe('write ordering', () => {
  // Shrinking: a set() of the new head and parts, then a remove() of the stale ones. Growing: one set().
  const cases = [
    ...[1, 2].map((failAt) => ({ change: 'shrinks' as const, failAt })),
    { change: 'grows' as const, failAt: 1 },
  ];
  for (const { change, failAt } of cases)
    for (const how of ['refused', 'killed'] as const)
      it(`leaves the area readable and the write pending when the stream ${change} and storage call ${failAt} of a flush is ${how}`, async () => {
        const big = [heavyArticle(5), heavyArticle(6)];
        const extra = heavyArticle(16);
        const { env, a, b } = await twoDevicesWith([...big, typicalArticle(7)]);
        const before = Object.keys(a.area.snapshot()).length;
        expect(before).toBeGreaterThan(3);
        if (change === 'shrinks')
          // Deleting the large articles shrinks the stream: new head and parts, stale parts to remove.
          for (const article of big) await a.edit(article.url, (x, at) => setDeleted(x!, true, at));
        else await a.edit(extra.url, () => extra);
        env.time.now += 10_000;
        const area = a.area;
        const real = { set: area.set.bind(area), remove: area.remove.bind(area) };
        let calls = 0;
        let dead = false;
        const wrap =
          <T extends unknown[]>(call: (...args: T) => Promise<void>) =>
          async (...args: T) => {
            calls++;
            if (dead) throw new Error('worker gone');
            if (calls === failAt) {
              if (how === 'refused') throw new Error('Sync failed');
              await call(...args);
              dead = true;
              throw new Error('worker gone');
            }
            await call(...args);
          };
        area.set = wrap(real.set);
        area.remove = wrap(real.remove);
        await a.engine.flushNow();
        expect(calls).toBeGreaterThanOrEqual(failAt);
        expectReadable(area.snapshot());
        // What did not land is still queued, in storage.local.
        if (how === 'refused') {
          const outbox = a.saved.outbox!;
          expect(Object.keys(outbox.set).length + outbox.remove.length).toBeGreaterThan(0);
        }
        area.set = real.set;
        area.remove = real.remove;
        if (how === 'killed') {
          a.restart();
          await a.engine.setEnabled(true);
        }
        await settle(env);
        for (const d of [a, b]) {
          expectReadable(d.area.snapshot());
          for (const article of big)
            expect(d.library.get(article.url)?.deleted?.v === true).toBe(change === 'shrinks');
          expect(d.library.has(extra.url)).toBe(change === 'grows');
        }
        if (change === 'shrinks') expect(Object.keys(a.area.snapshot())).toEqual(['b0']);
        else expect(Object.keys(a.area.snapshot()).length).toBeGreaterThan(before);
        expect(a.area.snapshot()).toEqual(b.area.snapshot());
      }, 120_000);
  it('makes room for new items beside the ones they replace: an area full of an older layout moves over', async () => {
    // Items under an older layout's key (b1, as 8-bucket versions wrote) taking over half the quota:
    // the new b0 is set before they are removed, so it must first fit beside them.
    const heavy = [heavyArticle(11), heavyArticle(12), heavyArticle(13), heavyArticle(14), heavyArticle(15)];
    const old = planSync(heavy).items;
    const env = simulatedDevices(1);
    const [a] = env.devices as [Device];
    await a.area.set(Object.fromEntries(Object.entries(old).map(([k, v]) => [k.replace(/^b0/, 'b1'), v])));
    expect(await a.area.getBytesInUse()).toBeGreaterThan(55_000);
    const set = a.area.set.bind(a.area);
    const refusals: string[] = [];
    a.area.set = async (items) => {
      try {
        await set(items);
      } catch (error) {
        refusals.push(String(error));
        throw error;
      }
    };
    a.library.set(URL_A, withQuestion(undefined, '0mpufzeo00000dev0x'));
    await a.engine.setEnabled(true);
    await settle(env);
    expect(refusals).toEqual([]);
    expect(Object.keys(a.area.snapshot()).every((k) => k.startsWith('b0'))).toBe(true);
    expect(a.library.size).toBe(6);
    expect(a.engine.status.localByBudget).toBe(0);
    expectReadable(a.area.snapshot());
  }, 180_000);
});

describe('an article too large to sync', () => {
  it('is skipped with its reason, and every older article still syncs (140 KB note)', () => {
    const library = Array.from({ length: 31 }, (_, i) => typicalArticle(i));
    const big = library[0]!;
    // The most recent article, by far.
    big.note = { v: noise(140_000 / 3, 77), at: '0zzzzzzz00000dev0x' };
    const plan = planSync(library);
    expect(plan.tooLarge).toEqual([big.url]);
    expect(plan.localByBudget).toEqual([]);
    const assembled = assembleItems('b0', (k) => plan.items[k]);
    const entries = assembled.ok ? unpackItem(assembled.payload) : null;
    expect(entries?.ok && entries.entries.length).toBe(30);
  }, 60_000);

  it('is skipped when its address is 150 KB, and the rest syncs', () => {
    const library = Array.from({ length: 31 }, (_, i) => typicalArticle(i));
    library[0]!.url = `https://example.fr/${'x'.repeat(150_000)}`;
    library[0]!.meta = { ...library[0]!.meta, at: '0zzzzzzz00000dev0x' };
    const plan = planSync(library);
    expect(plan.localByBudget.length + plan.tooLarge.length).toBe(1);
    const assembled = assembleItems('b0', (k) => plan.items[k]);
    const entries = assembled.ok ? unpackItem(assembled.payload) : null;
    expect(entries?.ok && entries.entries.length).toBe(30);
  }, 60_000);

  it('is counted in the status with its reason', async () => {
    const env = simulatedDevices(1);
    const [a] = env.devices as [Device];
    const big = typicalArticle(8);
    big.note = { v: noise(40_000, 5), at: '0zzzzzzz00000dev0x' };
    a.library.set(big.url, big);
    a.library.set(typicalArticle(9).url, typicalArticle(9));
    await a.engine.setEnabled(true);
    await settle(env);
    expect(a.engine.status.localTooLarge).toBe(1);
    expect(a.engine.status.tooLargeTitles).toEqual([big.meta.v.title]);
    expect(a.engine.status.localByBudget).toBe(0);
  });
});

describe('silent stalls', () => {
  it('says so when other items leave no room for any article', async () => {
    const env = simulatedDevices(1);
    const [a] = env.devices as [Device];
    await a.area.set(Object.fromEntries(Array.from({ length: 512 }, (_, i) => [`other${i}`, i])));
    await a.engine.setEnabled(true);
    await a.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 3, at));
    env.time.now += 10_000;
    await a.engine.flushNow();
    expect(a.engine.status.localByBudget).toBe(1);
    expect(a.engine.status.otherItems).toBe(512);
    expect(a.engine.status.pending).toBe(false);
  });

  it('says so when storage.local is full, and merges once there is room again', async () => {
    const env = simulatedDevices(2);
    const [a, b] = env.devices as [Device, Device];
    await a.engine.setEnabled(true);
    await b.engine.setEnabled(true);
    await settle(env);
    const set = b.library.set.bind(b.library);
    b.library.set = (): never => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    await a.edit(URL_A, (x, at) => setPosition(withQuestion(x, at), 'q1', 1, at));
    env.time.now += 10_000;
    await a.engine.flushNow();
    await env.network.deliverAll();
    await b.engine.idle();
    expect(b.engine.status.localWriteError).toBe('full');
    expect(b.library.has(URL_A)).toBe(false);
    b.library.set = set;
    await settle(env);
    expect(b.library.get(URL_A)?.questions.q1?.position?.v).toBe(1);
    expect(b.engine.status.localWriteError).toBeNull();
  });
});

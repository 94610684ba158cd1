import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase85, encodeBase85 } from '@/utils/sync/base85';
import { packArticle, packEntries, tombstoneOf, unpackItem } from '@/utils/sync/codec';
import { canonicalJson } from '@/utils/sync/engine';
import { itemBytes } from '@/utils/sync/limits';
import { typicalArticle } from '../../support/sync-fixtures';

describe('base85', () => {
  it('round-trips any bytes with JSON-safe characters only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = encodeBase85(bytes);
        expect(text).not.toMatch(/["\\<>&'`%=\s]/);
        expect(decodeBase85(text)).toEqual(bytes);
      }),
    );
  });

  it('rejects text outside its alphabet', () => {
    expect(decodeBase85('ab"cd')).toBeNull();
    expect(decodeBase85('a')).toBeNull();
  });
});

function articleOf(decoded: ReturnType<typeof unpackItem>) {
  if (!decoded.ok || decoded.entries[0]?.kind !== 'article') throw new Error('not an article');
  return decoded.entries[0].article;
}

describe('codec', () => {
  it('round-trips typical articles exactly', () => {
    for (let i = 0; i < 40; i++) {
      const article = typicalArticle(i);
      const decoded = unpackItem(packArticle(article));
      expect(decoded.ok && canonicalJson(articleOf(decoded))).toBe(canonicalJson(article));
    }
  });

  it('round-trips odd records: raw stamps, own ids, anchors, reasons, alternatives', () => {
    const article = typicalArticle(3);
    const [id] = Object.keys(article.questions);
    const q = article.questions[id!]!;
    const changeAt = Object.keys(q.history)[0]!;
    article.questions['own-7'] = {
      q: {
        v: {
          kind: 'own',
          label: 'Ma question',
          text: 'Et si « non » ?',
          form: { type: 'alternatives', poles: ['A', 'B'] },
          order: 9,
          anchor: 'passage',
        },
        at: 'not-a-stamp',
      },
      position: { v: 'undecided', at: '' },
      shared: { v: true, at: changeAt },
      removed: { v: false, at: changeAt },
      history: { [changeAt]: { from: null, to: 'undecided', reason: { v: 'Parce que <b>', at: changeAt } } },
    };
    article.localOnly = { v: false, at: changeAt };
    const decoded = unpackItem(packArticle(article));
    expect(decoded.ok && canonicalJson(articleOf(decoded))).toBe(canonicalJson(article));
  });

  it('packs a typical article in about a third of its JSON size', () => {
    const article = typicalArticle(5);
    const packed = itemBytes('a12345678', packArticle(article));
    expect(packed).toBeLessThan(itemBytes(`article:${article.url}`, article) / 2.5);
  });

  it('packs a tombstone without content and a local-only marker without URL', () => {
    const article = { ...typicalArticle(2), deleted: { v: true, at: '0mpufzeo00000dev0x' } };
    const marker = {
      kind: 'localOnly' as const,
      key: 'k3v9qa12',
      localOnly: { v: true, at: '0mpufzeo00000dev0x' },
    };
    const packed = packEntries([{ kind: 'article', article: tombstoneOf(article) }, marker]);
    const decoded = unpackItem(packed);
    expect(decoded.ok && decoded.entries).toEqual([
      { kind: 'article', article: tombstoneOf(article) },
      marker,
    ]);
    expect(tombstoneOf(article).questions).toEqual({});
  });

  it('packs articles together in less room than one by one', () => {
    const articles = Array.from({ length: 16 }, (_, i) => typicalArticle(i));
    const alone = articles.reduce((sum, a) => sum + packArticle(a).length, 0);
    const together = packEntries(articles.map((article) => ({ kind: 'article', article }))).length;
    expect(together).toBeLessThan(alone / 1.2);
  });

  it('reports an unknown format or a corrupt item instead of throwing', () => {
    const packed = packArticle(typicalArticle(1));
    expect(unpackItem(`9${packed.slice(1)}`)).toEqual({ ok: false, reason: 'unknown-format' });
    expect(unpackItem(packed.slice(0, 40))).toEqual({ ok: false, reason: 'corrupt' });
    expect(unpackItem(`${packed.slice(0, 30)}zz${packed.slice(32)}`).ok).toBe(false);
    expect(unpackItem(42)).toEqual({ ok: false, reason: 'corrupt' });
    expect(unpackItem('Lnot-a-stamp')).toEqual({ ok: false, reason: 'unknown-format' });
    fc.assert(fc.property(fc.string(), (junk) => void unpackItem(`1${junk}`)));
  });
});

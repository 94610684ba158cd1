// storage.sync is outside data too: an entry whose URL is not an article address (http(s), not
// too long) is skipped when decoded, and never planned, so two devices do not rewrite each other.
import { describe, expect, it } from 'vitest';
import { planSync } from '@/utils/sync/budget';
import { assembleItems, isBucketKey } from '@/utils/sync/chunks';
import { packEntries, unpackItem } from '@/utils/sync/format';
import { typicalArticle } from '../../support/sync-fixtures';

const BAD_URLS = [
  'javascript:alert(document.domain)//',
  'constructor',
  'file:///home/reader/saved.html',
  `https://example.org/${'x'.repeat(5_000)}`,
];

describe('article addresses in storage.sync', () => {
  it.each(BAD_URLS.map((u) => [u.slice(0, 40), u]))(
    'skips an entry whose URL is %s when decoding',
    (_, url) => {
      const good = typicalArticle(1);
      const payload = packEntries([
        { kind: 'article', article: { ...typicalArticle(2), url } },
        { kind: 'article', article: good },
      ]);
      const decoded = unpackItem(payload);
      expect(decoded.ok).toBe(true);
      if (decoded.ok)
        expect(decoded.entries.map((e) => e.kind === 'article' && e.article.url)).toEqual([good.url]);
    },
  );

  it.each(BAD_URLS.map((u) => [u.slice(0, 40), u]))('never plans an article whose URL is %s', (_, url) => {
    const good = [typicalArticle(1), typicalArticle(3)];
    const withBad = planSync([...good, { ...typicalArticle(2), url }]);
    expect(withBad.items).toEqual(planSync(good).items);
    expect(withBad.localByBudget).toEqual([url]);
    const heads = Object.keys(withBad.items).filter((k) => isBucketKey(k));
    for (const head of heads) {
      const assembled = assembleItems(head, (k) => withBad.items[k]);
      if (!assembled.ok) continue;
      const decoded = unpackItem(assembled.payload);
      if (decoded.ok)
        for (const e of decoded.entries) if (e.kind === 'article') expect(e.article.url).not.toBe(url);
    }
  });
});

// Merge laws for utils/positions/merge.ts, which sync relies on: whatever order and however often
// replicas meet, they agree. Same stamp means same write, so values are drawn per stamp.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeStamp } from '@/utils/positions/clock';
import { mergeArticle } from '@/utils/positions/merge';
import type { ArticleRecord, Position, QuestionRecord } from '@/utils/positions/model';
import { canonicalJson } from '@/utils/sync/engine';

const STAMPS = Array.from({ length: 6 }, (_, i) => encodeStamp(1_700_000_000_000 + (i % 3), i, `d${i % 2}`));
const POSITIONS: (Position | null)[] = [1, 2, 3, 4, 5, 'undecided', null];
const stampIndex = fc.integer({ min: 0, max: STAMPS.length - 1 });
/** A register written at stamp i always holds the value derived from i (one write, one value). */
const reg = <T>(value: (i: number) => T) =>
  fc.option(
    stampIndex.map((i) => ({ v: value(i), at: STAMPS[i]! })),
    { nil: undefined },
  );

const question: fc.Arbitrary<QuestionRecord> = fc
  .record({
    q: stampIndex.map((i) => ({
      v: { kind: 'own' as const, label: '', text: `T${i}`, form: { type: 'yes-no' as const }, order: i },
      at: STAMPS[i]!,
    })),
    position: reg((i) => POSITIONS[i % POSITIONS.length]!),
    note: reg((i) => `note ${i}`),
    shared: reg((i) => i % 2 === 0),
    removed: reg((i) => i % 3 === 0),
    history: fc
      .uniqueArray(stampIndex)
      .map((list) =>
        Object.fromEntries(
          list.map((i) => [STAMPS[i]!, { from: POSITIONS[i % 7]!, to: POSITIONS[(i + 1) % 7]! }]),
        ),
      ),
  })
  .map((r) => JSON.parse(JSON.stringify(r)) as QuestionRecord);

const article: fc.Arbitrary<ArticleRecord> = fc
  .record({
    url: fc.constant('https://exemple.fr/a'),
    meta: stampIndex.map((i) => ({
      v: { title: `t${i}`, siteName: 's', lang: 'fr', readingMinutes: i },
      at: STAMPS[i]!,
    })),
    note: reg((i) => `n${i}`),
    localOnly: reg((i) => i % 2 === 1),
    deleted: reg((i) => i % 2 === 0),
    questions: fc.dictionary(fc.constantFrom('q1', 'q2', 'q3'), question),
  })
  .map((r) => JSON.parse(JSON.stringify(r)) as ArticleRecord);

const same = (a: ArticleRecord, b: ArticleRecord) => expect(canonicalJson(a)).toBe(canonicalJson(b));

describe('mergeArticle laws', () => {
  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(article, article, article, (a, b, c) => {
        same(mergeArticle(a, b), mergeArticle(b, a));
        same(mergeArticle(mergeArticle(a, b), c), mergeArticle(a, mergeArticle(b, c)));
        same(mergeArticle(a, a), a);
        same(mergeArticle(mergeArticle(a, b), b), mergeArticle(a, b));
      }),
      { numRuns: 2000 },
    );
  }, 120_000);
});

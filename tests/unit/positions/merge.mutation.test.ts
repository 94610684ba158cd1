// The merge at its edges, written against mutants Stryker left alive (npm run mutate): an equal
// stamp converges on one value, a reason merged into an entry keeps it whole, and a merge that
// learns nothing returns the record itself; the v1 migration in the page's order.
import { describe, expect, test } from 'vitest';
import { mergeArticle, mergeQuestion, mergeRegister } from '@/utils/positions/merge';
import { type ArticleRecordV1, migrateArticleV1 } from '@/utils/positions/migrations';
import type { QuestionRecord } from '@/utils/positions/model';
import { emptyArticle } from './fixtures';

const A = '0000000010000dev';
const B = '0000000020000dev';

describe('mergeRegister', () => {
  test('the later stamp wins, whichever side it is on; the same object is returned', () => {
    const older = { v: 'old', at: A };
    const newer = { v: 'new', at: B };
    expect(mergeRegister(older, newer)).toBe(newer);
    expect(mergeRegister(newer, older)).toBe(newer);
    expect(mergeRegister(undefined, older)).toBe(older);
    expect(mergeRegister(older, undefined)).toBe(older);
    expect(mergeRegister(undefined, undefined)).toBeUndefined();
  });

  test('an equal stamp with different values converges on the same value from both sides', () => {
    const x = { v: 'x', at: A };
    const y = { v: 'y', at: A };
    expect(mergeRegister(x, y)).toBe(y);
    expect(mergeRegister(y, x)).toBe(y);
    const copy = { v: 'x', at: A };
    expect(mergeRegister(x, copy)).toBe(x);
  });
});

describe('mergeQuestion', () => {
  const q = (extra: Partial<QuestionRecord> = {}): QuestionRecord => ({
    q: { v: { kind: 'debate', label: '', text: 'Q?', form: { type: 'yes-no' }, order: 0 }, at: A },
    history: { [A]: { from: null, to: 2 } },
    ...extra,
  });

  test('a reason from the other side joins the entry, from and to kept', () => {
    const mine = q();
    const theirs = q({ history: { [A]: { from: null, to: 2, reason: { v: 'why', at: B } } } });
    expect(mergeQuestion(mine, theirs).history[A]).toEqual({
      from: null,
      to: 2,
      reason: { v: 'why', at: B },
    });
    expect(mergeQuestion(theirs, mine).history[A]).toBe(theirs.history[A]);
  });

  test('nothing new from the other side: the record itself', () => {
    const mine = q({ position: { v: 3, at: B }, note: { v: 'n', at: B } });
    expect(mergeQuestion(mine, q())).toBe(mine);
    expect(mergeQuestion(mine, structuredClone(mine))).toBe(mine);
    const more = mergeQuestion(q(), mine);
    expect(more).not.toBe(mine);
    expect(more).toEqual(mine);
  });

  test('an article that learns nothing is returned itself; one field more is a new record', () => {
    const a = emptyArticle(A);
    expect(mergeArticle(a, structuredClone(a))).toBe(a);
    const noted = { ...a, note: { v: 'n', at: B } };
    expect(mergeArticle(a, noted)).toEqual(noted);
    expect(mergeArticle(noted, a)).toBe(noted);
  });
});

describe('migrateArticleV1', () => {
  test('stamps every value, keeps the page order, starts each position its history', () => {
    const v1 = {
      url: 'https://example.org/a',
      title: 'T',
      note: 'article note',
      questions: {
        first: { kind: 'debate', label: 'L', text: 'One?', form: { type: 'yes-no' }, position: 4 },
        second: { kind: 'debate', label: '', text: 'Two?', form: { type: 'yes-no' }, note: 'mine' },
        third: { kind: 'raised', label: '', text: 'Three?', form: { type: 'yes-no' }, position: null },
      },
    } as unknown as ArticleRecordV1;
    const article = migrateArticleV1(v1, B);
    expect(Object.entries(article.questions).map(([id, r]) => [id, r.q.v.order])).toEqual([
      ['first', 0],
      ['second', 1],
      ['third', 2],
    ]);
    expect(article.questions.first).toMatchObject({
      position: { v: 4, at: B },
      history: { [B]: { from: null, to: 4 } },
    });
    expect(article.questions.second).toEqual({
      q: { v: { kind: 'debate', label: '', text: 'Two?', form: { type: 'yes-no' }, order: 1 }, at: B },
      history: {},
      note: { v: 'mine', at: B },
    });
    expect('position' in article.questions.third!).toBe(false);
    expect(article.meta).toEqual({ v: { title: 'T', siteName: '', lang: '', readingMinutes: 0 }, at: B });
    expect(article.note).toEqual({ v: 'article note', at: B });
    expect('note' in migrateArticleV1({ ...v1, note: '' }, B)).toBe(false);
  });
});

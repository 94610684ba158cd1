// The model's derived readings at their edges, written against mutants Stryker left alive (npm run
// mutate): which stamp is the reader's last activity, which is the newest of all, when a question
// counts as answered, and where each change of position settled.
import { describe, expect, test } from 'vitest';
import { encodeStamp } from '@/utils/positions/clock';
import {
  type ArticleRecord,
  isAnswered,
  lastActivity,
  newestStamp,
  POSITION_STEPS,
  type QuestionRecord,
  settledHistory,
} from '@/utils/positions/model';

const at = (s: number) => encodeStamp(1_700_000_000_000 + s * 1000, 0, 'laptop');

function question(
  extra: Partial<QuestionRecord> = {},
  form: QuestionRecord['q']['v']['form'] = { type: 'yes-no' },
) {
  return {
    q: { v: { kind: 'debate', label: '', text: 'Q?', form, order: 0 }, at: at(1) },
    history: {},
    ...extra,
  } as QuestionRecord;
}

function article(
  questions: Record<string, QuestionRecord>,
  extra: Partial<ArticleRecord> = {},
): ArticleRecord {
  return {
    url: 'https://example.org/a',
    meta: { v: { title: 'T', siteName: 'S', lang: 'en', readingMinutes: 1 }, at: at(10) },
    questions,
    ...extra,
  };
}

describe('lastActivity and newestStamp', () => {
  test('an older stamp never replaces a newer one', () => {
    expect(lastActivity(article({}, { note: { v: 'n', at: at(5) } }))).toBe(at(10));
    expect(lastActivity(article({ q: question({ position: { v: 2, at: at(3) } }) }))).toBe(at(10));
  });

  test.each([
    ['the article note', article({}, { note: { v: 'n', at: at(20) } })],
    ['this device only', article({}, { localOnly: { v: true, at: at(20) } })],
    ['deleted', article({}, { deleted: { v: true, at: at(20) } })],
    ['a position', article({ q: question({ position: { v: 2, at: at(20) } }) })],
    ['a note', article({ q: question({ note: { v: 'n', at: at(20) } }) })],
    ['sharing', article({ q: question({ shared: { v: true, at: at(20) } }) })],
    ['removal', article({ q: question({ removed: { v: true, at: at(20) } }) })],
    ['a change', article({ q: question({ history: { [at(20)]: { from: null, to: 2 } } }) })],
    [
      'a reason',
      article({
        q: question({ history: { [at(2)]: { from: null, to: 2, reason: { v: 'r', at: at(20) } } } }),
      }),
    ],
  ])('%s counts as activity', (_, record) => {
    expect(lastActivity(record)).toBe(at(20));
  });

  test("a question's rewording is not the reader's activity, but it is the newest stamp", () => {
    const reworded = question();
    reworded.q.at = at(30);
    expect(lastActivity(article({ q: reworded }))).toBe(at(10));
    expect(newestStamp(article({ q: reworded }))).toBe(at(30));
    expect(newestStamp(article({ q: question() }))).toBe(at(10));
  });
});

describe('isAnswered', () => {
  test.each([
    ['no position', question(), false],
    ['a position', question({ position: { v: 4, at: at(2) } }), true],
    ['undecided', question({ position: { v: 'undecided', at: at(2) } }), true],
    ['a cleared position', question({ position: { v: null, at: at(2) } }), false],
    [
      'removed, with a position',
      question({ position: { v: 4, at: at(2) }, removed: { v: true, at: at(3) } }),
      false,
    ],
    ['put back', question({ position: { v: 4, at: at(2) }, removed: { v: false, at: at(3) } }), true],
    ['open, with words', question({ note: { v: ' yes ', at: at(2) } }, { type: 'open' }), true],
    ['open, blank words', question({ note: { v: '  ', at: at(2) } }, { type: 'open' }), false],
    ['open, no note, a position', question({ position: { v: 4, at: at(2) } }, { type: 'open' }), false],
  ])('%s: %s', (_, q, answered) => {
    expect(isAnswered(q)).toBe(answered);
  });
});

describe('settledHistory', () => {
  test('oldest first whatever the insertion order; each change ends where the next began', () => {
    const q = question({
      position: { v: 5, at: at(9) },
      history: {
        [at(9)]: { from: 3, to: 4 },
        [at(2)]: { from: null, to: 2, reason: { v: 'first', at: at(3) } },
        [at(5)]: { from: 2, to: 3 },
      },
    });
    expect(settledHistory(q)).toEqual([
      { at: at(2), from: null, to: 2, reason: 'first' },
      { at: at(5), from: 2, to: 3, reason: '' },
      { at: at(9), from: 3, to: 5, reason: '' },
    ]);
  });

  test('a change taken back is left out; with no position the last entry ends where it went', () => {
    const q = question({
      position: { v: 2, at: at(9) },
      history: { [at(2)]: { from: null, to: 2 }, [at(5)]: { from: 2, to: 4 } },
    });
    expect(settledHistory(q).map((c) => c.at)).toEqual([at(2)]);
    expect(settledHistory(question({ history: { [at(2)]: { from: null, to: 3 } } }))).toEqual([
      { at: at(2), from: null, to: 3, reason: '' },
    ]);
  });

  test('the five steps', () => {
    expect(POSITION_STEPS).toEqual([1, 2, 3, 4, 5]);
  });
});

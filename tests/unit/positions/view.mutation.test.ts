// The panel's derived views at their edges, written against mutants Stryker left alive (npm run
// mutate): sections for every kind, unworded questions held back, relative times at each unit's
// bound, My debates' order, summary and search.
import { describe, expect, test } from 'vitest';
import type { ExtractedQuestion, Extraction } from '@/utils/extract/types';
import { ensureQuestion, setPosition, setQuestionNote, snapshotOf } from '@/utils/positions/actions';
import { encodeStamp } from '@/utils/positions/clock';
import type { ArticleRecord } from '@/utils/positions/model';
import {
  answeredCount,
  type LibrarySummary,
  libraryEntries,
  panelSections,
  relativeTime,
  searchLibrary,
  summarizeArticle,
  visibleQuestions,
} from '@/utils/positions/view';
import { emptyArticle, MONOPOLY } from './fixtures';

const at = (s: number) => encodeStamp(1_700_000_000_000 + s * 1000, 0, 'laptop');
const q = (id: string, kind: ExtractedQuestion['kind']): ExtractedQuestion => ({
  ...MONOPOLY,
  id,
  kind,
  text: `${id}?`,
});

function extraction(questions: ExtractedQuestion[]): Extraction {
  return { questions } as unknown as Extraction;
}

describe('panelSections', () => {
  test('each kind of page question goes to its own section, in page order', () => {
    const page = extraction([q('d', 'debate'), q('c', 'claim'), q('r', 'raised'), q('d2', 'debate')]);
    expect(panelSections(page, null).map((s) => [s.name, s.questions.map((x) => x.id)])).toEqual([
      ['debate', ['d', 'd2']],
      ['claims', ['c']],
      ['raised', ['r']],
    ]);
  });

  test('saved questions: own, a passage, one the page dropped, one with no wording yet', () => {
    let record: ArticleRecord = emptyArticle(at(0));
    record = ensureQuestion(record, { ...snapshotOf(q('mine', 'debate'), 5), kind: 'own' }, 'mine', at(1));
    record = ensureQuestion(
      record,
      { ...snapshotOf(q('passage', 'claim'), 4), anchor: 'quoted' },
      'passage',
      at(1),
    );
    record = ensureQuestion(record, snapshotOf(q('dropped', 'raised'), 2), 'dropped', at(1));
    record = ensureQuestion(record, { ...snapshotOf(q('compact', 'debate'), 1), text: '' }, 'compact', at(1));
    record = ensureQuestion(
      record,
      { ...snapshotOf(q('own-blank', 'debate'), 6), kind: 'own', text: '' },
      'own-blank',
      at(1),
    );
    const page = extraction([q('d', 'debate')]);
    expect(
      panelSections(page, record).map((s) => [s.name, s.questions.map((x) => [x.id, x.onPage])]),
    ).toEqual([
      ['debate', [['d', true]]],
      ['claims', [['passage', true]]],
      [
        'own',
        [
          ['mine', true],
          ['own-blank', true],
        ],
      ],
      ['gone', [['dropped', false]]],
    ]);
    // Before the page is read, nothing is gone: a saved page question shows in its own section.
    expect(
      panelSections(null, record)
        .find((s) => s.name === 'raised')
        ?.questions.map((x) => x.id),
    ).toEqual(['dropped']);
  });

  test("a page question shows the record saved under its id, and the page's order", () => {
    let record = ensureQuestion(emptyArticle(at(0)), snapshotOf(q('b', 'debate'), 0), 'b', at(1));
    record = setPosition(record, 'b', 4, at(2));
    const [section] = panelSections(extraction([q('a', 'debate'), q('b', 'debate')]), record);
    expect(section?.questions.map((x) => [x.id, x.snapshot.order, x.record?.position?.v])).toEqual([
      ['a', 0, undefined],
      ['b', 1, 4],
    ]);
  });

  test('saved questions follow their stored order, also after the order changes', () => {
    let record: ArticleRecord = emptyArticle(at(0));
    for (const [id, order] of [
      ['x', 3],
      ['y', 1],
      ['z', 2],
    ] as const)
      record = ensureQuestion(record, { ...snapshotOf(q(id, 'debate'), order), kind: 'own' }, id, at(1));
    const ids = (r: ArticleRecord) => panelSections(null, r)[0]!.questions.map((x) => x.id);
    expect(ids(record)).toEqual(['y', 'z', 'x']);
    const reordered = ensureQuestion(record, { ...record.questions.x!.q.v, order: 0 }, 'x', at(2));
    expect(ids(reordered)).toEqual(['x', 'y', 'z']);
    const copy: ArticleRecord = { ...reordered, questions: { ...reordered.questions } };
    expect(ids(copy)).toEqual(['x', 'y', 'z']);
  });
});

describe('answeredCount and passages', () => {
  test('raised questions are not counted, answered or not; a passage with no text still shows', () => {
    let record: ArticleRecord = emptyArticle(at(0));
    record = ensureQuestion(record, snapshotOf(q('r', 'raised'), 0), 'r', at(1));
    record = setPosition(record, 'r', 2, at(2));
    record = ensureQuestion(record, snapshotOf(q('d', 'debate'), 1), 'd', at(1));
    record = ensureQuestion(
      record,
      { ...snapshotOf(q('p', 'claim'), 2), text: '', anchor: 'quoted' },
      'p',
      at(1),
    );
    const sections = panelSections(extraction([q('r', 'raised'), q('d', 'debate')]), record);
    expect(answeredCount(sections)).toEqual({ answered: 0, total: 2 });
    expect(sections.find((s) => s.name === 'claims')?.questions.map((x) => x.id)).toEqual(['p']);
  });
});

describe('visibleQuestions', () => {
  test('the first `limit`, then only the touched ones; all when within the limit', () => {
    const list = ['a', 'b', 'c', 'd'].map((id, i) => ({
      id,
      snapshot: snapshotOf(q(id, 'raised'), i),
      onPage: true,
      ...(id === 'd' ? { record: { q: { v: snapshotOf(q(id, 'raised'), i), at: at(1) }, history: {} } } : {}),
    }));
    expect(visibleQuestions(list, 2).map((x) => x.id)).toEqual(['a', 'b', 'd']);
    expect(visibleQuestions(list, 4)).toBe(list);
    expect(visibleQuestions(list, 5)).toBe(list);
  });
});

describe('relativeTime', () => {
  const now = 1_800_000_000_000;
  test.each([
    [0, 'now'],
    [59, 'now'],
    [60, '1 minute ago'],
    [3600, '1 hour ago'],
    [86_400, 'yesterday'],
    [604_800, 'last week'],
    [2_592_000, 'last month'],
    [31_536_000, 'last year'],
    [2 * 31_536_000, '2 years ago'],
  ])('%s s ago: %s', (secondsAgo, text) => {
    expect(relativeTime(now - secondsAgo * 1000, now, 'en')).toBe(text);
  });

  test('in the future too', () => {
    expect(relativeTime(now + 3600_000, now, 'en')).toBe('in 1 hour');
  });
});

describe('My debates', () => {
  const summary = (
    url: string,
    lastActivity: string,
    extra: Partial<LibrarySummary> = {},
  ): LibrarySummary => ({
    url,
    title: url,
    siteName: '',
    lastActivity,
    answered: 0,
    deleted: false,
    searchText: url,
    ...extra,
  });

  test('most recent first, ties kept in place, deleted left out', () => {
    const list = [
      summary('a', at(1)),
      summary('b', at(3)),
      summary('c', at(3)),
      summary('d', at(2), { deleted: true }),
    ];
    expect(libraryEntries(list).map((s) => s.url)).toEqual(['b', 'c', 'a']);
  });

  test("a summary's search text: title, site and every note, folded, spaces collapsed, capped", () => {
    let article = ensureQuestion(emptyArticle(at(0)), snapshotOf(MONOPOLY, 0), 'q', at(1));
    article = setQuestionNote(article, 'q', 'Très\n\n  RÉGULÉ', at(2));
    article = { ...article, note: { v: 'Mon  Avis', at: at(3) } };
    expect(summarizeArticle(article).searchText).toBe(
      'le coup de maître orbite mon avis tres regule'.normalize('NFD').replace(/\p{M}/gu, ''),
    );
    const long = setQuestionNote(article, 'q', 'x'.repeat(5000), at(4));
    expect(summarizeArticle(long).searchText).toHaveLength(2000);
  });

  test('a summary without notes holds only title and site; answered counts answered questions only', () => {
    let article = ensureQuestion(emptyArticle(at(0)), snapshotOf(MONOPOLY, 0), 'q', at(1));
    article = ensureQuestion(article, snapshotOf({ ...MONOPOLY, id: 'r' }, 1), 'r', at(1));
    article = setPosition(article, 'q', 3, at(2));
    const summary = summarizeArticle(article);
    expect(summary.searchText.trim()).toBe('le coup de maitre orbite');
    expect(summary.answered).toBe(1);
  });

  test('search: every term must match, whitespace of any kind separates terms, blank finds all', () => {
    const list = [
      summary('a', at(1), { searchText: 'spacex ipo mars' }),
      summary('b', at(1), { searchText: 'spacex moon' }),
    ];
    expect(searchLibrary(list, 'SpaceX  mars').map((s) => s.url)).toEqual(['a']);
    expect(searchLibrary(list, 'spacex\tmoon').map((s) => s.url)).toEqual(['b']);
    expect(searchLibrary(list, ' spacex ').map((s) => s.url)).toEqual(['a', 'b']);
    expect(searchLibrary(list, '   ')).toBe(list);
    expect(searchLibrary(list, 'venus')).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import {
  aggregateGroup,
  agreementOf,
  emptyDistribution,
  type QuestionAggregate,
  sortQuestions,
} from '@/utils/share/aggregate';
import type { Group, PositionsFile } from '@/utils/share/format';
import { addMember, newGroup } from '@/utils/share/groups';
import { parseImport } from '@/utils/share/import';
import { memberFile, readerArticle, URL_A } from './fixtures';

async function groupOf(files: PositionsFile[]): Promise<Group> {
  let group = newGroup('g1', 'Class', 0);
  for (const f of files) {
    const parsed = await parseImport(JSON.stringify(f), { articleUrl: URL_A });
    if (!parsed.ok) throw new Error(parsed.rejection.reason);
    const added = addMember(group, parsed.value, 'ask', 1);
    if (!added.ok) throw new Error(added.rejection.reason);
    group = added.value;
  }
  return group;
}

describe('agreement', () => {
  it('is 1 when all agree, 0 when split between the poles, null under two answers', () => {
    expect(agreementOf({ ...emptyDistribution(), 4: 3 })).toBe(1);
    expect(agreementOf({ ...emptyDistribution(), 1: 2, 5: 2 })).toBe(0);
    expect(agreementOf({ ...emptyDistribution(), 5: 1, undecided: 4 })).toBeNull();
    // 1,2,3,4,5 once each: variance 2 → 0.5
    expect(agreementOf({ ...emptyDistribution(), 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 })).toBeCloseTo(0.5);
    // 4 and 5: variance 0.25 → 0.9375
    expect(agreementOf({ ...emptyDistribution(), 4: 1, 5: 1 })).toBeCloseTo(0.9375);
  });
});

describe('aggregateGroup', () => {
  let group: Group;
  beforeAll(async () => {
    group = await groupOf([
      memberFile('a', 'Ada', [5, 1, 1], ['Yes!', undefined, 'Mars']),
      memberFile('b', 'Bob', [5, 5, 'undecided']),
      memberFile('c', null, [4, 3, null], [undefined, 'Hmm']),
    ]);
  });

  it('counts, distributes, and places the reader', () => {
    const agg = aggregateGroup(group, readerArticle({ q1: 1 }));
    expect(agg.memberCount).toBe(3);
    const [q1, q2, q3] = agg.questions;
    expect(q1).toMatchObject({ id: 'q1', members: 3, answered: 3, readerPosition: 1, readerAnswered: true });
    expect(q1?.distribution).toEqual({ 1: 0, 2: 0, 3: 0, 4: 1, 5: 2, undecided: 0 });
    expect(q1?.agreement).toBeCloseTo(1 - 2 / 9 / 4);
    expect(q2?.distribution).toEqual({ 1: 1, 2: 0, 3: 1, 4: 0, 5: 1, undecided: 0 });
    expect(q2?.readerAnswered).toBe(false);
    expect(q3).toMatchObject({ answered: 2, agreement: null });
    expect(q3?.distribution.undecided).toBe(1);
  });

  it('groups shared notes by position', () => {
    const agg = aggregateGroup(group, null);
    expect(agg.questions[0]?.notesByPosition).toEqual([
      { position: 5, notes: [{ author: 'Ada', text: 'Yes!' }] },
    ]);
    expect(agg.questions[1]?.notesByPosition).toEqual([
      { position: 3, notes: [{ author: null, text: 'Hmm' }] },
    ]);
  });

  it('sorts by division (most divided first), by consensus, or page order', () => {
    const agg = aggregateGroup(group, null);
    expect(sortQuestions(agg.questions, 'division').map((q) => q.id)).toEqual(['q2', 'q1', 'q3']);
    expect(sortQuestions(agg.questions, 'consensus').map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    expect(sortQuestions(agg.questions, 'page').map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
  });

  it('marks questions only some members have, and the reader’s questions no member has', async () => {
    const partialFile = memberFile('d', 'Dee', [1, 1, 1]);
    partialFile.articles[0]!.questions.push({
      ...partialFile.articles[0]!.questions[0]!,
      id: 'q9',
      text: 'Extra?',
    });
    const g = await groupOf([memberFile('a', 'Ada', [5, 1, 1]), partialFile]);
    const reader = readerArticle({ q1: 5 });
    reader.questions.own1 = {
      ...reader.questions.q1!,
      q: { ...reader.questions.q1!.q, v: { ...reader.questions.q1!.q.v, kind: 'own' } },
    };
    const agg = aggregateGroup(g, reader);
    expect(agg.questions.find((q) => q.id === 'q9')).toMatchObject({ members: 1, partial: true });
    expect(agg.questions.find((q) => q.id === 'q1')).toMatchObject({ members: 2, partial: false });
    expect(agg.questions.find((q) => q.id === 'own1')).toMatchObject({ members: 0, partial: true });
  });
});

describe('sortQuestions on ties and questions without a measure', () => {
  const q = (id: string, order: number, agreement: number | null): QuestionAggregate => ({
    id,
    question: { kind: 'debate', label: '', text: id, form: { type: 'yes-no' }, order },
    members: 3,
    answered: 3,
    distribution: emptyDistribution(),
    agreement,
    readerPosition: null,
    readerAnswered: false,
    partial: false,
    notesByPosition: [],
  });
  // Given out of page order, with two ties and two questions no measure could be taken on.
  const list = [
    q('e', 4, null),
    q('d', 3, 0.5),
    q('b', 1, 0.9),
    q('c', 2, 0.5),
    q('f', 5, 0.2),
    q('a', 0, null),
  ];

  it('puts the most divided first, ties and unmeasured in page order, unmeasured last', () => {
    expect(sortQuestions(list, 'division').map((x) => x.id)).toEqual(['f', 'c', 'd', 'b', 'a', 'e']);
    expect(sortQuestions(list, 'consensus').map((x) => x.id)).toEqual(['b', 'c', 'd', 'f', 'a', 'e']);
    expect(sortQuestions(list, 'page').map((x) => x.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('leaves the list it was given as it was', () => {
    const before = list.map((x) => x.id);
    sortQuestions(list, 'division');
    sortQuestions(list, 'page');
    expect(list.map((x) => x.id)).toEqual(before);
  });
});

// The opinion map's mathematics on planted data: camps drawn at known positions with noise are
// recovered, uniform noise shows no camps, small inputs get a plain verdict, and nothing is invented.
import { describe, expect, it } from 'vitest';
import type { Position } from '@/utils/positions/model';
import type { Group } from '@/utils/share/format';
import { mapOpinions, openAnswersByGroup } from '@/utils/share/opinion';
import { minGroupSize } from '@/utils/share/opinion/cluster';
import { fisherGreater } from '@/utils/share/opinion/fisher';
import { buildOpinionMatrix } from '@/utils/share/opinion/matrix';
import { adjustedRandIndex, plantedClass, questionId, readerAnswering } from './support/planted-class';

function ariOf(planted: ReturnType<typeof plantedClass>) {
  const map = mapOpinions(planted.group);
  const truth = map.points.map((p) => planted.camp.get(p.key)!);
  const found = map.points.map((p) => p.group ?? -1);
  return { map, ari: adjustedRandIndex(truth, found) };
}

const readerWith = (positions: Record<string, Position>) =>
  readerAnswering('https://example.org/', positions);

describe('opinion groups on planted camps', () => {
  it.each([
    [12, 8, 2],
    [12, 8, 3],
    [30, 10, 3],
    [60, 20, 4],
    [200, 20, 5],
  ])(
    'recovers %i members × %i questions in %i camps (ARI ≥ 0.9, each of 5 seeds)',
    (members, questions, camps) => {
      for (const seed of [1, 2, 3, 4, 5]) {
        // Clearly separated: answers within about half a step of the camp's position, 10 % left out.
        const { map, ari } = ariOf(
          plantedClass({ members, questions, camps, seed, noise: 0.5, missing: 0.1 }),
        );
        expect(map.verdict).toBe('groups');
        expect(map.groups).toHaveLength(camps);
        expect(ari).toBeGreaterThanOrEqual(0.9);
      }
    },
  );

  it.each([
    [12, 6],
    [12, 20],
    [30, 10],
    [100, 20],
  ])('shows no groups on uniform noise (%i × %i, 5 seeds)', (members, questions) => {
    for (let seed = 1; seed <= 5; seed++) {
      const map = mapOpinions(plantedClass({ members, questions, camps: 0, seed }).group);
      expect(map.verdict).toBe('no-groups');
      expect(map.groups).toEqual([]);
      expect(map.points).toHaveLength(members);
      expect(map.points.every((p) => p.group === null)).toBe(true);
    }
  });

  it('gives the same map, groups and lists for the same input', () => {
    // Camps, and noise, where k-means has many local optima to land in.
    for (const camps of [3, 0]) {
      const { group } = plantedClass({ members: 40, questions: 12, camps, seed: 9, missing: 0.2 });
      const copy = structuredClone(group);
      expect(mapOpinions(copy)).toEqual(mapOpinions(group));
    }
  });

  it('never shows a group of one, even with a lone outlier', () => {
    const planted = plantedClass({ members: 12, questions: 8, camps: 2, seed: 4 });
    // One member at the far opposite of everyone, on every question.
    const outlier = structuredClone(planted.group.members[0]!);
    outlier.key = 'outlier';
    outlier.participantId = 'outlier';
    for (let j = 0; j < 8; j++) outlier.answers[questionId(j)] = { position: 3 };
    planted.group.members.push(outlier);
    for (const members of [5, 7, 13]) {
      const group: Group = { ...planted.group, members: planted.group.members.slice(-members) };
      const map = mapOpinions(group);
      for (const g of map.groups) expect(g.memberKeys.length).toBeGreaterThanOrEqual(minGroupSize(members));
      expect(minGroupSize(members)).toBeGreaterThanOrEqual(2);
    }
  });

  it('lists what distinguishes each camp, towards the end it planted', () => {
    const planted = plantedClass({ members: 30, questions: 10, camps: 3, seed: 2 });
    const map = mapOpinions(planted.group);
    for (const g of map.groups) {
      const camp = planted.camp.get(g.memberKeys[0]!)!;
      expect(g.distinguishing.length).toBeGreaterThan(0);
      for (const d of g.distinguishing) {
        const plantedEnd = planted.profiles[camp]![Number(d.questionId.slice(2))]! < 3 ? 'first' : 'second';
        expect(d.end).toBe(plantedEnd);
        expect(d.p).toBeLessThan(0.05);
        expect(d.groupShare).toBeGreaterThan(d.othersShare);
      }
    }
  });

  it('finds a question every camp agrees on as consensus, and an opposed one as divisive', () => {
    const planted = plantedClass({ members: 24, questions: 8, camps: 2, seed: 3 });
    const shared = 'shared';
    planted.group.questions[shared] = {
      kind: 'debate',
      label: '',
      text: 'All agree?',
      form: { type: 'yes-no' },
      order: 99,
    };
    for (const m of planted.group.members) m.answers[shared] = { position: 5 };
    const map = mapOpinions(planted.group);
    expect(map.consensus.find((c) => c.questionId === shared)?.end).toBe('second');
    expect(map.divisive.map((d) => d.questionId)).not.toContain(shared);
    // Camps 0 and 1 differ on at least 40 % of the questions: those are divisive.
    const opposed = planted.profiles[0]!.flatMap((x, j) =>
      x !== planted.profiles[1]![j] ? [questionId(j)] : [],
    );
    for (const id of opposed) expect(map.divisive.map((d) => d.questionId)).toContain(id);
  });
});

describe('what the map is made of', () => {
  it('leaves undecided and missing answers empty instead of inventing them', () => {
    const { group } = plantedClass({ members: 6, questions: 4, camps: 2, seed: 1 });
    group.members[0]!.answers[questionId(0)] = { position: 'undecided' };
    delete group.members[1]!.answers[questionId(1)];
    group.members[2]!.answers[questionId(2)] = { position: null };
    const matrix = buildOpinionMatrix(group);
    expect(Number.isNaN(matrix.values[0]![0]!)).toBe(true);
    expect(Number.isNaN(matrix.values[1]![1]!)).toBe(true);
    expect(Number.isNaN(matrix.values[2]![2]!)).toBe(true);
    expect(matrix.values[3]![3]).toBe(group.members[3]!.answers[questionId(3)]!.position);
  });

  it('says so when there are too few members or too few answered questions', () => {
    const { group } = plantedClass({ members: 3, questions: 6, camps: 2, seed: 1 });
    expect(mapOpinions(group).verdict).toBe('too-few-members');
    const few = plantedClass({ members: 12, questions: 6, camps: 2, seed: 1 }).group;
    // Only one question has three decided answers.
    for (const m of few.members.slice(3))
      for (let j = 0; j < 6; j++) m.answers[questionId(j)] = { position: 'undecided' };
    for (const m of few.members.slice(0, 3)) for (let j = 1; j < 6; j++) delete m.answers[questionId(j)];
    expect(mapOpinions(few).verdict).toBe('too-few-questions');
  });

  it('keeps open questions off the map and lists their answers per opinion group', () => {
    const planted = plantedClass({ members: 12, questions: 8, camps: 2, seed: 1 });
    const open = 'toString'; // an id that must not find Object.prototype's
    planted.group.questions[open] = {
      kind: 'own',
      label: '',
      text: 'Why?',
      form: { type: 'open' } as unknown as Group['questions'][string]['form'],
      order: 50,
    };
    planted.group.members.forEach((m, i) => {
      if (i < 4) m.answers[open] = { position: null, note: `Because ${i}` };
    });
    const map = mapOpinions(planted.group);
    expect(map.questionIds).not.toContain(open);
    const lists = openAnswersByGroup(planted.group, map);
    expect(lists).toHaveLength(1);
    const listed = lists[0]!.byGroup.flatMap((g) =>
      g.answers.map((a) => ({ text: a.text, group: g.group, author: a.author })),
    );
    expect(listed.map((a) => a.text).sort()).toEqual(['Because 0', 'Because 1', 'Because 2', 'Because 3']);
    for (const a of listed) {
      const key = planted.group.members.find(
        (m) => m.name === a.author && m.answers[open]?.note === a.text,
      )!.key;
      expect(map.groups[a.group!]!.memberKeys).toContain(key);
    }
  });

  it('places the reader only once they answered, beside the camp they agree with', () => {
    const planted = plantedClass({ members: 20, questions: 8, camps: 2, seed: 5 });
    expect(mapOpinions(planted.group, null).reader).toBeNull();
    expect(mapOpinions(planted.group, readerWith({})).reader).toBeNull();
    expect(mapOpinions(planted.group, readerWith({ [questionId(0)]: 'undecided' })).reader).toBeNull();
    for (const camp of [0, 1]) {
      const answers = Object.fromEntries(
        planted.profiles[camp]!.map((x, j) => [questionId(j), (x < 3 ? 1 : 5) as Position]),
      );
      const map = mapOpinions(planted.group, readerWith(answers));
      const nearest = map.groups[map.reader!.nearestGroup!]!;
      expect(planted.camp.get(nearest.memberKeys[0]!)).toBe(camp);
    }
  });

  it('keeps a member with no name as unnamed', () => {
    const map = mapOpinions(plantedClass({ members: 10, questions: 6, camps: 2, seed: 1 }).group);
    expect(map.points.find((p) => p.key === 'm4')?.name).toBeNull();
    expect(map.points.find((p) => p.key === 'm0')?.name).toBe('Member 1');
  });
});

describe('Fisher exact test', () => {
  it('matches hand-computed hypergeometric tails', () => {
    // All 3 of a group of 3 at the end, none of the other 3: 1 / C(6,3).
    expect(fisherGreater(3, 3, 0, 3)).toBeCloseTo(1 / 20, 12);
    // Fisher's tea: 3 of 4 right, 1 of 4 wrong: (C(4,3)·C(4,1) + 1) / C(8,4).
    expect(fisherGreater(3, 4, 1, 4)).toBeCloseTo(17 / 70, 12);
    expect(fisherGreater(0, 5, 5, 5)).toBeCloseTo(1, 12);
    expect(fisherGreater(2, 4, 2, 4)).toBeCloseTo(53 / 70, 12);
  });
});

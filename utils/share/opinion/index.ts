// The shape of a group's disagreement on one article: a map of members, opinion groups, what
// distinguishes each, and the consensus and divisive questions. Pure: the group view, the
// `npm run groups` report and the bench all call mapOpinions on a stored Group.
import type { ArticleRecord } from '@/utils/positions/model';
import { isAnswered } from '@/utils/positions/model';
import type { Group } from '../format';
import { findGroups } from './cluster';
import { buildOpinionMatrix, isOpenQuestion, MATRIX_MINIMUM } from './matrix';
import { placeRow, projectMembers } from './pca';
import {
  type Consensus,
  consensusQuestions,
  type Distinguishing,
  type Divisive,
  distinguishingQuestions,
  divisiveQuestions,
  type Tally,
  tally,
} from './standing';

export { isOpenQuestion } from './matrix';
export type { Consensus, Distinguishing, Divisive, End } from './standing';

/** Fewer placed members than this, and there is no map to speak of. */
export const MIN_MAP_MEMBERS = 4;
/** Fewer map questions than this, and there is no second dimension. */
export const MIN_MAP_QUESTIONS = 2;

export type OpinionVerdict = 'too-few-members' | 'too-few-questions' | 'no-groups' | 'groups';

export interface MapPoint {
  key: string;
  /** null when the member gave no name. */
  name: string | null;
  x: number;
  y: number;
  /** Index into `groups`, or null when there are no groups. */
  group: number | null;
}

export interface OpinionGroup {
  /** 'A', 'B', … in order of size, largest first. */
  label: string;
  memberKeys: string[];
  distinguishing: Distinguishing[];
}

export interface OpinionMap {
  verdict: OpinionVerdict;
  /** Members of the imported group, placed or not. */
  memberCount: number;
  /** The questions the map is made of, in page order. */
  questionIds: string[];
  points: MapPoint[];
  groups: OpinionGroup[];
  consensus: Consensus[];
  divisive: Divisive[];
  /** Mean silhouette of the best grouping tried, and of shuffled answers; null when not tried. */
  silhouette: number | null;
  shuffledSilhouette: number | null;
  /** Per axis, the question weighing most on it (to say what left–right and up–down mean); null when flat. */
  axisQuestions: [string | null, string | null];
  /** The reader's place, only when they answered enough of the map's questions to be placed. */
  reader: { x: number; y: number; nearestGroup: number | null } | null;
}

function empty(verdict: OpinionVerdict, group: Group, questionIds: string[]): OpinionMap {
  return {
    verdict,
    memberCount: group.members.length,
    questionIds,
    points: [],
    groups: [],
    consensus: [],
    divisive: [],
    silhouette: null,
    shuffledSilhouette: null,
    axisQuestions: [null, null],
    reader: null,
  };
}

/** The question with the largest weight on an axis, or null for an axis with no variance. */
function heaviest(axis: Float64Array, questionIds: string[]): string | null {
  let best = -1;
  for (let j = 0; j < axis.length; j++) if (best < 0 || Math.abs(axis[j]!) > Math.abs(axis[best]!)) best = j;
  return best >= 0 && Math.abs(axis[best]!) > 1e-9 ? questionIds[best]! : null;
}

function tallies(values: Float64Array[], rows: number[], width: number): Tally[] {
  return Array.from({ length: width }, (_, j) => tally(rows.map((i) => values[i]![j]!)));
}

/** The reader's decided answers on the map's questions, or null if too few to place them. */
function readerRow(reader: ArticleRecord | null, questionIds: string[]): Float64Array | null {
  if (!reader) return null;
  const row = Float64Array.from(questionIds, (id) => {
    const q = Object.hasOwn(reader.questions, id) ? reader.questions[id] : undefined;
    const p = q && isAnswered(q) ? q.position?.v : null;
    return typeof p === 'number' ? p : Number.NaN;
  });
  const answered = row.filter((x) => !Number.isNaN(x)).length;
  const needed = Math.max(
    MATRIX_MINIMUM.answersPerMember,
    Math.ceil(questionIds.length * MATRIX_MINIMUM.shareOfQuestionsPerMember),
  );
  return answered >= needed ? row : null;
}

export function mapOpinions(group: Group, reader: ArticleRecord | null = null, seed = 1): OpinionMap {
  const matrix = buildOpinionMatrix(group);
  const { questionIds, values, memberKeys } = matrix;
  const width = questionIds.length;
  if (width < MIN_MAP_QUESTIONS) return empty('too-few-questions', group, questionIds);
  if (values.length < MIN_MAP_MEMBERS) return empty('too-few-members', group, questionIds);

  const projection = projectMembers(values, width);
  const found = findGroups(projection.centred, seed);
  const labels = found.clustering?.labels ?? null;
  const k = found.clustering?.k ?? 0;

  // Groups in order of size (then of first member), so the labels do not depend on k-means' numbering.
  const byCluster = Array.from({ length: k }, (_, c) =>
    memberKeys.map((_, i) => i).filter((i) => labels![i] === c),
  ).sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  const groupOf = new Int32Array(values.length).fill(-1);
  byCluster.forEach((rows, g) => {
    for (const i of rows) groupOf[i] = g;
  });

  const everyone = memberKeys.map((_, i) => i);
  const groupTallies = byCluster.map((rows) => tallies(values, rows, width));
  const groups: OpinionGroup[] = byCluster.map((rows, g) => {
    const others = everyone.filter((i) => groupOf[i] !== g);
    return {
      label: String.fromCharCode(65 + g),
      memberKeys: rows.map((i) => memberKeys[i]!),
      distinguishing: distinguishingQuestions(questionIds, groupTallies[g]!, tallies(values, others, width)),
    };
  });
  const standingOver = groupTallies.length > 0 ? groupTallies : [tallies(values, everyone, width)];

  const names = new Map(group.members.map((m) => [m.key, m.name]));
  const points = projection.points.map(
    ([x, y], i): MapPoint => ({
      key: memberKeys[i]!,
      name: names.get(memberKeys[i]!) ?? null,
      x,
      y,
      group: groupOf[i]! >= 0 ? groupOf[i]! : null,
    }),
  );

  const row = readerRow(reader, questionIds);
  let placed: OpinionMap['reader'] = null;
  if (row) {
    const [x, y] = placeRow(row, projection);
    placed = { x, y, nearestGroup: nearestGroup(points, groups.length, x, y) };
  }

  return {
    verdict: groups.length > 0 ? 'groups' : 'no-groups',
    memberCount: group.members.length,
    questionIds,
    points,
    groups,
    consensus: consensusQuestions(questionIds, standingOver),
    divisive: divisiveQuestions(questionIds, standingOver),
    silhouette: found.silhouette,
    shuffledSilhouette: found.shuffledSilhouette,
    axisQuestions: [heaviest(projection.axes[0], questionIds), heaviest(projection.axes[1], questionIds)],
    reader: placed,
  };
}

/** The group whose centre on the map is nearest (x, y), or null without groups. */
function nearestGroup(points: MapPoint[], count: number, x: number, y: number): number | null {
  let best: number | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let g = 0; g < count; g++) {
    const mine = points.filter((p) => p.group === g);
    const cx = mine.reduce((s, p) => s + p.x, 0) / mine.length;
    const cy = mine.reduce((s, p) => s + p.y, 0) / mine.length;
    const d = (cx - x) ** 2 + (cy - y) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = g;
    }
  }
  return best;
}

export interface OpenAnswers {
  questionId: string;
  /** Per opinion group (by index), then the members outside any group (not placed, or no groups). */
  byGroup: { group: number | null; answers: { author: string | null; text: string }[] }[];
}

/** Open questions' shared written answers, listed per opinion group. */
export function openAnswersByGroup(group: Group, map: OpinionMap): OpenAnswers[] {
  const groupOfKey = new Map<string, number>();
  map.groups.forEach((g, index) => {
    for (const key of g.memberKeys) groupOfKey.set(key, index);
  });
  return Object.entries(group.questions)
    .filter(([, q]) => isOpenQuestion(q))
    .sort(([, a], [, b]) => a.order - b.order)
    .map(([questionId]) => {
      const lists = new Map<number | null, { author: string | null; text: string }[]>();
      for (const m of group.members) {
        const answer = Object.hasOwn(m.answers, questionId) ? m.answers[questionId] : undefined;
        if (!answer?.note) continue;
        const g = groupOfKey.get(m.key) ?? null;
        const list = lists.get(g) ?? [];
        list.push({ author: m.name, text: answer.note });
        lists.set(g, list);
      }
      const order = [...map.groups.map((_, i) => i), null];
      return {
        questionId,
        byGroup: order.filter((g) => lists.has(g)).map((g) => ({ group: g, answers: lists.get(g)! })),
      };
    })
    .filter((o) => o.byGroup.length > 0);
}

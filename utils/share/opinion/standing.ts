// What the opinion groups stand for, question by question: the questions that distinguish each
// group from the rest (Polis's "representative" comments, with an exact test for small groups),
// the consensus questions every group leans the same way on, and the divisive ones where the
// groups' means stand apart. "Leaning" is 1–2 (towards the first end) or 4–5 (the second).
import { fisherGreater } from './fisher';

export type End = 'first' | 'second';

export const STANDING_RULES = {
  /** One-sided Fisher p below which a group's lean differs from the others' beyond noise. */
  significance: 0.05,
  /** Distinguishing questions listed per group. */
  perGroup: 5,
  /** Each group's share leaning the same way (smoothed: (a + 1) / (n + 2)) for a consensus. */
  consensusShare: 0.66,
  /** Distance between the highest and lowest group means, in steps, for a divisive question. */
  divisiveRange: 1.5,
  /** Without groups: the share leaning each way for a question to split the members. */
  splitShare: 0.3,
} as const;

/** Decided answers of some members on one question: how many, how many at each end, their sum. */
export interface Tally {
  n: number;
  first: number;
  second: number;
  sum: number;
}

export function tally(answers: Iterable<number>): Tally {
  const t: Tally = { n: 0, first: 0, second: 0, sum: 0 };
  for (const x of answers) {
    if (Number.isNaN(x)) continue;
    t.n++;
    t.sum += x;
    if (x <= 2) t.first++;
    else if (x >= 4) t.second++;
  }
  return t;
}

const share = (count: number, n: number) => (n === 0 ? 0 : count / n);
const smoothed = (count: number, n: number) => (count + 1) / (n + 2);

export interface Distinguishing {
  questionId: string;
  /** The end this group leans to more than the others do. */
  end: End;
  /** Share of the group's decided answers at that end, 0…1. */
  groupShare: number;
  /** The same share among everyone else. */
  othersShare: number;
  groupMean: number;
  othersMean: number;
  /** One-sided Fisher exact p. */
  p: number;
}

/** The questions on which `group` leans to one end significantly more than `others`, strongest first. */
export function distinguishingQuestions(
  questionIds: string[],
  group: Tally[],
  others: Tally[],
): Distinguishing[] {
  const found: Distinguishing[] = [];
  questionIds.forEach((questionId, j) => {
    const g = group[j]!;
    const o = others[j]!;
    if (g.n === 0 || o.n === 0) return;
    for (const end of ['first', 'second'] as const) {
      const p = fisherGreater(g[end], g.n, o[end], o.n);
      if (p >= STANDING_RULES.significance || share(g[end], g.n) <= share(o[end], o.n)) continue;
      found.push({
        questionId,
        end,
        groupShare: share(g[end], g.n),
        othersShare: share(o[end], o.n),
        groupMean: g.sum / g.n,
        othersMean: o.sum / o.n,
        p,
      });
    }
  });
  return found
    .sort(
      (a, b) =>
        a.p - b.p ||
        b.groupShare - b.othersShare - (a.groupShare - a.othersShare) ||
        questionIds.indexOf(a.questionId) - questionIds.indexOf(b.questionId),
    )
    .slice(0, STANDING_RULES.perGroup);
}

export interface Consensus {
  questionId: string;
  end: End;
  /** The smallest smoothed share leaning that way in any group. */
  weakestShare: number;
}

/** Questions every group (or, without groups, everyone) leans the same way on, broadest first. */
export function consensusQuestions(questionIds: string[], groups: Tally[][]): Consensus[] {
  const found: Consensus[] = [];
  questionIds.forEach((questionId, j) => {
    if (groups.some((g) => g[j]!.n < 2)) return;
    for (const end of ['first', 'second'] as const) {
      const weakestShare = Math.min(...groups.map((g) => smoothed(g[j]![end], g[j]!.n)));
      if (weakestShare >= STANDING_RULES.consensusShare) found.push({ questionId, end, weakestShare });
    }
  });
  return found.sort((a, b) => b.weakestShare - a.weakestShare);
}

export interface Divisive {
  questionId: string;
  /** Each group's mean position (1…5), in group order; null where a group has no answer. */
  means: (number | null)[];
  /** Highest minus lowest group mean; without groups, the smaller of the two ends' shares. */
  spread: number;
}

/** Questions where the groups' means stand apart (or, without groups, members split between ends). */
export function divisiveQuestions(questionIds: string[], groups: Tally[][]): Divisive[] {
  const found: Divisive[] = [];
  questionIds.forEach((questionId, j) => {
    const means = groups.map((g) => (g[j]!.n > 0 ? g[j]!.sum / g[j]!.n : null));
    if (groups.length === 1) {
      const t = groups[0]![j]!;
      const spread = Math.min(share(t.first, t.n), share(t.second, t.n));
      if (t.n >= 2 && spread >= STANDING_RULES.splitShare) found.push({ questionId, means, spread });
      return;
    }
    const known = means.filter((m): m is number => m !== null);
    if (known.length < 2) return;
    const spread = Math.max(...known) - Math.min(...known);
    if (spread >= STANDING_RULES.divisiveRange) found.push({ questionId, means, spread });
  });
  return found.sort((a, b) => b.spread - a.spread);
}

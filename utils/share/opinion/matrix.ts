// The member × question matrix the opinion map is computed from: decided answers (1…5) only.
// "Undecided", no answer and a question missing from a member's file are all left empty (NaN),
// never filled with an invented opinion; open questions (written answers) have no scale and stay out.
import type { Group, GroupQuestion } from '../format';

/** Members and questions as rows and columns; `values[i][j]` is 1…5, or NaN when missing. */
export interface OpinionMatrix {
  memberKeys: string[];
  questionIds: string[];
  values: Float64Array[];
}

/** Below these, a question or a member says too little to place anyone. */
export const MATRIX_MINIMUM = {
  /** Decided answers a question needs to be on the map. */
  answersPerQuestion: 3,
  /** Decided answers a member needs on the map's questions (and at least this share of them). */
  answersPerMember: 2,
  shareOfQuestionsPerMember: 0.25,
} as const;

/** Written answers have no scale: a form typed 'open' (issue 8) is kept out of the map. */
export function isOpenQuestion(q: GroupQuestion): boolean {
  return (q.form as { type: string }).type === 'open';
}

/** A member's decided position on a question, or NaN. Ids come from files: own properties only. */
export function decidedAnswer(answers: Group['members'][number]['answers'], id: string): number {
  if (!Object.hasOwn(answers, id)) return Number.NaN;
  const p = answers[id]!.position;
  return typeof p === 'number' ? p : Number.NaN;
}

/** The questions enough members answered, in page order, and the members who answered enough of them. */
export function buildOpinionMatrix(group: Group): OpinionMatrix {
  const questionIds = Object.entries(group.questions)
    .filter(([, q]) => !isOpenQuestion(q))
    .sort(([, a], [, b]) => a.order - b.order)
    .map(([id]) => id)
    .filter(
      (id) =>
        group.members.filter((m) => !Number.isNaN(decidedAnswer(m.answers, id))).length >=
        MATRIX_MINIMUM.answersPerQuestion,
    );
  const needed = Math.max(
    MATRIX_MINIMUM.answersPerMember,
    Math.ceil(questionIds.length * MATRIX_MINIMUM.shareOfQuestionsPerMember),
  );
  const memberKeys: string[] = [];
  const values: Float64Array[] = [];
  for (const m of group.members) {
    const row = Float64Array.from(questionIds, (id) => decidedAnswer(m.answers, id));
    if (row.filter((x) => !Number.isNaN(x)).length < needed) continue;
    memberKeys.push(m.key);
    values.push(row);
  }
  return { memberKeys, questionIds, values };
}

// What a group thinks, per question: how many answered, the spread over the scale, where the
// reader stands, how much the group agrees, and the shared notes grouped by position.
//
// Agreement = 1 − variance / 4 over the decided answers (1…5; "undecided" left out). 4 is the
// largest variance possible on a 1…5 scale (half at each pole), so 1 means everyone at one step and
// 0 a group split evenly between the poles. Unlike "share at the modal position", it counts
// "rather yes" as close to "yes". Below two decided answers there is nothing to measure: null.
import type { ArticleRecord, Position } from '@/utils/positions/model';
import { isAnswered } from '@/utils/positions/model';
import type { Group, GroupQuestion } from './format';

export type Distribution = Record<Position, number>;

export interface NoteByPosition {
  position: Position | null;
  notes: { author: string | null; text: string }[];
}

export interface QuestionAggregate {
  id: string;
  question: GroupQuestion;
  /** Members whose file had this question. */
  members: number;
  /** Members who gave a position, "undecided" included. */
  answered: number;
  distribution: Distribution;
  /** 0…1, or null below two decided answers. */
  agreement: number | null;
  readerPosition: Position | null;
  /** The reader has a position here, so the group's answers cannot anchor theirs. */
  readerAnswered: boolean;
  /** Some members' files did not have this question. */
  partial: boolean;
  notesByPosition: NoteByPosition[];
}

export interface GroupAggregate {
  memberCount: number;
  questions: QuestionAggregate[];
}

const STEPS = [1, 2, 3, 4, 5] as const;
const NOTE_ORDER: (Position | null)[] = [1, 2, 3, 4, 5, 'undecided', null];

/**
 * The shared notes of a question as one list, for an open question: answered in words, so its
 * notes are its answers, and a position heading or a scale would say nothing.
 */
export function writtenAnswers(notesByPosition: NoteByPosition[]): NoteByPosition['notes'] {
  return notesByPosition.flatMap((g) => g.notes);
}

export function emptyDistribution(): Distribution {
  return { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, undecided: 0 };
}

/** 1 − normalised variance of the decided answers; see the module comment. */
export function agreementOf(d: Distribution): number | null {
  const n = STEPS.reduce((sum, s) => sum + d[s], 0);
  if (n < 2) return null;
  const mean = STEPS.reduce((sum, s) => sum + s * d[s], 0) / n;
  const variance = STEPS.reduce((sum, s) => sum + d[s] * (s - mean) ** 2, 0) / n;
  return Math.max(0, 1 - variance / 4);
}

export function aggregateGroup(group: Group, reader: ArticleRecord | null): GroupAggregate {
  const ids = new Set(Object.keys(group.questions));
  for (const [id, q] of Object.entries(reader?.questions ?? {})) if (q.removed?.v !== true) ids.add(id);
  const questions: QuestionAggregate[] = [];
  for (const id of ids) {
    // Ids come from members' files: a question "toString" must not find Object.prototype's.
    const mine = reader && Object.hasOwn(reader.questions, id) ? reader.questions[id] : undefined;
    // The reader's own snapshot first: the text they read, not whatever a member's file says.
    const question: GroupQuestion | undefined =
      mine?.q.v ?? (Object.hasOwn(group.questions, id) ? group.questions[id] : undefined);
    if (!question) continue;
    const distribution = emptyDistribution();
    const notes = new Map<Position | null, NoteByPosition['notes']>();
    let members = 0;
    let answered = 0;
    for (const m of group.members) {
      const answer = Object.hasOwn(m.answers, id) ? m.answers[id] : undefined;
      if (!answer) continue;
      members++;
      if (answer.position !== null) {
        answered++;
        distribution[answer.position]++;
      }
      if (answer.note) {
        const list = notes.get(answer.position) ?? [];
        list.push({ author: m.name, text: answer.note });
        notes.set(answer.position, list);
      }
    }
    const readerAnswered = mine ? isAnswered(mine) : false;
    questions.push({
      id,
      question,
      members,
      answered,
      distribution,
      agreement: agreementOf(distribution),
      readerPosition: readerAnswered ? (mine?.position?.v ?? null) : null,
      readerAnswered,
      partial: members < group.members.length,
      notesByPosition: NOTE_ORDER.filter((p) => notes.has(p)).map((p) => ({
        position: p,
        notes: notes.get(p)!,
      })),
    });
  }
  return { memberCount: group.members.length, questions };
}

export type QuestionOrder = 'division' | 'consensus' | 'page';

/**
 * Most divided first ('division'), most agreed first ('consensus'), or the page's order.
 * Questions without a measure go last either way; ties keep the page's order.
 */
export function sortQuestions(list: QuestionAggregate[], order: QuestionOrder): QuestionAggregate[] {
  const byPage = (a: QuestionAggregate, b: QuestionAggregate) => a.question.order - b.question.order;
  if (order === 'page') return [...list].sort(byPage);
  const sign = order === 'division' ? 1 : -1;
  return [...list].sort((a, b) => {
    if (a.agreement === null || b.agreement === null) {
      return a.agreement === b.agreement ? byPage(a, b) : a.agreement === null ? 1 : -1;
    }
    return sign * (a.agreement - b.agreement) || byPage(a, b);
  });
}

// Small known records and files for the share tests: one article, three questions (one of each
// form), a shared and a private note.
import type { ArticleRecord, Position, QuestionRecord } from '@/utils/positions/model';
import { buildPositionsFile } from '@/utils/share/export';
import type { PositionsFile } from '@/utils/share/format';

export const URL_A = 'https://example.org/debate';
export const PRIVATE_NOTE = 'PRIVATE-do-not-leak';
export const SHARED_NOTE = 'Shared: the market decides';

function question(text: string, order: number, form: QuestionRecord['q']['v']['form']): QuestionRecord {
  return { q: { v: { kind: 'debate', label: '', text, form, order }, at: '0000000010000dev' }, history: {} };
}

/** The reader's record: q1 answered with a shared note, q2 answered with a private note, q3 unanswered. */
export function readerArticle(
  positions: Partial<Record<'q1' | 'q2' | 'q3', Position>> = { q1: 5, q2: 2 },
): ArticleRecord {
  const questions: Record<string, QuestionRecord> = {
    q1: question('Should SpaceX go public?', 0, { type: 'yes-no' }),
    q2: question('Monopolies are good for innovation.', 1, { type: 'agree-disagree' }),
    q3: question('Mars or the Moon first?', 2, { type: 'alternatives', poles: ['Mars', 'Moon'] }),
  };
  for (const [id, p] of Object.entries(positions)) {
    const q = questions[id]!;
    q.position = { v: p, at: '0000000020000dev' };
    q.history['0000000020000dev'] = { from: null, to: p };
  }
  questions.q1!.note = { v: SHARED_NOTE, at: '0000000030000dev' };
  questions.q1!.shared = { v: true, at: '0000000030000dev' };
  questions.q2!.note = { v: PRIVATE_NOTE, at: '0000000030000dev' };
  return {
    url: URL_A,
    meta: {
      v: { title: 'The SpaceX IPO', siteName: 'Example', lang: 'en', readingMinutes: 4 },
      at: '0000000010000dev',
    },
    questions,
  };
}

/** A member's file: their positions on q1…q3 (null = unanswered), optional shared notes. */
export function memberFile(
  id: string,
  name: string | null,
  positions: (Position | null)[],
  notes: (string | undefined)[] = [],
): PositionsFile {
  const article = readerArticle({});
  const ids = ['q1', 'q2', 'q3'] as const;
  ids.forEach((qid, i) => {
    const q = article.questions[qid]!;
    delete q.note;
    delete q.shared;
    const p = positions[i];
    if (p != null) q.position = { v: p, at: '0000000020000dev' };
    const note = notes[i];
    if (note) {
      q.note = { v: note, at: '0000000030000dev' };
      q.shared = { v: true, at: '0000000030000dev' };
    }
  });
  return buildPositionsFile([article], { id, name: name ?? '' }, new Date('2026-01-02T03:04:05Z'));
}

// Earlier shapes of the reader's data, and how each becomes the current one.
// v1 (the first model): plain values, no stamps, so it could not merge across devices.
import type { AnswerForm } from '@/utils/extract/types';
import type { Stamp } from './clock';
import type { ArticleRecord, Position, QuestionRecord } from './model';

export interface ArticleRecordV1 {
  url: string;
  title: string;
  siteName?: string;
  updatedAt: number;
  note?: string;
  questions: Record<
    string,
    {
      kind: 'debate' | 'raised' | 'claim' | 'own';
      label: string;
      text: string;
      form: AnswerForm;
      position: Position | null;
      note?: string;
    }
  >;
}

/** v1 → v2: every value is stamped by the migration, and each position starts its history. */
export function migrateArticleV1(v1: ArticleRecordV1, at: Stamp): ArticleRecord {
  const questions: Record<string, QuestionRecord> = {};
  let order = 0;
  for (const [id, q] of Object.entries(v1.questions)) {
    const record: QuestionRecord = {
      q: { v: { kind: q.kind, label: q.label, text: q.text, form: q.form, order: order++ }, at },
      history: {},
    };
    if (q.position != null) {
      record.position = { v: q.position, at };
      record.history[at] = { from: null, to: q.position };
    }
    if (q.note) record.note = { v: q.note, at };
    questions[id] = record;
  }
  const article: ArticleRecord = {
    url: v1.url,
    meta: { v: { title: v1.title, siteName: v1.siteName ?? '', lang: '', readingMinutes: 0 }, at },
    questions,
  };
  if (v1.note) article.note = { v: v1.note, at };
  return article;
}

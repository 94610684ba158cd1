// What a reader can do to an article's record, as pure functions: each returns a new record
// with every changed field stamped, ready to save locally and to sync.
import type { ExtractedQuestion } from '@/utils/extract/types';
import type { Stamp } from './clock';
import type { ArticleMeta, ArticleRecord, Position, QuestionRecord, QuestionSnapshot } from './model';

export function newArticle(url: string, meta: ArticleMeta, at: Stamp): ArticleRecord {
  return { url, meta: { v: meta, at }, questions: {} };
}

export function snapshotOf(q: ExtractedQuestion, order: number): QuestionSnapshot {
  const snap: QuestionSnapshot = { kind: q.kind, label: q.label, text: q.text, form: q.form, order };
  if (q.attribution) snap.attribution = q.attribution;
  return snap;
}

function withQuestion(article: ArticleRecord, id: string, q: QuestionRecord): ArticleRecord {
  return { ...article, questions: { ...article.questions, [id]: q } };
}

/**
 * Make sure a question the reader acts on is recorded, with the snapshot of how it reads now.
 * Unchanged snapshots keep their stamp, so merely viewing a page writes nothing.
 */
export function ensureQuestion(
  article: ArticleRecord,
  snapshot: QuestionSnapshot,
  id: string,
  at: Stamp,
): ArticleRecord {
  const existing = article.questions[id];
  if (existing && JSON.stringify(existing.q.v) === JSON.stringify(snapshot)) return article;
  const q: QuestionRecord = existing
    ? { ...existing, q: { v: snapshot, at } }
    : { q: { v: snapshot, at }, history: {} };
  return withQuestion(article, id, q);
}

export function setPosition(
  article: ArticleRecord,
  id: string,
  to: Position | null,
  at: Stamp,
): ArticleRecord {
  const q = article.questions[id];
  if (!q) return article;
  const from = q.position?.v ?? null;
  if (from === to) return article;
  return withQuestion(article, id, {
    ...q,
    position: { v: to, at },
    history: { ...q.history, [at]: { from, to } },
  });
}

export function setQuestionNote(article: ArticleRecord, id: string, note: string, at: Stamp): ArticleRecord {
  const q = article.questions[id];
  if (!q || (q.note?.v ?? '') === note) return article;
  return withQuestion(article, id, { ...q, note: { v: note, at } });
}

export function setNoteShared(article: ArticleRecord, id: string, shared: boolean, at: Stamp): ArticleRecord {
  const q = article.questions[id];
  if (!q || (q.shared?.v ?? false) === shared) return article;
  return withQuestion(article, id, { ...q, shared: { v: shared, at } });
}

/** "What changed my mind", attached to one change of position. */
export function setChangeReason(
  article: ArticleRecord,
  id: string,
  changeAt: Stamp,
  reason: string,
  at: Stamp,
): ArticleRecord {
  const q = article.questions[id];
  const entry = q?.history[changeAt];
  if (!q || !entry || (entry.reason?.v ?? '') === reason) return article;
  return withQuestion(article, id, {
    ...q,
    history: { ...q.history, [changeAt]: { ...entry, reason: { v: reason, at } } },
  });
}

export function removeQuestion(
  article: ArticleRecord,
  id: string,
  removed: boolean,
  at: Stamp,
): ArticleRecord {
  const q = article.questions[id];
  if (!q) return article;
  return withQuestion(article, id, { ...q, removed: { v: removed, at } });
}

export function setArticleNote(article: ArticleRecord, note: string, at: Stamp): ArticleRecord {
  if ((article.note?.v ?? '') === note) return article;
  return { ...article, note: { v: note, at } };
}

export function setArticleMeta(article: ArticleRecord, meta: ArticleMeta, at: Stamp): ArticleRecord {
  if (JSON.stringify(article.meta.v) === JSON.stringify(meta)) return article;
  return { ...article, meta: { v: meta, at } };
}

export function setDeleted(article: ArticleRecord, deleted: boolean, at: Stamp): ArticleRecord {
  return { ...article, deleted: { v: deleted, at } };
}

export function setLocalOnly(article: ArticleRecord, localOnly: boolean, at: Stamp): ArticleRecord {
  return { ...article, localOnly: { v: localOnly, at } };
}

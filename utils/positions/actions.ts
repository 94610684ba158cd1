// What a reader can do to an article's record, as pure functions: each returns a new record
// with every changed field stamped, ready to save locally and to sync.
import type { AnswerForm, ExtractedQuestion } from '@/utils/extract/types';
import { clampText, LIMITS } from '@/utils/limits';
import { decodeStamp, type Stamp, stampTime } from './clock';
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
 * Unchanged snapshots keep their stamp, so merely viewing a page writes nothing. Its texts are cut
 * to the file format's bound first (an own question typed at length), so every export takes it.
 */
export function ensureQuestion(
  article: ArticleRecord,
  unbounded: QuestionSnapshot,
  id: string,
  at: Stamp,
): ArticleRecord {
  const snapshot = boundedSnapshot(unbounded);
  const existing = article.questions[id];
  if (existing && JSON.stringify(existing.q.v) === JSON.stringify(snapshot)) return article;
  const q: QuestionRecord = existing
    ? { ...existing, q: { v: snapshot, at } }
    : { q: { v: snapshot, at }, history: {} };
  return withQuestion(article, id, q);
}

/**
 * How long after a change of position the reader is taken to be still deciding: 30 s. Arrow keys
 * on the scale step through every position in between, a mis-click is put right within seconds,
 * and both are one decision; changing one's mind after re-reading a paragraph takes longer. It is
 * also far above sync's write delay (2 s, then at most every 5 s), so a decision made in quick
 * steps leaves this device as one change.
 */
export const SETTLE_MS = 30_000;

/**
 * Take a position. A change is a new history entry, unless the reader is still deciding: then it
 * only moves the position, so the latest entry now ends there (or drops out of `settledHistory`
 * if the reader came back to where it started). History is a grow-only union in sync, so this
 * is the one way a correction replaces an entry on every device rather than adding one.
 */
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
  const position = { v: to, at };
  if (stillDeciding(q, at)) return withQuestion(article, id, { ...q, position });
  return withQuestion(article, id, { ...q, position, history: { ...q.history, [at]: { from, to } } });
}

/**
 * Whether a change at `at` corrects the latest history entry: that entry and the last move of the
 * position were made on this device, the move less than SETTLE_MS before `at`, and the reader has
 * not said yet what changed their mind (a reason settles the change). Another device's change is
 * never corrected from here: it is that device's reader who was deciding.
 */
function stillDeciding(q: QuestionRecord, at: Stamp): boolean {
  const latest = Object.keys(q.history).sort().pop();
  const moved = q.position?.at;
  if (latest === undefined || moved === undefined || moved < latest) return false;
  const device = decodeStamp(at)?.device;
  if (decodeStamp(latest)?.device !== device || decodeStamp(moved)?.device !== device) return false;
  if (q.history[latest]!.reason?.v) return false;
  return stampTime(at) - stampTime(moved) < SETTLE_MS;
}

/** The reader's own words, cut as an input's maxLength would: at the format's bound for notes. */
const capNote = (text: string) => clampText(text, LIMITS.noteChars, '');

function boundedSnapshot(s: QuestionSnapshot): QuestionSnapshot {
  const bounded = (text: string) => clampText(text, LIMITS.textChars);
  const form: AnswerForm =
    s.form.type === 'alternatives'
      ? { type: 'alternatives', poles: [bounded(s.form.poles[0]), bounded(s.form.poles[1])] }
      : s.form;
  const out: QuestionSnapshot = { ...s, label: bounded(s.label), text: bounded(s.text), form };
  if (s.attribution !== undefined) out.attribution = bounded(s.attribution);
  if (s.anchor !== undefined) out.anchor = bounded(s.anchor);
  return out;
}

export function setQuestionNote(article: ArticleRecord, id: string, full: string, at: Stamp): ArticleRecord {
  const note = capNote(full);
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
  full: string,
  at: Stamp,
): ArticleRecord {
  const reason = capNote(full);
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

export function setArticleNote(article: ArticleRecord, full: string, at: Stamp): ArticleRecord {
  const note = capNote(full);
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

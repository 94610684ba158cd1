// What of an article travels to storage.sync, and in which tier: in full, or compact (every piece
// of the reader's data, but not the page questions' snapshots), or, once deleted, as a tombstone.
// The budget picks the tier; the layout writes a placeholder short; the engine reads what the sync
// area holds with these same rules, so devices agree on what is there.
import type { AnswerForm } from '@/utils/extract/types';
import type { Stamp } from '@/utils/positions/clock';
import type {
  ArticleMeta,
  ArticleRecord,
  QuestionRecord,
  QuestionSnapshot,
  Stamped,
} from '@/utils/positions/model';

/** The meta a tombstone carries: empty, stamped '' so any real meta wins a merge. */
export const EMPTY_META: Stamped<ArticleMeta> = {
  v: { title: '', siteName: '', lang: '', readingMinutes: 0 },
  at: '',
};

/**
 * A deleted article travels as a tombstone: its URL and deletion, none of its content. A "this
 * device only" choice taken back travels with it: another device may still hold the article as
 * this device only, and its marker would otherwise outlive the newer choice for ever.
 */
export function tombstoneOf(article: ArticleRecord): ArticleRecord {
  const tombstone: ArticleRecord = {
    url: article.url,
    meta: EMPTY_META,
    questions: {},
    deleted: article.deleted!,
  };
  if (article.localOnly) tombstone.localOnly = article.localOnly;
  return tombstone;
}

// A page question's wording is on the page (and its id is the hash of it); the reader's data is
// not. Older articles travel without the snapshots of their page questions: each is replaced by a
// placeholder stamped '' (before every real stamp, so a merge always keeps a real snapshot).

/** Whether a question's snapshot is the page's (derivable), not the reader's own words. */
export function isPageQuestion(s: QuestionSnapshot): boolean {
  return s.kind !== 'own' && s.anchor === undefined;
}

/**
 * What stands for a page question's snapshot in the compact tier: its kind, form type and order,
 * no text, label, attribution or poles (an alternatives form keeps its type, with empty poles).
 */
export function placeholderSnapshot(s: QuestionSnapshot): Stamped<QuestionSnapshot> {
  const form: AnswerForm =
    s.form.type === 'alternatives' ? { type: 'alternatives', poles: ['', ''] } : { type: s.form.type };
  return { v: { kind: s.kind, label: '', text: '', form, order: s.order }, at: '' };
}

/** A question register that is a placeholder (it packs short, and decodes back the same). */
export function isPlaceholder(q: Stamped<QuestionSnapshot>): boolean {
  if (q.at !== '' || !isPageQuestion(q.v)) return false;
  return JSON.stringify(placeholderSnapshot(q.v).v) === JSON.stringify(q.v);
}

/**
 * The article with its page questions' snapshots left out; every piece of reader data kept.
 * `synced` gives the placeholder storage.sync holds for a question, if any: the larger of it and
 * this device's (compared as a merge does) is packed, so devices whose real snapshots differ (they
 * do not travel in this tier) still write the same placeholder and settle.
 */
export function compactArticle(
  article: ArticleRecord,
  synced?: (id: string) => Stamped<QuestionSnapshot> | undefined,
): ArticleRecord {
  let changed = false;
  const questions: Record<string, QuestionRecord> = {};
  for (const [id, q] of Object.entries(article.questions)) {
    if (!isPageQuestion(q.q.v)) {
      questions[id] = q;
      continue;
    }
    let placeholder = isPlaceholder(q.q) ? q.q : placeholderSnapshot(q.q.v);
    const other = synced?.(id);
    if (other && isPlaceholder(other) && JSON.stringify(other.v) > JSON.stringify(placeholder.v))
      placeholder = other;
    if (placeholder !== q.q) changed = true;
    questions[id] = placeholder === q.q ? q : { ...q, q: placeholder };
  }
  return changed ? { ...article, questions } : article;
}

/** What storage.sync holds for a page question packed compact: the placeholder and its hint. */
export interface SyncedPlaceholder {
  placeholder: Stamped<QuestionSnapshot>;
  newest?: Stamp;
}

/**
 * The newest real snapshot stamp known for each page question: this device's, or the one storage.sync
 * reports; the larger, so every device writes the same hint and settles.
 */
export function newestSnapshots(
  article: ArticleRecord,
  synced?: (id: string) => SyncedPlaceholder | undefined,
): Record<string, Stamp> {
  const newest: Record<string, Stamp> = {};
  for (const [id, q] of Object.entries(article.questions)) {
    if (!isPageQuestion(q.q.v)) continue;
    const own = isPlaceholder(q.q) ? '' : q.q.at;
    const other = synced?.(id)?.newest ?? '';
    // Stamps compare as strings (code units), so not Math.max.
    const at = [own, other].sort().pop()!;
    if (at) newest[id] = at;
  }
  return newest;
}

/** Whether another device has a newer wording of some page question (this one's is older, or absent). */
export function lacksNewestWording(article: ArticleRecord, newest: Record<string, Stamp>): boolean {
  return Object.entries(article.questions).some(
    ([id, q]) => isPageQuestion(q.q.v) && (newest[id] ?? '') > (isPlaceholder(q.q) ? '' : q.q.at),
  );
}

/** Which page wordings an article holds (question ids and stamps): equal means the same wording. */
export function pageWordings(article: ArticleRecord): string {
  return Object.entries(article.questions)
    .filter(([, q]) => isPageQuestion(q.q.v) && !isPlaceholder(q.q))
    .map(([id, q]) => `${id}@${q.q.at}`)
    .sort()
    .join(' ');
}

/** Whether the compact form of an article is smaller than it (it has page snapshots to leave out). */
export function hasPageSnapshots(article: ArticleRecord): boolean {
  return Object.values(article.questions).some((q) => isPageQuestion(q.q.v) && !isPlaceholder(q.q));
}

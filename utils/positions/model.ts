// The reader's positions: the data model every part of Stance shares (panel, sync, exports).
// Every field a reader can change is a last-writer-wins register carrying the HLC stamp of its
// last change (when, and on which device), so two devices' edits merge field by field.
import type { AnswerForm, QuestionKind } from '@/utils/extract/types';
import type { Stamp } from './clock';

/** A value with the stamp of its last change. An absent register means "never set". */
export interface Stamped<T> {
  v: T;
  at: Stamp;
}

/** Five steps from the form's first pole (1) to its second (5), or "undecided". */
export type Position = 1 | 2 | 3 | 4 | 5 | 'undecided';
export const POSITION_STEPS: readonly Position[] = [1, 2, 3, 4, 5];

/** Where a question came from: the page (debate, raised, claim) or the reader ("own"). */
export type SavedQuestionKind = QuestionKind | 'own';

/** The question as the reader last saw it, kept so positions outlive changes to the page. */
export interface QuestionSnapshot {
  kind: SavedQuestionKind;
  label: string;
  text: string;
  form: AnswerForm;
  attribution?: string;
  /** For a passage the reader chose on the page: the quoted text that locates it. */
  anchor?: string;
  /** Rank on the page, to keep the page's order in the panel and in exports. */
  order: number;
}

/**
 * One change of position, immutable but for the reason the reader may add later. Sync merges
 * history as a union, so an entry can be neither rewritten nor removed everywhere: a correction
 * made while the reader is still deciding moves the position alone (see `setPosition`). So `to` is
 * where the change first went; read history through `settledHistory`, which says where it settled.
 */
export interface HistoryEntry {
  from: Position | null;
  to: Position | null;
  /** "What changed my mind". */
  reason?: Stamped<string>;
}

export interface QuestionRecord {
  q: Stamped<QuestionSnapshot>;
  position?: Stamped<Position | null>;
  note?: Stamped<string>;
  /** Only a note marked shared goes into exports; private is the default. */
  shared?: Stamped<boolean>;
  /** Keyed by the stamp of the change: a grow-only map, so merging is a union. */
  history: Record<Stamp, HistoryEntry>;
  /** The reader removed this question (their own questions only); a tombstone that travels. */
  removed?: Stamped<boolean>;
}

export interface ArticleMeta {
  title: string;
  siteName: string;
  lang: string;
  readingMinutes: number;
}

export interface ArticleRecord {
  /** The canonical URL: the article's identity everywhere. */
  url: string;
  meta: Stamped<ArticleMeta>;
  note?: Stamped<string>;
  questions: Record<string, QuestionRecord>;
  /** Kept on this device only: never written to storage.sync. */
  localOnly?: Stamped<boolean>;
  /** Deleted from My debates; kept as a tombstone so other devices do not bring it back. */
  deleted?: Stamped<boolean>;
}

/**
 * The reader's last activity on an article (My debates' order, sync's recency). A question's
 * snapshot is left out: the page rewording a question is not the reader's doing.
 */
export function lastActivity(article: ArticleRecord): Stamp {
  let latest = article.meta.at;
  const see = (s: Stamp | undefined) => {
    if (s && s > latest) latest = s;
  };
  see(article.note?.at);
  see(article.localOnly?.at);
  see(article.deleted?.at);
  for (const q of Object.values(article.questions)) {
    see(q.position?.at);
    see(q.note?.at);
    see(q.shared?.at);
    see(q.removed?.at);
    for (const [at, entry] of Object.entries(q.history)) {
      see(at);
      see(entry.reason?.at);
    }
  }
  return latest;
}

/**
 * The newest stamp anywhere in an article, snapshots included: what a reader of this record must
 * fold into its clock, so that whatever it writes next sorts after every value it has seen.
 */
export function newestStamp(article: ArticleRecord): Stamp {
  let newest = lastActivity(article);
  for (const q of Object.values(article.questions)) if (q.q.at > newest) newest = q.q.at;
  return newest;
}

export function isDeleted(article: ArticleRecord): boolean {
  return article.deleted?.v === true;
}

/** A question counts as answered once it has a position, "undecided" included, or, when open, words. */
export function isAnswered(q: QuestionRecord): boolean {
  if (q.removed?.v === true) return false;
  // An open question is answered in words: its note is the answer.
  if (q.q.v.form.type === 'open') return Boolean(q.note?.v.trim());
  return q.position != null && q.position.v != null;
}

/** A change of position as the reader settled it, keyed by the stamp its reason attaches to. */
export interface SettledChange {
  at: Stamp;
  from: Position | null;
  to: Position | null;
  reason: string;
}

/**
 * The changes of position, oldest first, each ending where the reader settled: at the next
 * change's `from`, or at the current position for the last one. A change the reader took back
 * (it ends where it started) is left out. Every device derives the same list from the same merged
 * record, and the position register is never older than any entry, so the last one ends right.
 */
export function settledHistory(q: QuestionRecord): SettledChange[] {
  const stamps = Object.keys(q.history).sort();
  const changes: SettledChange[] = [];
  stamps.forEach((at, i) => {
    const entry = q.history[at]!;
    const next = stamps[i + 1];
    let to = entry.to;
    if (next !== undefined) to = q.history[next]!.from;
    else if (q.position) to = q.position.v;
    if (to !== entry.from) changes.push({ at, from: entry.from, to, reason: entry.reason?.v ?? '' });
  });
  return changes;
}

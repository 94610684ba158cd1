// What the panel shows, derived from the page's extraction and the reader's saved record:
// sections in page order, questions that left the page, movement summaries, library search.
import type { ExtractedQuestion, Extraction } from '@/utils/extract/types';
import { snapshotOf } from './actions';
import { type Stamp, stampTime } from './clock';
import {
  type ArticleRecord,
  isAnswered,
  isDeleted,
  lastActivity,
  type QuestionRecord,
  type QuestionSnapshot,
  type SavedQuestionKind,
} from './model';

export interface PanelQuestion {
  id: string;
  snapshot: QuestionSnapshot;
  record?: QuestionRecord;
  /** False for a saved question the page no longer shows. */
  onPage: boolean;
}

export type SectionName = 'debate' | 'claims' | 'raised' | 'own' | 'gone';

export interface PanelSection {
  name: SectionName;
  questions: PanelQuestion[];
}

const SECTION_OF: Record<SavedQuestionKind, SectionName> = {
  debate: 'debate',
  claim: 'claims',
  raised: 'raised',
  own: 'own',
};

// A change touches one question: the questions that did not change keep their PanelQuestion
// object, so the panel re-renders one card, not every card. Keyed by the objects they come from,
// so the caches never outlive them.
const pageCache = new WeakMap<
  ExtractedQuestion,
  { order: number; saved: QuestionRecord | undefined; panel: PanelQuestion }
>();
const savedCache = new WeakMap<QuestionRecord, { onPage: boolean; panel: PanelQuestion }>();
// The saved questions in page order, kept while no question is added, removed or reordered.
const orderCache = new WeakMap<Record<string, QuestionRecord>, string[]>();
let lastOrder: { ids: string[]; orders: Map<string, number> } | null = null;

function pageQuestion(q: ExtractedQuestion, order: number, saved: QuestionRecord | undefined): PanelQuestion {
  const cached = pageCache.get(q);
  if (cached && cached.order === order && cached.saved === saved) return cached.panel;
  const previous = cached?.order === order ? cached.panel.snapshot : snapshotOf(q, order);
  const panel: PanelQuestion = { id: q.id, snapshot: previous, record: saved, onPage: true };
  pageCache.set(q, { order, saved, panel });
  return panel;
}

function savedQuestion(id: string, q: QuestionRecord, onPage: boolean): PanelQuestion {
  const cached = savedCache.get(q);
  if (cached && cached.onPage === onPage && cached.panel.id === id) return cached.panel;
  const panel: PanelQuestion = { id, snapshot: q.q.v, record: q, onPage };
  savedCache.set(q, { onPage, panel });
  return panel;
}

/** Ids of the saved questions by their page order; sorts only when the ids or orders changed. */
function savedOrder(questions: Record<string, QuestionRecord>): string[] {
  const known = orderCache.get(questions);
  if (known) return known;
  const ids = Object.keys(questions);
  let ordered: string[];
  if (
    lastOrder &&
    lastOrder.ids.length === ids.length &&
    ids.every((id) => lastOrder!.orders.get(id) === questions[id]!.q.v.order)
  ) {
    ordered = lastOrder.ids;
  } else {
    ordered = ids.sort((a, b) => questions[a]!.q.v.order - questions[b]!.q.v.order);
    lastOrder = { ids: ordered, orders: new Map(ordered.map((id) => [id, questions[id]!.q.v.order])) };
  }
  orderCache.set(questions, ordered);
  return ordered;
}

/** Page questions first (in page order), then the reader's own, then saved ones the page dropped. */
export function panelSections(extraction: Extraction | null, record: ArticleRecord | null): PanelSection[] {
  const sections = new Map<SectionName, PanelQuestion[]>(
    (['debate', 'claims', 'raised', 'own', 'gone'] as const).map((n) => [n, []]),
  );
  const seen = new Set<string>();
  const pageQuestions: ExtractedQuestion[] = extraction?.questions ?? [];
  pageQuestions.forEach((q, order) => {
    seen.add(q.id);
    sections.get(SECTION_OF[q.kind])!.push(pageQuestion(q, order, record?.questions[q.id]));
  });
  const questions = record?.questions ?? {};
  for (const id of savedOrder(questions)) {
    const q = questions[id]!;
    // A page question synced without its wording (sync's compact tier) waits for the page to
    // give its text back: no empty card meanwhile, and its data is kept.
    if (seen.has(id) || q.removed?.v === true || isUnworded(q.q.v)) continue;
    // Own questions and passages the reader picked are theirs, not the page's: they never "leave".
    const own = q.q.v.kind === 'own' || q.q.v.anchor !== undefined;
    // Without an extraction (saved positions shown before the page is read) nothing is "gone" yet.
    const onPage = own || extraction === null;
    const section = own
      ? q.q.v.kind === 'own'
        ? 'own'
        : 'claims'
      : onPage
        ? SECTION_OF[q.q.v.kind]
        : 'gone';
    sections.get(section)!.push(savedQuestion(id, q, onPage));
  }
  return [...sections].filter(([, qs]) => qs.length > 0).map(([name, questions]) => ({ name, questions }));
}

function isUnworded(s: QuestionSnapshot): boolean {
  return s.text === '' && s.kind !== 'own' && s.anchor === undefined;
}

/**
 * "N of M answered": the questions put to the reader. Questions merely raised in the text are left
 * out, answered or not: the author did not ask them, and a page raising twenty would swamp the count.
 */
export function answeredCount(sections: PanelSection[]): { answered: number; total: number } {
  let answered = 0;
  let total = 0;
  for (const s of sections) {
    if (s.name === 'raised') continue;
    for (const q of s.questions) {
      total++;
      if (q.record && isAnswered(q.record)) answered++;
    }
  }
  return { answered, total };
}

/** How many raised questions a section shows before "Show more": the best few (they come ranked). */
export const RAISED_AT_ONCE = 3;

/**
 * The cards a section shows at `limit`: the first `limit`, and past them any question the reader
 * has already touched, so a position or an answer is never hidden behind "Show more".
 */
export function visibleQuestions(questions: PanelQuestion[], limit: number): PanelQuestion[] {
  if (questions.length <= limit) return questions;
  return questions.filter((q, i) => i < limit || q.record !== undefined);
}

/** Relative time such as "3 days ago", in the interface language. */
export function relativeTime(then: number, now: number, lang: string): string {
  const seconds = Math.round((then - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31536000],
    ['month', 2592000],
    ['week', 604800],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const format = relativeFormat(lang);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

// Building an Intl formatter costs far more than using one: a panel of 200 cards asks hundreds of times.
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(lang: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(lang);
  if (!format) {
    format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    relativeFormats.set(lang, format);
  }
  return format;
}

export function stampAge(at: Stamp, now: number, lang: string): string {
  return relativeTime(stampTime(at), now, lang);
}

// --- My debates ---------------------------------------------------------------------------

/** What My debates needs of an article: small, so 2,000 of them open at once. */
export interface LibrarySummary {
  url: string;
  title: string;
  siteName: string;
  lastActivity: Stamp;
  answered: number;
  deleted: boolean;
  /** Title, site and notes, folded for search and capped. */
  searchText: string;
}

const SEARCH_TEXT_CAP = 2000;

export function summarizeArticle(article: ArticleRecord): LibrarySummary {
  const notes = [article.note?.v ?? '', ...Object.values(article.questions).map((q) => q.note?.v ?? '')];
  return {
    url: article.url,
    title: article.meta.v.title,
    siteName: article.meta.v.siteName,
    lastActivity: lastActivity(article),
    answered: Object.values(article.questions).filter(isAnswered).length,
    deleted: isDeleted(article),
    searchText: foldForSearch(
      [article.meta.v.title, article.meta.v.siteName, ...notes].join(' ').replace(/\s+/g, ' '),
    ).slice(0, SEARCH_TEXT_CAP),
  };
}

/** Articles not deleted, most recent activity first. */
export function libraryEntries(summaries: LibrarySummary[]): LibrarySummary[] {
  return summaries
    .filter((s) => !s.deleted)
    .sort((a, b) => (a.lastActivity < b.lastActivity ? 1 : a.lastActivity > b.lastActivity ? -1 : 0));
}

/** Folded for search: case and diacritics do not matter ("debat" finds "Débat"). */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function searchLibrary(entries: LibrarySummary[], query: string): LibrarySummary[] {
  const terms = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return entries;
  return entries.filter((entry) => terms.every((term) => entry.searchText.includes(term)));
}

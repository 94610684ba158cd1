// The panel's article session: which tab it follows, what the page says, and the reader's
// record for that article. Actions stamp each change, show it at once, and save it shortly
// after (flushed when the panel hides, so closing mid-typing loses nothing).
import { computed, signal } from '@preact/signals';
import { questionId } from '@/utils/extract/ids';
import type { ExtractedQuestion, Extraction } from '@/utils/extract/types';
import { cleanArticleUrl } from '@/utils/extract/url';
import { extractFromTab, type PageFailure, type PageRead, type TargetTab } from '@/utils/page-bridge';
import * as act from '@/utils/positions/actions';
import type { Stamp } from '@/utils/positions/clock';
import { mergeArticle } from '@/utils/positions/merge';
import type { ArticleMeta, ArticleRecord, QuestionSnapshot } from '@/utils/positions/model';
import {
  articleUrlForPage,
  loadArticle,
  nextStamp,
  rememberPageUrl,
  saveArticle,
  watchArticles,
} from '@/utils/positions/store';
import { panelSections } from '@/utils/positions/view';
import { clickGrantHolds, lastToolbarClickItem } from '@/utils/toolbar-click';

export type PageState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; extraction: Extraction }
  | { status: 'failed'; reason: PageFailure };

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

export const tab = signal<TargetTab | null>(null);
export const page = signal<PageState>({ status: 'idle' });
export const record = signal<ArticleRecord | null>(null);
export const saveState = signal<SaveState>('idle');
export const saveError = signal('');

const extraction = computed(() => (page.value.status === 'ready' ? page.value.extraction : null));
export const sections = computed(() => panelSections(extraction.value, record.value));

/** The article's identity: the extraction's canonical URL, else the tab's cleaned URL. */
export const articleUrl = computed(
  () =>
    extraction.value?.article?.url ?? record.value?.url ?? (tab.value?.url ? guessUrl(tab.value.url) : null),
);

function guessUrl(pageUrl: string): string | null {
  return cleanArticleUrl(pageUrl, pageUrl);
}

let readGeneration = 0;

/**
 * Follow a tab: show what is saved for it at once (`onSavedShown` is called then), then read the
 * page. Resolves once the page is read or has failed.
 */
export async function openTab(target: TargetTab, onSavedShown?: () => void): Promise<void> {
  const generation = ++readGeneration;
  try {
    await readTab(target, generation, onSavedShown);
  } catch (error) {
    // A record this version cannot read must not leave the panel stuck on "Reading…".
    console.error('Stance could not open this tab', error);
    if (generation === readGeneration) page.value = { status: 'failed', reason: 'failed' };
  }
}

async function readTab(target: TargetTab, generation: number, onSavedShown?: () => void): Promise<void> {
  await flushSave();
  tab.value = target;
  page.value = { status: 'loading' };
  const pageUrl = target.url ? guessUrl(target.url) : null;
  const guessed = pageUrl ? await articleUrlForPage(pageUrl) : null;
  record.value = guessed ? await loadArticle(guessed) : null;
  onSavedShown?.();
  const read = await readPage(target);
  if (generation !== readGeneration) return; // the reader moved on meanwhile
  if (!read.ok) {
    page.value = { status: 'failed', reason: read.reason };
    return;
  }
  if (!read.extraction.article) {
    page.value = { status: 'failed', reason: 'no-article' };
    return;
  }
  const canonical = read.extraction.article.url;
  if (pageUrl) void rememberPageUrl(pageUrl, canonical);
  if (canonical !== record.value?.url) {
    const saved = await loadArticle(canonical);
    if (generation !== readGeneration) return;
    record.value = saved;
  }
  page.value = { status: 'ready', extraction: read.extraction };
}

/** A refusal after the reader's click on this very page means the browser forbids the page. */
async function readPage(target: TargetTab): Promise<PageRead> {
  const read = await extractFromTab(target);
  if (read.ok || read.reason !== 'needs-access') return read;
  const click = await lastToolbarClickItem.getValue().catch(() => null);
  return clickGrantHolds(click, target.tabId) ? { ok: false, reason: 'unreadable' } : read;
}

export function reread(): Promise<void> {
  return tab.value ? openTab(tab.value) : Promise.resolve();
}

// --- Changes ------------------------------------------------------------------------------

function metaFromPage(): ArticleMeta {
  const article = extraction.value?.article;
  return {
    title: article?.title ?? record.value?.meta.v.title ?? '',
    siteName: article?.siteName ?? record.value?.meta.v.siteName ?? '',
    lang: article?.lang ?? record.value?.meta.v.lang ?? '',
    readingMinutes: article?.readingMinutes ?? record.value?.meta.v.readingMinutes ?? 0,
  };
}

/**
 * Apply one change: create the record on the first action, keep its meta current, and save it —
 * at once for a click, shortly after for typing (one write per pause, not per key).
 */
function change(
  apply: (article: ArticleRecord, at: Stamp) => ArticleRecord,
  question?: [string, QuestionSnapshot],
  when: 'now' | 'soon' = 'now',
) {
  const url = articleUrl.value;
  if (!url) return;
  const at = nextStamp();
  let article = record.value ?? act.newArticle(url, metaFromPage(), at);
  article = act.setArticleMeta(article, metaFromPage(), at);
  if (question) article = act.ensureQuestion(article, question[1], question[0], at);
  const next = apply(article, at);
  if (next === record.value) return;
  record.value = next;
  scheduleSave();
  if (when === 'now') void flushSave();
}

export interface QuestionRef {
  id: string;
  snapshot: QuestionSnapshot;
}

export const setPosition = (q: QuestionRef, position: Parameters<typeof act.setPosition>[2]) =>
  change((a, at) => act.setPosition(a, q.id, position, at), [q.id, q.snapshot]);

export const setQuestionNote = (q: QuestionRef, note: string) =>
  change((a, at) => act.setQuestionNote(a, q.id, note, at), [q.id, q.snapshot], 'soon');

export const setNoteShared = (q: QuestionRef, shared: boolean) =>
  change((a, at) => act.setNoteShared(a, q.id, shared, at), [q.id, q.snapshot]);

export const setChangeReason = (q: QuestionRef, changeAt: Stamp, reason: string) =>
  change((a, at) => act.setChangeReason(a, q.id, changeAt, reason, at), undefined, 'soon');

export const setArticleNote = (note: string) =>
  change((a, at) => act.setArticleNote(a, note, at), undefined, 'soon');

export const setLocalOnly = (localOnly: boolean) => change((a, at) => act.setLocalOnly(a, localOnly, at));

export const removeOwnQuestion = (id: string) => change((a, at) => act.removeQuestion(a, id, true, at));

/** The reader's own question, or a passage they picked on the page ("Debate this passage"). */
export function addOwnQuestion(question: ExtractedQuestion, anchor?: string) {
  const order = 10_000 + Object.keys(record.value?.questions ?? {}).length;
  const snapshot: QuestionSnapshot = {
    kind: anchor ? 'claim' : 'own',
    label: '',
    text: question.text,
    form: question.form,
    order,
  };
  if (anchor) snapshot.anchor = anchor;
  change((a) => a, [question.id, snapshot]);
}

/** A passage of the page to weigh, as a claim anchored to the quoted text. */
export function addPassage(passage: string) {
  addOwnQuestion(
    { id: questionId(passage), kind: 'claim', label: '', text: passage, form: { type: 'agree-disagree' } },
    passage,
  );
}

// --- Saving -------------------------------------------------------------------------------

const SAVE_DELAY_MS = 400;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleSave() {
  saveState.value = 'saving';
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void flushSave(), SAVE_DELAY_MS);
}

/** Write the pending change now (the panel is hiding, or another article is opening). */
export async function flushSave(): Promise<void> {
  if (saveTimer === undefined) return;
  clearTimeout(saveTimer);
  saveTimer = undefined;
  const article = record.value;
  if (!article) return;
  try {
    await saveArticle(article);
    saveState.value = 'saved';
    saveError.value = '';
  } catch (error) {
    // Keep the change in the panel and say so: a silent default here would lose the reader's words.
    saveState.value = 'error';
    saveError.value = error instanceof Error ? error.message : String(error);
    scheduleSave();
  }
}

/** Changes from other panels, the background's sync, or a restore: merged, never overwritten. */
export function followStoreChanges(): () => void {
  return watchArticles((url, stored) => {
    const mine = record.value;
    if (url !== articleUrl.value) return;
    if (!stored) {
      record.value = null;
      return;
    }
    record.value = mine ? mergeArticle(mine, stored) : stored;
  });
}

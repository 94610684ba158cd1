// The panel's article session: which tab it follows, what the page says, and the reader's record
// for that article. Actions stamp each change, show it at once and save it shortly after (flushed
// when the panel hides). A change storage refuses stays in the panel and in a durable side store,
// and is retried until it is written: the reader's words are never dropped for a full disk.
import { computed, signal } from '@preact/signals';
import { questionId } from '@/utils/extract/ids';
import type { ExtractedQuestion, Extraction } from '@/utils/extract/types';
import { cleanArticleUrl } from '@/utils/extract/url';
import { t } from '@/utils/i18n';
import type { PageFailure, PageRead, TargetTab } from '@/utils/page-bridge';
import * as act from '@/utils/positions/actions';
import type { Stamp } from '@/utils/positions/clock';
import { mergeArticle } from '@/utils/positions/merge';
import type { ArticleMeta, ArticleRecord, QuestionSnapshot } from '@/utils/positions/model';
import { isOutOfSpace, type UnsavedStore } from '@/utils/positions/unsaved';
import { panelSections } from '@/utils/positions/view';

export type PageState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; extraction: Extraction }
  | { status: 'failed'; reason: PageFailure };

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/** What the session needs from the world; the panel passes the real ones, tests their own. */
export interface ArticleSessionDeps {
  /** Reads the article from the tab (the page bridge), including "after a click, still refused". */
  readPage(target: TargetTab): Promise<PageRead>;
  loadArticle(url: string): Promise<ArticleRecord | null>;
  /** Saves merged with what storage holds, and returns what was written. */
  saveArticle(article: ArticleRecord): Promise<ArticleRecord>;
  articleUrlForPage(pageUrl: string): Promise<string>;
  rememberPageUrl(pageUrl: string, articleUrl: string): Promise<void>;
  watchArticles(onChange: (url: string, article: ArticleRecord | null) => void): () => void;
  nextStamp(): Stamp;
  /** Where refused changes wait; `null` keeps them in this page's memory only. */
  unsaved: UnsavedStore | null;
  /** Runs `run` after `ms`; returns a cancel. Defaults to setTimeout. */
  setTimer?(run: () => void, ms: number): () => void;
}

export interface QuestionRef {
  id: string;
  snapshot: QuestionSnapshot;
}

/** Typing waits this long for a pause before saving: one write per pause, not per key. */
const SAVE_DELAY_MS = 400;
/** After a refusal, retry at these delays (the last one repeats) until a save succeeds. */
const RETRY_DELAYS_MS = [2_000, 5_000, 15_000, 30_000];

export type ArticleSession = ReturnType<typeof createArticleSession>;

export function createArticleSession(deps: ArticleSessionDeps) {
  const setTimer =
    deps.setTimer ??
    ((run: () => void, ms: number) => {
      const id = setTimeout(run, ms);
      return () => clearTimeout(id);
    });

  const tab = signal<TargetTab | null>(null);
  const page = signal<PageState>({ status: 'idle' });
  const record = signal<ArticleRecord | null>(null);
  const saveState = signal<SaveState>('idle');
  /** The message to show while a save is refused, in the reader's language; '' otherwise. */
  const saveError = signal('');

  const extraction = computed(() => (page.value.status === 'ready' ? page.value.extraction : null));
  const sections = computed(() => panelSections(extraction.value, record.value));
  /** The article's identity: the extraction's canonical URL, else the tab's cleaned URL. */
  const articleUrl = computed(
    () =>
      extraction.value?.article?.url ??
      record.value?.url ??
      (tab.value?.url ? guessUrl(tab.value.url) : null),
  );

  /** Changes not yet in storage, by article URL: they survive moving to another tab. */
  const pending = new Map<string, ArticleRecord>();
  let readGeneration = 0;

  /** What storage holds for `url`, with any change of ours it has not taken yet. */
  async function loadWithPending(url: string): Promise<ArticleRecord | null> {
    const stored = await deps.loadArticle(url);
    const mine = pending.get(url);
    if (!mine) return stored;
    return stored ? mergeArticle(stored, mine) : mine;
  }

  /**
   * Follow a tab: show what is saved for it at once (`onSavedShown` is called then), then read the
   * page. Resolves once the page is read or has failed.
   */
  async function openTab(target: TargetTab, onSavedShown?: () => void): Promise<void> {
    const generation = ++readGeneration;
    try {
      await readTab(target, generation, onSavedShown);
    } catch (error) {
      // A record this version cannot read must not leave the panel stuck on "Reading…".
      console.error('Stance could not open this tab', error);
      if (generation === readGeneration) page.value = { status: 'failed', reason: 'failed' };
    }
  }

  async function readTab(target: TargetTab, generation: number, onSavedShown?: () => void) {
    await flushSave();
    tab.value = target;
    page.value = { status: 'loading' };
    const pageUrl = target.url ? guessUrl(target.url) : null;
    // Most addresses are their article's: read its record while asking whether it is another's,
    // so the saved positions wait on one storage round trip, not two.
    const atAddress = pageUrl ? loadWithPending(pageUrl) : null;
    atAddress?.catch(() => {});
    const guessed = pageUrl ? await deps.articleUrlForPage(pageUrl) : null;
    record.value = guessed ? await (guessed === pageUrl ? atAddress! : loadWithPending(guessed)) : null;
    onSavedShown?.();
    const read = await deps.readPage(target);
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
    if (pageUrl) void deps.rememberPageUrl(pageUrl, canonical).catch(() => {});
    if (canonical !== record.value?.url) {
      const saved = await loadWithPending(canonical);
      if (generation !== readGeneration) return;
      record.value = saved;
    }
    page.value = { status: 'ready', extraction: read.extraction };
  }

  function reread(): Promise<void> {
    return tab.value ? openTab(tab.value) : Promise.resolve();
  }

  // --- Changes ----------------------------------------------------------------------------

  function metaFromPage(): ArticleMeta {
    const article = extraction.value?.article;
    const saved = record.value?.meta.v;
    return {
      title: article?.title ?? saved?.title ?? '',
      siteName: article?.siteName ?? saved?.siteName ?? '',
      lang: article?.lang ?? saved?.lang ?? '',
      readingMinutes: article?.readingMinutes ?? saved?.readingMinutes ?? 0,
    };
  }

  /**
   * Apply one change: create the record on the first action, keep its meta current, and save it,
   * at once for a click, after a pause for typing. Resolves true once the change is in storage.
   */
  function change(
    apply: (article: ArticleRecord, at: Stamp) => ArticleRecord,
    question?: [string, QuestionSnapshot],
    when: 'now' | 'soon' = 'now',
  ): Promise<boolean> {
    const url = articleUrl.value;
    if (!url) return Promise.resolve(false);
    const at = deps.nextStamp();
    let article = record.value ?? act.newArticle(url, metaFromPage(), at);
    article = act.setArticleMeta(article, metaFromPage(), at);
    if (question) article = act.ensureQuestion(article, question[1], question[0], at);
    const next = apply(article, at);
    if (next === record.value) return Promise.resolve(true);
    record.value = next;
    pending.set(next.url, next);
    if (saveState.value !== 'error') saveState.value = 'saving';
    return when === 'now' ? flushSave() : scheduleSave(SAVE_DELAY_MS);
  }

  const setPosition = (q: QuestionRef, position: Parameters<typeof act.setPosition>[2]) =>
    change((a, at) => act.setPosition(a, q.id, position, at), [q.id, q.snapshot]);
  const setQuestionNote = (q: QuestionRef, note: string) =>
    change((a, at) => act.setQuestionNote(a, q.id, note, at), [q.id, q.snapshot], 'soon');
  const setNoteShared = (q: QuestionRef, shared: boolean) =>
    change((a, at) => act.setNoteShared(a, q.id, shared, at), [q.id, q.snapshot]);
  const setChangeReason = (q: QuestionRef, changeAt: Stamp, reason: string) =>
    change((a, at) => act.setChangeReason(a, q.id, changeAt, reason, at), undefined, 'soon');
  const setArticleNote = (note: string) =>
    change((a, at) => act.setArticleNote(a, note, at), undefined, 'soon');
  const setLocalOnly = (localOnly: boolean) => change((a, at) => act.setLocalOnly(a, localOnly, at));
  const removeOwnQuestion = (id: string) => change((a, at) => act.removeQuestion(a, id, true, at));

  /** The reader's own question, or a passage they picked on the page ("Debate this passage"). */
  function addOwnQuestion(question: ExtractedQuestion, anchor?: string) {
    const order = 10_000 + Object.keys(record.value?.questions ?? {}).length;
    const snapshot: QuestionSnapshot = {
      kind: anchor ? 'claim' : 'own',
      label: '',
      text: question.text,
      form: question.form,
      order,
    };
    if (anchor) snapshot.anchor = anchor;
    return change((a) => a, [question.id, snapshot]);
  }

  /** Questions added all at once (a teacher's question pack), in one save; ids already held are kept. */
  function addQuestions(questions: [string, QuestionSnapshot][]) {
    return change((a, at) =>
      questions.reduce(
        (r, [id, snapshot]) => (Object.hasOwn(r.questions, id) ? r : act.ensureQuestion(r, snapshot, id, at)),
        a,
      ),
    );
  }

  /** A passage of the page to weigh, as a claim anchored to the quoted text. */
  function addPassage(passage: string) {
    return addOwnQuestion(
      { id: questionId(passage), kind: 'claim', label: '', text: passage, form: { type: 'agree-disagree' } },
      passage,
    );
  }

  // --- Saving -----------------------------------------------------------------------------

  let cancelTimer: (() => void) | null = null;
  let waiting: { promise: Promise<boolean>; resolve: (saved: boolean) => void } | null = null;
  let failures = 0;
  let flushing: Promise<boolean> | null = null;

  /** Saves after `ms` (a pause in typing, or a retry); resolves with that save's outcome. */
  function scheduleSave(ms: number): Promise<boolean> {
    cancelTimer?.();
    if (!waiting) {
      let resolve!: (saved: boolean) => void;
      const promise = new Promise<boolean>((r) => {
        resolve = r;
      });
      waiting = { promise, resolve };
    }
    const mine = waiting;
    cancelTimer = setTimer(() => {
      cancelTimer = null;
      void flushSave();
    }, ms);
    return mine.promise;
  }

  /** Write every pending change now; resolves true when storage holds them all. */
  function flushSave(): Promise<boolean> {
    cancelTimer?.();
    cancelTimer = null;
    const settle = waiting;
    waiting = null;
    // One flush at a time; a change made during one is picked up by the next.
    const run = (flushing ?? Promise.resolve(true)).then(writePending);
    flushing = run;
    void run.then((saved) => {
      if (flushing === run) flushing = null;
      settle?.resolve(saved);
    });
    return run;
  }

  async function writePending(): Promise<boolean> {
    if (pending.size === 0) return true;
    let refusal: unknown = null;
    let keptAside = deps.unsaved !== null;
    for (const [url, article] of [...pending]) {
      try {
        const written = await deps.saveArticle(article);
        // A newer change made while this one was written stays pending.
        if (pending.get(url) === article) pending.delete(url);
        if (record.value?.url === url) record.value = mergeArticle(record.value, written);
        await deps.unsaved?.remove(url).catch(() => {});
      } catch (error) {
        refusal = error;
        // Kept where it survives the panel closing; if even that fails, it stays in memory.
        await deps.unsaved?.put(article).catch(() => {
          keptAside = false;
        });
      }
    }
    if (refusal === null) {
      failures = 0;
      saveError.value = '';
      saveState.value = pending.size > 0 ? 'saving' : 'saved';
      return pending.size === 0;
    }
    // Say so and keep trying; the state stays 'error' until a save succeeds.
    saveState.value = 'error';
    if (!isOutOfSpace(refusal)) {
      saveError.value = t('errorStorage', refusal instanceof Error ? refusal.message : String(refusal));
    } else {
      // Only promise a safe copy when the side store took one.
      saveError.value = t(keptAside ? 'errorStorageFull' : 'errorStorageFullKeepOpen');
    }
    const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)]!;
    failures++;
    void scheduleSave(delay);
    return false;
  }

  /** Changes an earlier panel could not save (they waited in the side store): save them now. */
  async function recoverUnsaved(): Promise<void> {
    const waitingChanges = (await deps.unsaved?.all().catch(() => [])) ?? [];
    for (const article of waitingChanges) {
      const mine = pending.get(article.url);
      pending.set(article.url, mine ? mergeArticle(mine, article) : article);
    }
    if (waitingChanges.length > 0) await flushSave();
  }

  /** Changes from other panels, the background's sync, or a restore: merged, never overwritten. */
  function followStoreChanges(): () => void {
    return deps.watchArticles((url, stored) => {
      if (url !== articleUrl.value) return;
      const mine = pending.get(url) ?? record.value;
      if (!stored) {
        record.value = pending.get(url) ?? null;
        return;
      }
      record.value = mine ? mergeArticle(mine, stored) : stored;
    });
  }

  return {
    tab,
    page,
    record,
    saveState,
    saveError,
    sections,
    articleUrl,
    openTab,
    reread,
    setPosition,
    setQuestionNote,
    setNoteShared,
    setChangeReason,
    setArticleNote,
    setLocalOnly,
    removeOwnQuestion,
    addOwnQuestion,
    addQuestions,
    addPassage,
    flushSave,
    recoverUnsaved,
    followStoreChanges,
  };
}

function guessUrl(pageUrl: string): string | null {
  return cleanArticleUrl(pageUrl, pageUrl);
}

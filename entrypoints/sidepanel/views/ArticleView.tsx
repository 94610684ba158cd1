// The article the reader is on: its state while Stance reads it, then its questions by section
// (the first SHOWN_AT_ONCE of each — of questions raised in the text, the best RAISED_AT_ONCE —
// then "Show more").
import { Component } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { AddQuestion } from '@/components/AddQuestion';
import { ArticleHeader } from '@/components/ArticleHeader';
import { NoteEditor } from '@/components/NoteEditor';
import { QuestionCard } from '@/components/QuestionCard';
import { questionId } from '@/utils/extract/ids';
import type { AnswerForm } from '@/utils/extract/types';
import { type MessageKey, t, uiLanguage } from '@/utils/i18n';
import { type PageFailure, readSelection, showInPage } from '@/utils/page-bridge';
import { cleanPassage } from '@/utils/pending-passage';
import { positionLabel } from '@/utils/positions/labels';
import {
  answeredCount,
  type PanelQuestion,
  RAISED_AT_ONCE,
  type SectionName,
  visibleQuestions,
} from '@/utils/positions/view';
import type { ArticleSession } from '../state/article-session';
import { useAnnouncer, useArticleSession } from '../state/context';

const SECTION_TITLE: Record<SectionName, MessageKey> = {
  debate: 'sectionDebate',
  claims: 'sectionClaims',
  raised: 'sectionRaised',
  own: 'sectionOwn',
  gone: 'sectionGone',
};

const FAILURE_MESSAGE: Record<PageFailure, MessageKey> = {
  'no-article': 'stateNoArticle',
  'too-large': 'stateTooLarge',
  'restricted-page': 'stateRestricted',
  pdf: 'statePdf',
  'error-page': 'stateErrorPage',
  'not-loaded': 'stateNotLoaded',
  'needs-access': import.meta.env.FIREFOX ? 'stateNeedsAccessFirefox' : 'stateNeedsAccess',
  unreadable: 'stateUnreadable',
  failed: 'stateFailed',
};

/** Reading again can help only where the page itself may change; elsewhere a click or nothing will. */
const RETRY_HELPS: ReadonlySet<PageFailure> = new Set(['no-article', 'not-loaded', 'failed']);

/**
 * Cards a section shows at first, and how many more each "Show more" adds: every real article
 * fits, and a page of thousands of questions still paints, answers a click and takes a keystroke
 * at once (only these cards are in the DOM).
 */
export const SHOWN_AT_ONCE = 50;

let numberFormat: Intl.NumberFormat | undefined;
function formatCount(n: number): string {
  numberFormat ??= new Intl.NumberFormat(uiLanguage());
  return numberFormat.format(n);
}

/**
 * The answer form of a question the reader writes. The cue lexicon it reads is a chunk of its own,
 * loaded on the first such question rather than before the panel's first paint; should it fail to
 * load (Stance updated under an open panel), the question is kept with the Disagree…Agree scale.
 */
async function formOf(text: string, lang: string): Promise<AnswerForm> {
  try {
    const { answerFormFor } = await import('@/utils/extract/forms');
    return answerFormFor(text, lang);
  } catch {
    return { type: 'agree-disagree' };
  }
}

/** Questions whose note changed since the last save: only their cards say "Saving…". */
const notesSaving = new Set<string>();

export interface ArticleViewProps {
  /** Offered when following tabs needs the optional permission. */
  onGrantFollow?: () => void;
  /** Opens the Group page at the question pack: a teacher starts from the article. */
  onOpenPack?: () => void;
}

export function ArticleView({ onGrantFollow, onOpenPack }: ArticleViewProps) {
  const session = useArticleSession();
  const { announce } = useAnnouncer();
  const page = session.page.value;
  const record = session.record.value;
  const sections = session.sections.value;
  const saving = session.saveState.value === 'saving';
  if (!saving) notesSaving.clear();
  // How many cards each section shows, for this article only: a new article starts folded.
  const url = session.articleUrl.value;
  const [shown, setShown] = useState<{ url: string | null; counts: Partial<Record<SectionName, number>> }>({
    url,
    counts: {},
  });
  const counts = shown.url === url ? shown.counts : {};
  // "Show more" moves focus to the first card it reveals, so a keyboard reader goes on from there.
  const focusNext = useRef<string | null>(null);
  useLayoutEffect(() => {
    const id = focusNext.current;
    focusNext.current = null;
    const heading = id ? document.getElementById(`q-${id}`) : null;
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  });
  const showMore = (name: SectionName, questions: PanelQuestion[], limit: number) => {
    const next = Math.min(limit + SHOWN_AT_ONCE, questions.length);
    // The first card it reveals: one the reader touched may already be shown past the limit.
    focusNext.current = questions.find((q, i) => i >= limit && q.record === undefined)?.id ?? null;
    setShown({ url, counts: { ...counts, [name]: next } });
    announce(
      t('sectionShown', formatCount(visibleQuestions(questions, next).length), formatCount(questions.length)),
    );
  };
  const article = page.status === 'ready' ? page.extraction.article : null;
  const title = article?.title ?? record?.meta.v.title ?? '';
  const { answered, total } = answeredCount(sections);
  const tabId = session.tab.value?.tabId;
  const lang = article?.lang || record?.meta.v.lang || '';

  return (
    <div class="article-view">
      {title && (
        <ArticleHeader
          title={title}
          siteName={article?.siteName ?? record?.meta.v.siteName ?? ''}
          readingMinutes={article?.readingMinutes ?? record?.meta.v.readingMinutes ?? 0}
          answered={answered}
          total={total}
        />
      )}
      {page.status === 'loading' && (
        <p class="state" role="status">
          {t('stateLoading')}
        </p>
      )}
      {page.status === 'idle' && <p class="state">{t('stateNoTab')}</p>}
      {page.status === 'failed' && (
        <div class="state" role="status">
          <p>{t(FAILURE_MESSAGE[page.reason] ?? 'stateFailed')}</p>
          {record && <p class="quiet">{t('stateSavedOnly')}</p>}
          {page.reason === 'needs-access' && onGrantFollow && (
            <p>
              <span class="quiet">{t('followTabsExplain')}</span>{' '}
              <button type="button" onClick={onGrantFollow}>
                {t('followTabsGrant')}
              </button>
            </p>
          )}
          {RETRY_HELPS.has(page.reason) && (
            <button type="button" onClick={() => void session.reread()}>
              {t('retry')}
            </button>
          )}
        </div>
      )}
      {session.saveState.value === 'error' && (
        <p class="error" role="alert">
          {session.saveError.value}
        </p>
      )}
      {page.status === 'ready' && !sections.some((s) => s.name === 'debate') && (
        <p class="quiet">{t('noQuestions')}</p>
      )}
      {sections.map((section) => {
        const limit = counts[section.name] ?? (section.name === 'raised' ? RAISED_AT_ONCE : SHOWN_AT_ONCE);
        const visible = visibleQuestions(section.questions, limit);
        const hidden = section.questions.length - visible.length;
        const countId = `section-${section.name}-shown`;
        return (
          <section
            key={section.name}
            aria-labelledby={`section-${section.name}`}
            lang={section.name === 'own' ? undefined : lang || undefined}
          >
            <h2 id={`section-${section.name}`}>{t(SECTION_TITLE[section.name])}</h2>
            {section.name === 'gone' && <p class="quiet">{t('goneExplain')}</p>}
            {section.name === 'raised' && <p class="quiet">{t('raisedExplain')}</p>}
            {visible.map((q) => (
              <QuestionItem
                key={q.id}
                question={q}
                saving={saving && notesSaving.has(q.id)}
                tabId={tabId}
                session={session}
                announce={announce}
              />
            ))}
            {hidden > 0 && (
              <p class="section-more">
                <span class="quiet" id={countId}>
                  {t('sectionShown', formatCount(visible.length), formatCount(section.questions.length))}
                </span>{' '}
                <button
                  type="button"
                  class="secondary"
                  aria-describedby={countId}
                  onClick={() => showMore(section.name, section.questions, limit)}
                >
                  {t('sectionShowMore', formatCount(Math.min(SHOWN_AT_ONCE, hidden)))}
                </button>
              </p>
            )}
          </section>
        );
      })}
      {(page.status === 'ready' || record) && (
        <section aria-labelledby="article-extras" class="extras">
          <h2 id="article-extras" class="visually-hidden">
            {t('articleNoteLabel')}
          </h2>
          <NoteEditor
            id="article-note"
            label={t('articleNoteLabel')}
            value={record?.note?.v ?? ''}
            onInput={session.setArticleNote}
            saving={saving}
          />
          {record && (
            <label class="check">
              <input
                type="checkbox"
                checked={record.localOnly?.v === true}
                onChange={(e) => session.setLocalOnly(e.currentTarget.checked)}
              />
              {t('articleLocalOnly')}
            </label>
          )}
          {tabId !== undefined && page.status === 'ready' && (
            <p>
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  void readSelection(tabId).then((selection) => {
                    const passage = cleanPassage(selection);
                    if (passage) session.addPassage(passage);
                    else announce(t('passageNoSelection'));
                  })
                }
              >
                {t('passageAdd')}
              </button>
            </p>
          )}
          {onOpenPack && (
            <p>
              <button type="button" class="secondary" onClick={onOpenPack}>
                {t('packOpenFromArticle')}
              </button>
            </p>
          )}
          <AddQuestion
            onAdd={(text) =>
              void formOf(text, lang).then((form) =>
                session.addOwnQuestion({ id: questionId(text), kind: 'debate', label: '', text, form }),
              )
            }
          />
        </section>
      )}
    </div>
  );
}

interface QuestionItemProps {
  question: PanelQuestion;
  saving: boolean;
  tabId: number | undefined;
  /** The panel's session and announcer: the same objects for the panel's life. */
  session: ArticleSession;
  announce: (text: string) => void;
}

/**
 * One card and its actions. It renders again only when its question, its saving state or the tab
 * changes: the panel keeps the objects of questions that did not change (panelSections), so a
 * click or a keystroke renders one card, whatever the number of questions.
 */
class QuestionItem extends Component<QuestionItemProps> {
  override shouldComponentUpdate(next: QuestionItemProps) {
    const { question, saving, tabId } = this.props;
    return next.question !== question || next.saving !== saving || next.tabId !== tabId;
  }

  override render({ question: q, saving, tabId, session, announce }: QuestionItemProps) {
    const ref = { id: q.id, snapshot: q.snapshot };
    const passage = q.snapshot.anchor ?? q.snapshot.text;
    return (
      <QuestionCard
        question={q}
        saving={saving}
        onPosition={(position) =>
          // Said once storage holds it: a refused save shows its alert instead.
          void session.setPosition(ref, position).then((saved) => {
            if (!saved) return;
            announce(
              position === null
                ? t('announceCleared')
                : t('announceSaved', positionLabel(q.snapshot.form, position)),
            );
          })
        }
        onNote={(text) => {
          notesSaving.add(q.id);
          session.setQuestionNote(ref, text);
        }}
        onShared={(shared) => session.setNoteShared(ref, shared)}
        onReason={(at, reason) => session.setChangeReason(ref, at, reason)}
        onShowInPage={
          q.onPage && q.snapshot.kind !== 'own' && tabId !== undefined
            ? () =>
                void showInPage(tabId, passage).then((found) => {
                  if (!found) announce(t('showInPageMissing'));
                })
            : undefined
        }
        onRemove={q.snapshot.kind === 'own' ? () => session.removeOwnQuestion(q.id) : undefined}
      />
    );
  }
}

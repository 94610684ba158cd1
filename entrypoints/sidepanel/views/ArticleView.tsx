// The article the reader is on: its state while Stance reads it, then its questions by section.
import { AddQuestion } from '@/components/AddQuestion';
import { ArticleHeader } from '@/components/ArticleHeader';
import { NoteEditor } from '@/components/NoteEditor';
import { QuestionCard } from '@/components/QuestionCard';
import { answerFormFor } from '@/utils/extract/forms';
import { questionId } from '@/utils/extract/ids';
import { type MessageKey, t } from '@/utils/i18n';
import { type PageFailure, readSelection, showInPage } from '@/utils/page-bridge';
import { cleanPassage } from '@/utils/pending-passage';
import { positionLabel } from '@/utils/positions/labels';
import { answeredCount, type SectionName } from '@/utils/positions/view';
import { announce } from '../state/announcer';
import * as session from '../state/article-session';

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

export interface ArticleViewProps {
  /** Offered when following tabs needs the optional permission. */
  onGrantFollow?: () => void;
}

export function ArticleView({ onGrantFollow }: ArticleViewProps) {
  const page = session.page.value;
  const record = session.record.value;
  const sections = session.sections.value;
  const saving = session.saveState.value === 'saving';
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
          {t('errorStorage', session.saveError.value)}
        </p>
      )}
      {page.status === 'ready' && !sections.some((s) => s.name === 'debate') && (
        <p class="quiet">{t('noQuestions')}</p>
      )}
      {sections.map((section) => (
        <section
          key={section.name}
          aria-labelledby={`section-${section.name}`}
          lang={section.name === 'own' ? undefined : lang || undefined}
        >
          <h2 id={`section-${section.name}`}>{t(SECTION_TITLE[section.name])}</h2>
          {section.name === 'gone' && <p class="quiet">{t('goneExplain')}</p>}
          {section.questions.map((q) => {
            const ref = { id: q.id, snapshot: q.snapshot };
            const passage = q.snapshot.anchor ?? q.snapshot.text;
            return (
              <QuestionCard
                key={q.id}
                question={q}
                saving={saving}
                onPosition={(position) => {
                  session.setPosition(ref, position);
                  announce(
                    position === null
                      ? t('announceCleared')
                      : t('announceSaved', positionLabel(q.snapshot.form, position)),
                  );
                }}
                onNote={(text) => session.setQuestionNote(ref, text)}
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
          })}
        </section>
      ))}
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
          <AddQuestion
            onAdd={(text) =>
              session.addOwnQuestion({
                id: questionId(text),
                kind: 'debate',
                label: '',
                text,
                form: answerFormFor(text, lang),
              })
            }
          />
        </section>
      )}
    </div>
  );
}

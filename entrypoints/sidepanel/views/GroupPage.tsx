// The group around the current article: export the reader's positions, import the group's files,
// see where the group agrees and where it splits, and pass a teacher's question pack around.
import { useEffect } from 'preact/hooks';
import { ExportDialog, GroupView, ImportPanel, QuestionPackPanel } from '@/components/groups';
import type { Extraction } from '@/utils/extract/types';
import { t } from '@/utils/i18n';
import { snapshotOf } from '@/utils/positions/actions';
import type { ArticleRecord } from '@/utils/positions/model';
import { useArticleSession } from '../state/context';

export interface GroupPageProps {
  /** Scroll to the question pack and focus its heading (opened from the article view). */
  focusPack?: boolean;
  onPackFocused?: () => void;
}

export function GroupPage({ focusPack = false, onPackFocused }: GroupPageProps) {
  const session = useArticleSession();
  useEffect(() => {
    if (!focusPack) return;
    const heading = document.getElementById('question-pack-title');
    if (heading) {
      heading.tabIndex = -1;
      heading.scrollIntoView({ block: 'start' });
      heading.focus({ preventScroll: true });
    }
    onPackFocused?.();
  }, [focusPack, onPackFocused]);
  const url = session.articleUrl.value;
  const record = session.record.value;
  const page = session.page.value;
  if (!url) return <p class="state">{t('stateNoTab')}</p>;
  const extraction = page.status === 'ready' ? page.extraction : null;
  const title = extraction?.article?.title ?? record?.meta.v.title;
  return (
    <div class="group-page">
      <GroupView articleUrl={url} reader={record} articleTitle={title} />
      <ImportPanel articleUrl={url} />
      {record && <ExportDialog articles={[withPageQuestions(record, extraction)]} />}
      <QuestionPackPanel
        articleUrl={url}
        record={record}
        extraction={extraction}
        onAddQuestions={session.addQuestions}
      />
    </div>
  );
}

/**
 * The export lists every question of the page, answered or not, so that a group can tell "did
 * not answer" from "did not have this question". Only for the export: nothing is saved.
 */
function withPageQuestions(record: ArticleRecord, extraction: Extraction | null): ArticleRecord {
  const questions = { ...record.questions };
  extraction?.questions.forEach((q, order) => {
    questions[q.id] ??= { q: { v: snapshotOf(q, order), at: record.meta.at }, history: {} };
  });
  return { ...record, questions };
}

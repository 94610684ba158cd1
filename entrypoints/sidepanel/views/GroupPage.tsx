// The group around the current article: export the reader's positions, import the group's files,
// and see where the group agrees and where it splits.
import { ExportDialog, GroupView, ImportPanel } from '@/components/groups';
import { t } from '@/utils/i18n';
import * as session from '../state/article-session';

export function GroupPage() {
  const url = session.articleUrl.value;
  const record = session.record.value;
  const page = session.page.value;
  if (!url) return <p class="state">{t('stateNoTab')}</p>;
  const title = page.status === 'ready' ? page.extraction.article?.title : record?.meta.v.title;
  return (
    <div class="group-page">
      <GroupView articleUrl={url} reader={record} articleTitle={title} />
      <ImportPanel articleUrl={url} />
      {record && <ExportDialog articles={[record]} />}
    </div>
  );
}

// The group view for one article: the imported members' answers per question, most divided first,
// with the reader's own position beside them. Until the reader answers a question, the group's
// answers to it stay behind "Show the group", unless the reader turned that gate off. Above the
// questions, the opinion groups: the map and what each camp stands for (OpinionGroups).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { ArticleRecord } from '@/utils/positions/model';
import { aggregateGroup, type QuestionOrder, sortQuestions } from '@/utils/share/aggregate';
import { groupSummaryWithOpinions } from '@/utils/share/class-report';
import { deleteGroupIn, renameGroupIn } from '@/utils/share/group-store';
import { groupSummaryMarkdown } from '@/utils/share/markdown-summary';
import { revealGroupAlways } from '@/utils/storage';
import { copyText, downloadText } from './download';
import { GroupHeader } from './GroupHeader';
import { GroupQuestionCard } from './GroupQuestionCard';
import { OpinionGroups } from './OpinionGroups';
import { useGroups } from './use-groups';

export interface GroupViewProps {
  /** The article whose groups are shown. */
  articleUrl: string;
  /** The reader's own record for it, or null if they have none yet (nothing answered). */
  reader: ArticleRecord | null;
  /** The article's title for the summary; defaults to the reader's record's title. */
  articleTitle?: string;
  /** Initial sort: most divided first by default. */
  initialOrder?: QuestionOrder;
}

export function GroupView({ articleUrl, reader, articleTitle, initialOrder = 'division' }: GroupViewProps) {
  const groups = useGroups(articleUrl);
  const [selected, setSelected] = useState<string | null>(null);
  const [order, setOrder] = useState<QuestionOrder>(initialOrder);
  const [revealAlways, setRevealAlways] = useState(false);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState('');
  const [opinionsRevealed, setOpinionsRevealed] = useState(false);

  useEffect(() => {
    revealGroupAlways.getValue().then(setRevealAlways);
    return revealGroupAlways.watch((v) => setRevealAlways(v ?? false));
  }, []);

  const group = groups?.groups.find((g) => g.id === selected) ?? groups?.groups[0];
  const aggregate = useMemo(() => (group ? aggregateGroup(group, reader) : null), [group, reader]);
  const sorted = useMemo(
    () => (aggregate ? sortQuestions(aggregate.questions, order) : []),
    [aggregate, order],
  );

  if (!groups) return <p class="quiet">{t('stateLoading')}</p>;
  if (!group || !aggregate) {
    return (
      <section class="group-view" aria-labelledby="group-view-title">
        <h2 id="group-view-title">{t('groupTitle')}</h2>
        <p>{t('groupEmpty')}</p>
      </section>
    );
  }

  const title = articleTitle ?? reader?.meta.v.title ?? articleUrl;
  // The teacher's summary: the opinion groups first, then each question (computed on the click).
  const summary = () =>
    groupSummaryWithOpinions(
      group,
      groupSummaryMarkdown(aggregate, { articleTitle: title, articleUrl, groupName: group.name }),
    );

  return (
    <section class="group-view" aria-labelledby="group-view-title">
      <h2 id="group-view-title">{t('groupTitle')}</h2>
      {groups.groups.length > 1 && (
        <label>
          {t('groupChoose')}
          <select value={group.id} onChange={(e) => setSelected(e.currentTarget.value)}>
            {groups.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <GroupHeader
        name={group.name}
        memberCount={group.members.length}
        onRename={(name) => void renameGroupIn(articleUrl, group.id, name)}
        onDelete={() => void deleteGroupIn(articleUrl, group.id)}
      />
      <div class="group-controls">
        <label>
          {t('groupSortLabel')}
          <select value={order} onChange={(e) => setOrder(e.currentTarget.value as QuestionOrder)}>
            <option value="division">{t('groupSortDivision')}</option>
            <option value="consensus">{t('groupSortConsensus')}</option>
            <option value="page">{t('groupSortPage')}</option>
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={revealAlways}
            onChange={(e) => void revealGroupAlways.setValue(e.currentTarget.checked)}
          />
          {t('groupRevealAlways')}
        </label>
        <button type="button" onClick={() => downloadText(summary(), 'group-summary.md', 'text/markdown')}>
          {t('groupExportSummary')}
        </button>
        <button
          type="button"
          onClick={async () =>
            setStatus((await copyText(summary())) ? t('shareCopied') : t('shareCopyFailed'))
          }
        >
          {t('groupCopySummary')}
        </button>
        <span class="quiet" role="status">
          {status}
        </span>
      </div>
      <OpinionGroups
        group={group}
        reader={reader}
        questions={aggregate.questions}
        hidden={!revealAlways && !opinionsRevealed && !aggregate.questions.some((q) => q.readerAnswered)}
        onReveal={() => setOpinionsRevealed(true)}
      />
      <ol class="group-questions">
        {sorted.map((q) => (
          <GroupQuestionCard
            key={q.id}
            aggregate={q}
            memberCount={aggregate.memberCount}
            hidden={!revealAlways && !q.readerAnswered && !revealed.has(q.id)}
            onReveal={() => setRevealed((s) => new Set(s).add(q.id))}
          />
        ))}
      </ol>
    </section>
  );
}

// One question in the group view: how many answered, the spread, the agreement, the reader's
// place, and the shared notes by position — behind "Show the group" until the reader has answered.
import { t, tn } from '@/utils/i18n';
import { positionLabel } from '@/utils/positions/labels';
import { type QuestionAggregate, writtenAnswers } from '@/utils/share/aggregate';
import { DistributionChart } from './DistributionChart';
import { GroupNotes } from './GroupNotes';

export interface GroupQuestionCardProps {
  aggregate: QuestionAggregate;
  /** Number of members in the group, to say when only some have this question. */
  memberCount: number;
  /** Hide the group's answers (the reader has not answered, and gating is on). */
  hidden: boolean;
  /** The reader asks to see the group's answers before answering. */
  onReveal: () => void;
}

export function GroupQuestionCard({ aggregate: a, memberCount, hidden, onReveal }: GroupQuestionCardProps) {
  const form = a.question.form;
  // An open question is answered in words: its shared notes are the answers, with no scale to spread.
  const open = form.type === 'open';
  return (
    <li class="group-question">
      {a.question.label && <p class="group-question-label">{a.question.label}</p>}
      <p class="group-question-text">{a.question.text}</p>
      <p class="quiet">
        {a.members === 0
          ? t('groupNoMemberHasQuestion')
          : a.partial
            ? tn('groupOnlySomeHave', a.members, tn('groupOfMembers', memberCount))
            : open
              ? tn(
                  'groupWrittenCount',
                  writtenAnswers(a.notesByPosition).length,
                  tn('groupOfMembers', a.members),
                )
              : tn('groupAnsweredCount', a.answered, tn('groupOfMembers', a.members))}
      </p>
      <p class="group-reader">
        {a.readerAnswered
          ? t('groupYourPosition', positionLabel(form, a.readerPosition))
          : t('groupYouHaveNotAnswered')}
      </p>
      {a.members > 0 &&
        (hidden ? (
          <button type="button" class="group-reveal" onClick={onReveal}>
            {t('groupShowTheGroup')}
          </button>
        ) : (
          <>
            {!open && (
              <>
                <p class="group-agreement">
                  {a.agreement === null
                    ? t('groupAgreementNone')
                    : t('groupAgreement', Math.round(a.agreement * 100))}
                </p>
                <DistributionChart
                  distribution={a.distribution}
                  form={form}
                  readerPosition={a.readerPosition}
                  label={a.question.text}
                />
              </>
            )}
            {a.notesByPosition.length > 0 && (
              <GroupNotes groups={a.notesByPosition} form={form} byPosition={!open} />
            )}
          </>
        ))}
    </li>
  );
}

// How the reader's position moved ("Disagree → Agree, 3 days ago"), and what changed their mind.
import type { AnswerForm } from '@/utils/extract/types';
import { t, uiLanguage } from '@/utils/i18n';
import type { Stamp } from '@/utils/positions/clock';
import { positionLabel } from '@/utils/positions/labels';
import { type QuestionRecord, settledHistory } from '@/utils/positions/model';
import { stampAge } from '@/utils/positions/view';

export interface PositionHistoryProps {
  questionId: string;
  record: QuestionRecord;
  form: AnswerForm;
  /** Attach "what changed my mind" to the change made at `changeAt`. */
  onReason: (changeAt: Stamp, reason: string) => void;
}

export function PositionHistory({ questionId, record, form, onReason }: PositionHistoryProps) {
  const changes = settledHistory(record);
  if (changes.length < 2) return null;
  const now = Date.now();
  const lang = uiLanguage();
  const latest = changes[changes.length - 1]!;
  return (
    <details class="history">
      <summary>
        {t(
          'historyMove',
          positionLabel(form, latest.from),
          positionLabel(form, latest.to),
          stampAge(latest.at, now, lang),
        )}
      </summary>
      <h4 class="visually-hidden">{t('historyTitle')}</h4>
      <ol>
        {changes.map((c, i) => (
          <li key={c.at}>
            <span>
              {i === 0
                ? t('historyFirst', positionLabel(form, c.to), stampAge(c.at, now, lang))
                : t(
                    'historyMove',
                    positionLabel(form, c.from),
                    positionLabel(form, c.to),
                    stampAge(c.at, now, lang),
                  )}
            </span>
            {i > 0 && (
              <label class="reason">
                <span class="quiet">{t('historyReasonLabel')}</span>
                <input
                  type="text"
                  id={`reason-${questionId}-${c.at}`}
                  value={c.reason}
                  placeholder={t('historyReasonPlaceholder')}
                  onInput={(e) => onReason(c.at, e.currentTarget.value)}
                />
              </label>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

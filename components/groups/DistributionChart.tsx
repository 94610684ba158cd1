// The group's spread over one question's scale as small horizontal bars. Each row says its label
// and count in text, so the bars themselves are decoration hidden from screen readers.
import type { AnswerForm } from '@/utils/extract/types';
import { t } from '@/utils/i18n';
import { positionLabel } from '@/utils/positions/labels';
import type { Position } from '@/utils/positions/model';
import type { Distribution } from '@/utils/share/aggregate';

export interface DistributionChartProps {
  /** Counts per step of the scale, "undecided" included. */
  distribution: Distribution;
  /** The question's form, for the step labels. */
  form: AnswerForm;
  /** Where the reader stands, marked on its row; null when hidden or unanswered. */
  readerPosition: Position | null;
  /** Accessible name of the chart, e.g. the question text. */
  label: string;
}

const ROWS: Position[] = [1, 2, 3, 4, 5, 'undecided'];
// The bars' shape travels with the component so the chart reads as one wherever it is mounted;
// colours come from the panel's theme variables, with fallbacks.
const TRACK_STYLE = {
  display: 'inline-block',
  width: '8em',
  height: '0.7em',
  margin: '0 0.5em',
  verticalAlign: 'middle',
  background: 'var(--line, #d9d6cf)',
};
const BAR_STYLE = { display: 'block', height: '100%', background: 'var(--accent, #1f5fbf)' };

export function DistributionChart({ distribution, form, readerPosition, label }: DistributionChartProps) {
  const max = Math.max(1, ...ROWS.map((p) => distribution[p]));
  return (
    <ul class="group-chart" aria-label={t('groupChartLabel', label)}>
      {ROWS.map((p) => {
        const count = distribution[p];
        const mine = readerPosition === p;
        return (
          <li key={String(p)} class={mine ? 'group-chart-row mine' : 'group-chart-row'}>
            <span class="group-chart-step">{positionLabel(form, p)}</span>
            <span class="group-chart-track" aria-hidden="true" style={TRACK_STYLE}>
              <span class="group-chart-bar" style={{ ...BAR_STYLE, width: `${(count / max) * 100}%` }} />
            </span>
            <span class="group-chart-count">{t('groupChartCount', count)}</span>
            {mine && ' '}
            {mine && <span class="group-chart-you">{t('groupYouAreHere')}</span>}
          </li>
        );
      })}
    </ul>
  );
}

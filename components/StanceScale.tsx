// The answer scale: five steps between the form's two ends plus "undecided", as a native radio
// group (arrow keys move and set), and a button to clear the position. Each step is named before
// it is chosen: by its label for screen readers, a tooltip on hover, and a visible name while it
// has keyboard focus (style.css), since the five dots alone do not say what they mean.
import type { AnswerForm } from '@/utils/extract/types';
import { t } from '@/utils/i18n';
import { positionLabel, scaleEnds } from '@/utils/positions/labels';
import { POSITION_STEPS, type Position } from '@/utils/positions/model';

export interface StanceScaleProps {
  /** Unique per question: names the radio group. */
  questionId: string;
  /** The question, for the group's accessible name. */
  questionText: string;
  form: AnswerForm;
  value: Position | null;
  onChange: (position: Position | null) => void;
}

export function StanceScale({ questionId, questionText, form, value, onChange }: StanceScaleProps) {
  const name = `stance-${questionId}`;
  const [left, right] = scaleEnds(form);
  return (
    <fieldset class="scale">
      <legend class="visually-hidden">{t('scaleLegend', questionText)}</legend>
      <div class="scale-ends" aria-hidden="true">
        <span>{left}</span>
        <span>{right}</span>
      </div>
      <div class="scale-steps">
        {[...POSITION_STEPS, 'undecided' as const].map((step) => {
          const label = positionLabel(form, step);
          return (
            <label
              key={step}
              class={step === 'undecided' ? 'step step-undecided' : `step step-${step}`}
              title={step === 'undecided' ? undefined : label}
            >
              <input
                type="radio"
                name={name}
                value={String(step)}
                checked={value === step}
                onChange={() => onChange(step)}
              />
              <span class={step === 'undecided' ? 'step-text' : 'step-name'}>{label}</span>
            </label>
          );
        })}
        <button
          type="button"
          class="link-button"
          onClick={() => onChange(null)}
          disabled={value === null}
          aria-label={t('clearPositionLabel')}
        >
          {t('clearPosition')}
        </button>
      </div>
      <p class="scale-value">{positionLabel(form, value)}</p>
    </fieldset>
  );
}

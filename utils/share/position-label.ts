// A position in words for exports and summaries, in the form's own terms (No…Yes, Disagree…Agree,
// or the two alternatives), using the panel's scale strings.
import type { AnswerForm } from '@/utils/extract/types';
import { type MessageKey, t } from '@/utils/i18n';
import type { Position } from '@/utils/positions/model';

const YES_NO: MessageKey[] = ['stepNo', 'stepRatherNo', 'stepNeither', 'stepRatherYes', 'stepYes'];
const AGREE: MessageKey[] = [
  'stepDisagree',
  'stepRatherDisagree',
  'stepNeutral',
  'stepRatherAgree',
  'stepAgree',
];

export function positionLabel(position: Position | null, form: AnswerForm): string {
  if (position === null) return t('noPosition');
  if (position === 'undecided') return t('stepUndecided');
  if (form.type === 'alternatives') {
    const [a, b] = form.poles;
    return [a, t('stepRatherPole', a), t('stepInBetween'), t('stepRatherPole', b), b][position - 1]!;
  }
  return t((form.type === 'yes-no' ? YES_NO : AGREE)[position - 1]!);
}

/** The two ends of the scale, in words: what 1 and 5 mean for this question. */
export function poleLabels(form: AnswerForm): [string, string] {
  return [positionLabel(1, form), positionLabel(5, form)];
}

// Words for a position on each kind of scale (No…Yes, Disagree…Agree, A…B), in the reader's language.
import type { AnswerForm } from '@/utils/extract/types';
import { type MessageKey, t } from '@/utils/i18n';
import type { Position } from './model';

const AGREE: MessageKey[] = [
  'stepDisagree',
  'stepRatherDisagree',
  'stepNeutral',
  'stepRatherAgree',
  'stepAgree',
];
const FIXED: Record<'yes-no' | 'agree-disagree' | 'open', MessageKey[]> = {
  'yes-no': ['stepNo', 'stepRatherNo', 'stepNeither', 'stepRatherYes', 'stepYes'],
  'agree-disagree': AGREE,
  // An open question has no scale; a position on it was taken while it had one (an earlier
  // version read it as Disagree…Agree), and is still named so.
  open: AGREE,
};

export function positionLabel(form: AnswerForm, position: Position | null): string {
  if (position === null) return t('noPosition');
  if (position === 'undecided') return t('stepUndecided');
  if (form.type !== 'alternatives') return t(FIXED[form.type][position - 1]!);
  const [a, b] = form.poles;
  switch (position) {
    case 1:
      return a;
    case 2:
      return t('stepRatherPole', a);
    case 3:
      return t('stepInBetween');
    case 4:
      return t('stepRatherPole', b);
    case 5:
      return b;
  }
}

/** The two ends of the scale, shown at either side of it. */
export function scaleEnds(form: AnswerForm): [string, string] {
  if (form.type === 'alternatives') return form.poles;
  return [positionLabel(form, 1), positionLabel(form, 5)];
}

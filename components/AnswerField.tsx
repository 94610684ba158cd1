// The answer to an open question ("What did I miss?"), in the reader's own words. It is the
// question's note, so it follows the note's rules: saved as typed, private unless included in exports.
import { t } from '@/utils/i18n';
import { NoteEditor } from './NoteEditor';

export interface AnswerFieldProps {
  /** The question's id, for the field's own id. */
  questionId: string;
  value: string;
  onInput: (text: string) => void;
  /** Whether a save is pending, for the quiet status line. */
  saving: boolean;
  /** Whether the answer leaves in exports. */
  shared: boolean;
  onShared: (shared: boolean) => void;
}

export function AnswerField({ questionId, value, onInput, saving, shared, onShared }: AnswerFieldProps) {
  return (
    <NoteEditor
      id={`answer-${questionId}`}
      label={t('answerLabel')}
      placeholder={t('answerPlaceholder')}
      value={value}
      onInput={onInput}
      saving={saving}
      shared={{ value: shared, onChange: onShared, label: t('answerShared') }}
    />
  );
}

// "Add a question": the reader's own question about the article.
import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { LIMITS } from '@/utils/limits';

export interface AddQuestionProps {
  onAdd: (text: string) => void;
}

export function AddQuestion({ onAdd }: AddQuestionProps) {
  const [text, setText] = useState('');
  return (
    <form
      class="add-question"
      onSubmit={(e) => {
        e.preventDefault();
        const trimmed = text.trim();
        if (!trimmed) return;
        onAdd(trimmed);
        setText('');
      }}
    >
      <label for="add-question-input">{t('addQuestionLabel')}</label>
      <div class="row">
        <input
          id="add-question-input"
          type="text"
          value={text}
          // An own question is text like the page's: bounded where it is typed, as files bound it.
          maxLength={LIMITS.textChars}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit">{t('addQuestionSubmit')}</button>
      </div>
    </form>
  );
}

// A note saved as the reader types (no save button), with a quiet saved state and, for notes
// on questions, the choice to include it in exports (private by default).
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { LIMITS } from '@/utils/limits';

export interface NoteEditorProps {
  /** Id for the textarea, so its label points at it. */
  id: string;
  label: string;
  value: string;
  onInput: (text: string) => void;
  /** Whether saves are pending, for the quiet status line. */
  saving: boolean;
  /** Present for question notes only: the "include in exports" switch (`label` names it). */
  shared?: { value: boolean; onChange: (shared: boolean) => void; label?: string };
  /** Focus the text on mount: the reader just asked to write. */
  focusOnMount?: boolean;
  /** The empty field's hint; "Why do you think so?" when absent. */
  placeholder?: string;
}

export function NoteEditor({
  id,
  label,
  value,
  onInput,
  saving,
  shared,
  focusOnMount,
  placeholder,
}: NoteEditorProps) {
  const [touched, setTouched] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusOnMount) textarea.current?.focus();
  }, [focusOnMount]);
  return (
    <div class="note">
      <label for={id} class="note-label">
        {label}
      </label>
      <textarea
        ref={textarea}
        id={id}
        rows={2}
        value={value}
        // The files' bound: what the reader types is never cut or refused later.
        maxLength={LIMITS.noteChars}
        placeholder={placeholder ?? t('notePlaceholder')}
        onInput={(e) => {
          setTouched(true);
          onInput(e.currentTarget.value);
        }}
      />
      <div class="note-footer">
        {shared ? (
          <label class="check">
            <input
              type="checkbox"
              checked={shared.value}
              onChange={(e) => shared.onChange(e.currentTarget.checked)}
            />
            {shared.label ?? t('noteShared')}
          </label>
        ) : (
          <span />
        )}
        <span class="quiet" aria-live="off">
          {touched
            ? saving
              ? t('noteSaving')
              : t('noteSaved')
            : shared && !shared.value
              ? t('notePrivateHint')
              : ''}
        </span>
      </div>
    </div>
  );
}

// One question in the panel: its label, text and kind, the reader's position on it, their note,
// how their position moved, and a way to find it in the page. An open question ("What did I
// miss?") has no scale: the reader answers it in words.

import { useState } from 'preact/hooks';
import { type MessageKey, t } from '@/utils/i18n';
import type { Stamp } from '@/utils/positions/clock';
import type { Position } from '@/utils/positions/model';
import type { PanelQuestion } from '@/utils/positions/view';
import { AnswerField } from './AnswerField';
import { NoteEditor } from './NoteEditor';
import { PositionHistory } from './PositionHistory';
import { StanceScale } from './StanceScale';

export interface QuestionCardProps {
  question: PanelQuestion;
  /** Whether a save is pending, for the note's quiet status. */
  saving: boolean;
  onPosition: (position: Position | null) => void;
  onNote: (text: string) => void;
  onShared: (shared: boolean) => void;
  onReason: (changeAt: Stamp, reason: string) => void;
  /** Absent when the question is not on the page. */
  onShowInPage?: () => void;
  /** Present for the reader's own questions. */
  onRemove?: () => void;
}

const KIND_LABEL: Record<string, MessageKey> = {
  debate: 'kindDebate',
  raised: 'kindRaised',
  claim: 'kindClaim',
  own: 'kindOwn',
};

export function QuestionCard({
  question,
  saving,
  onPosition,
  onNote,
  onShared,
  onReason,
  onShowInPage,
  onRemove,
}: QuestionCardProps) {
  const { id, snapshot, record } = question;
  const headingId = `q-${id}`;
  return (
    <article class={`card kind-${snapshot.kind}`} aria-labelledby={headingId} data-question-id={id}>
      <header class="card-header">
        <span class="badge">{t(KIND_LABEL[snapshot.kind] ?? 'kindDebate')}</span>
        {onShowInPage && (
          <button type="button" class="link-button" onClick={onShowInPage}>
            {t('showInPage')}
          </button>
        )}
        {onRemove && (
          <button
            type="button"
            class="link-button"
            onClick={onRemove}
            aria-label={t('removeQuestionLabel', snapshot.text)}
          >
            {t('removeQuestion')}
          </button>
        )}
      </header>
      <h3 id={headingId} class="question">
        {snapshot.label && <span class="label">{snapshot.label}</span>}
        <span class="text">{snapshot.text}</span>
      </h3>
      {snapshot.attribution && <p class="attribution">{t('attributedTo', snapshot.attribution)}</p>}
      {snapshot.form.type === 'open' ? (
        <AnswerField
          questionId={id}
          value={record?.note?.v ?? ''}
          onInput={onNote}
          saving={saving}
          shared={record?.shared?.v ?? false}
          onShared={onShared}
        />
      ) : (
        <ScaleAndNote {...{ question, saving, onPosition, onNote, onShared, onReason }} />
      )}
    </article>
  );
}

type ScaleAndNoteProps = Pick<
  QuestionCardProps,
  'question' | 'saving' | 'onPosition' | 'onNote' | 'onShared' | 'onReason'
>;

/** The scale, how the position moved, and the argument for it (folded until there is one). */
function ScaleAndNote({ question, saving, onPosition, onNote, onShared, onReason }: ScaleAndNoteProps) {
  const { id, snapshot, record } = question;
  // The note stays folded until the reader has something to argue: a position, or a note already.
  const [noteOpened, setNoteOpened] = useState(false);
  const showNote = noteOpened || record?.position?.v != null || Boolean(record?.note?.v);
  return (
    <>
      <StanceScale
        questionId={id}
        questionText={snapshot.text}
        form={snapshot.form}
        value={record?.position?.v ?? null}
        onChange={onPosition}
      />
      {record && <PositionHistory questionId={id} record={record} form={snapshot.form} onReason={onReason} />}
      {showNote ? (
        <NoteEditor
          id={`note-${id}`}
          label={t('noteLabel')}
          value={record?.note?.v ?? ''}
          onInput={onNote}
          saving={saving}
          shared={{ value: record?.shared?.v ?? false, onChange: onShared }}
          focusOnMount={noteOpened}
        />
      ) : (
        <button type="button" class="link-button" onClick={() => setNoteOpened(true)}>
          {t('noteAdd')}
        </button>
      )}
    </>
  );
}

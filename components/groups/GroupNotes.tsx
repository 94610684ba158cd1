// The shared notes on one question, grouped by position, folded by default. Notes render only
// once unfolded: a lecture hall's hundreds of notes would otherwise all be built up front.
import { useState } from 'preact/hooks';
import type { AnswerForm } from '@/utils/extract/types';
import { t } from '@/utils/i18n';
import { positionLabel } from '@/utils/positions/labels';
import { type NoteByPosition, writtenAnswers } from '@/utils/share/aggregate';

export interface GroupNotesProps {
  /** Notes grouped by the position of their authors, in scale order. */
  groups: NoteByPosition[];
  /** The question's form, for the position headings. */
  form: AnswerForm;
  /** Under position headings (false for an open question, whose notes are its answers: one list). */
  byPosition?: boolean;
}

export function GroupNotes({ groups, form, byPosition = true }: GroupNotesProps) {
  const [open, setOpen] = useState(false);
  const count = groups.reduce((n, g) => n + g.notes.length, 0);
  return (
    <details class="group-notes" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('groupNotesTitle', count)}</summary>
      {open &&
        (byPosition ? (
          groups.map((g) => (
            <section key={String(g.position)}>
              <h4>{positionLabel(form, g.position)}</h4>
              <NoteList notes={g.notes} />
            </section>
          ))
        ) : (
          <NoteList notes={writtenAnswers(groups)} />
        ))}
    </details>
  );
}

function NoteList({ notes }: { notes: NoteByPosition['notes'] }) {
  return (
    <ul>
      {notes.map((note, i) => (
        <li key={i}>
          <span class="group-note-author">{note.author ?? t('shareAnonymous')}</span>
          <p class="group-note-text">{note.text}</p>
        </li>
      ))}
    </ul>
  );
}

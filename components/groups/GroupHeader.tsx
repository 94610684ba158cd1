// A group's name and size, with renaming in place and a delete that asks for confirmation first.
import { useState } from 'preact/hooks';
import { t, tn } from '@/utils/i18n';
import { LIMITS } from '@/utils/share/format';

export interface GroupHeaderProps {
  name: string;
  memberCount: number;
  /** Saves a new, non-empty name. */
  onRename: (name: string) => void;
  /** Deletes the group and every imported member in it (the reader's own positions stay). */
  onDelete: () => void;
}

export function GroupHeader({ name, memberCount, onRename, onDelete }: GroupHeaderProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  if (editing !== null) {
    const save = () => {
      const next = editing.trim();
      if (next) onRename(next);
      setEditing(null);
    };
    return (
      <form
        class="group-header"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <label>
          {t('groupNameLabel')}
          <input
            type="text"
            value={editing}
            maxLength={LIMITS.nameChars}
            onInput={(e) => setEditing(e.currentTarget.value)}
          />
        </label>
        <button type="submit">{t('groupRenameSave')}</button>
        <button type="button" onClick={() => setEditing(null)}>
          {t('groupCancel')}
        </button>
      </form>
    );
  }
  return (
    <div class="group-header">
      <h3>{name}</h3>
      <span class="quiet">{tn('groupMemberCount', memberCount)}</span>
      <button type="button" onClick={() => setEditing(name)}>
        {t('groupRename')}
      </button>
      {confirming ? (
        <span class="group-confirm" role="alert">
          {tn('groupDeleteConfirm', memberCount, name)}
          <button type="button" onClick={onDelete}>
            {t('groupDelete')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('groupCancel')}
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('groupDelete')}
        </button>
      )}
    </div>
  );
}

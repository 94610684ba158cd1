// "Export all my data" and "Restore" for the settings: one file with every article, position,
// note, history entry and group; a restore merges it by the sync rules and reports what changed.
import { useState } from 'preact/hooks';
import { t, tn } from '@/utils/i18n';
import { exportAllData, restoreBackup } from '@/utils/share/backup';
import { LIMITS } from '@/utils/share/format';
import { rejectionMessage } from '@/utils/share/result';
import { downloadText } from './download';

export interface BackupControlsProps {
  /** Called after a restore changed data, so the host can reload its views. */
  onRestored?: () => void;
}

export function BackupControls({ onRestored }: BackupControlsProps) {
  const [status, setStatus] = useState('');

  const restore = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > LIMITS.backupBytes) {
      setStatus(rejectionMessage({ reason: 'too-large', limitMb: LIMITS.backupBytes / 2 ** 20 }));
      return;
    }
    const result = await restoreBackup(new Uint8Array(await file.arrayBuffer()));
    if (!result.ok) {
      setStatus(t('shareRestoreRejected', rejectionMessage(result.rejection)));
      return;
    }
    setStatus(
      t(
        'shareRestoreDone',
        tn('shareRestoreArticles', result.value.articles),
        tn('shareRestoreGroups', result.value.groups),
      ),
    );
    onRestored?.();
  };

  return (
    <section class="share-backup" aria-labelledby="share-backup-title">
      <h2 id="share-backup-title">{t('shareBackupTitle')}</h2>
      <div class="backup-actions">
        <button
          type="button"
          onClick={async () =>
            downloadText(
              await exportAllData(),
              `stance-backup-${new Date().toISOString().slice(0, 10)}.json`,
              'application/json',
            )
          }
        >
          {t('shareExportAll')}
        </button>
        <label>
          {t('shareRestore')}
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              void restore(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
        </label>
      </div>
      <p class="quiet" role="status">
        {status}
      </p>
    </section>
  );
}

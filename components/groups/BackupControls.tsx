// "Export all my data" and "Restore" for the settings: one file with every article, position,
// note, history entry and group; a restore merges it by the sync rules and reports what changed,
// each entry it left out and why, where it stopped if the browser refused a write, or why it failed.
import { useState } from 'preact/hooks';
import { t, tn } from '@/utils/i18n';
import {
  errorText,
  exportAllData,
  restoreBackup,
  restoreSkipMessage,
  restoreStoppedMessage,
} from '@/utils/share/backup';
import { LIMITS } from '@/utils/share/format';
import { rejectionMessage } from '@/utils/share/result';
import { downloadText } from './download';

export interface BackupControlsProps {
  /** Called after a restore changed data, so the host can reload its views. */
  onRestored?: () => void;
}

export function BackupControls({ onRestored }: BackupControlsProps) {
  const [status, setStatus] = useState('');
  /** Entries the last restore left out, one line each. */
  const [skipped, setSkipped] = useState<string[]>([]);
  /** Where the last restore stopped, when the browser refused a write. */
  const [stopped, setStopped] = useState('');

  const restore = async (file: File | undefined) => {
    if (!file) return;
    setSkipped([]);
    setStopped('');
    if (file.size > LIMITS.backupBytes) {
      setStatus(rejectionMessage({ reason: 'too-large', limitMb: LIMITS.backupBytes / 2 ** 20 }));
      return;
    }
    let result: Awaited<ReturnType<typeof restoreBackup>>;
    try {
      result = await restoreBackup(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      setStatus(t('shareRestoreError', errorText(error)));
      return;
    }
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
    setSkipped(result.value.skipped.map(restoreSkipMessage));
    if (result.value.stopped) setStopped(restoreStoppedMessage(result.value.stopped));
    onRestored?.();
  };

  return (
    <section class="share-backup" aria-labelledby="share-backup-title">
      <h2 id="share-backup-title">{t('shareBackupTitle')}</h2>
      <div class="backup-actions">
        <button
          type="button"
          onClick={async () => {
            let text: string;
            try {
              text = await exportAllData();
            } catch (error) {
              setStatus(t('shareExportAllError', errorText(error)));
              return;
            }
            downloadText(
              text,
              `stance-backup-${new Date().toISOString().slice(0, 10)}.json`,
              'application/json',
            );
          }}
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
      {stopped && <p role="alert">{stopped}</p>}
      {skipped.length > 0 && (
        <div class="backup-skipped">
          <p>{t('shareRestoreSkipped')}</p>
          <ul>
            {skipped.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

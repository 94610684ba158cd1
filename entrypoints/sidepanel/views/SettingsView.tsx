// Settings: sync across the reader's browsers, and the backup of everything they wrote.
import { BackupControls } from '@/components/groups';
import { SyncStatus } from '@/components/SyncStatus';
import { t } from '@/utils/i18n';
import { useArticleSession } from '../state/context';

export function SettingsView() {
  const session = useArticleSession();
  return (
    <div class="settings">
      <h1>{t('settingsTitle')}</h1>
      <SyncStatus />
      <BackupControls onRestored={() => void session.reread()} />
    </div>
  );
}

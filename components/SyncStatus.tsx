// Sync in the panel's settings: the on/off switch, when this browser last synced, the space used
// of storage.sync's quota, articles kept on this device only, and any problem in plain words.
import { useEffect, useId, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/utils/i18n';
import type { SyncErrorKind } from '@/utils/sync/outbox';
import { articlesOnThisDeviceOnly } from '@/utils/sync/status';
import { relativeTime, useSyncStatus } from '@/utils/sync/use-sync-status';

const ERROR_MESSAGE = {
  'rate-minute': 'syncErrorRateMinute',
  'rate-hour': 'syncErrorRateHour',
  quota: 'syncErrorQuota',
  other: 'syncErrorOther',
} as const satisfies Record<SyncErrorKind, string>;

/** Re-render every 30 s so "2 minutes ago" stays true while the panel is open. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

export function SyncStatus() {
  const { status, settings, setEnabled } = useSyncStatus();
  const now = useNow();
  const titleId = useId();
  const switchId = useId();
  const language = uiLanguage();
  const kb = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const enabled = settings?.enabled ?? status.enabled;
  const localOnly = articlesOnThisDeviceOnly(status);
  return (
    <section class="sync-status" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('syncTitle')}</h2>
      <label for={switchId} class="check">
        <input
          id={switchId}
          type="checkbox"
          role="switch"
          aria-checked={enabled}
          checked={enabled}
          disabled={settings === null}
          onChange={(e) => void setEnabled(e.currentTarget.checked)}
        />
        {t('syncToggle')}
      </label>
      {enabled && (
        <p class="sync-last">
          {status.lastSyncedAt === null
            ? t('syncNeverSynced')
            : t('syncLastSynced', relativeTime(status.lastSyncedAt, now, language))}
        </p>
      )}
      <div role="status">
        {!enabled ? (
          <p>{t('syncOffNote')}</p>
        ) : (
          <>
            <p>
              {t('syncSpaceUsed', kb.format(status.bytesUsed / 1024), kb.format(status.quotaBytes / 1024))}
            </p>
            {status.pending && <p>{t('syncPending')}</p>}
            {localOnly > 0 && <p>{t('syncLocalOnlyCount', localOnly)}</p>}
            {status.undecodable > 0 && <p>{t('syncUndecodable', status.undecodable)}</p>}
            {status.lastError && <p class="sync-error">{t(ERROR_MESSAGE[status.lastError])}</p>}
          </>
        )}
      </div>
    </section>
  );
}

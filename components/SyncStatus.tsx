// Sync in the panel's settings: the on/off switch, when Stance last wrote to the browser's sync
// storage, the space used of its quota, articles kept on this device only, and any problem in
// plain words. Only what Stance can see: whether the browser carries that storage to other
// devices (signed in, its own sync on) is hidden from extensions, so the panel never claims it.
import { useId } from 'preact/hooks';
import { t, uiLanguage } from '@/utils/i18n';
import { SYNC_MAX_ITEMS } from '@/utils/sync/limits';
import type { SyncErrorKind } from '@/utils/sync/outbox';
import { articlesOnThisDeviceOnly, INCOMPLETE_GRACE_MS } from '@/utils/sync/status';
import { syncTimeLabel, useSyncStatus } from '@/utils/sync/use-sync-status';

const ERROR_MESSAGE = {
  'rate-minute': 'syncErrorRateMinute',
  'rate-hour': 'syncErrorRateHour',
  quota: 'syncErrorQuota',
  other: 'syncErrorOther',
} as const satisfies Record<SyncErrorKind, string>;

/** How long "last damaged item replaced" stays in Settings. */
const REPAIR_SHOWN_MS = 7 * 86_400_000;

export function SyncStatus() {
  const { status, settings, setEnabled } = useSyncStatus();
  const titleId = useId();
  const switchId = useId();
  const language = uiLanguage();
  const kb = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const enabled = settings?.enabled ?? status.enabled;
  const localOnly = articlesOnThisDeviceOnly(status);
  // Other items take every item storage.sync allows: a quota refusal then says nothing more.
  const noRoom = (status.otherItems ?? 0) >= SYNC_MAX_ITEMS;
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
        <>
          <p class="sync-last">
            {status.lastSyncedAt === null
              ? t('syncNeverWritten')
              : t('syncLastWritten', syncTimeLabel(status.lastSyncedAt, Date.now(), language))}
          </p>
          <p class="quiet">{t('syncCarriedByBrowser')}</p>
        </>
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
            {(status.localTooLarge ?? 0) > 0 && (
              <>
                <p>{t('syncTooLarge', status.localTooLarge)}</p>
                {(status.tooLargeTitles ?? []).length > 0 && (
                  <ul class="sync-too-large">
                    {status.tooLargeTitles.map((title) => (
                      <li key={title}>{title}</li>
                    ))}
                  </ul>
                )}
              </>
            )}
            {noRoom && <p class="sync-error">{t('syncOtherItemsFull', status.otherItems, SYNC_MAX_ITEMS)}</p>}
            {status.localByBudget > 0 &&
              (status.otherItems ?? 0) < SYNC_MAX_ITEMS &&
              (status.otherBytes ?? 0) > 0 && (
                <p>{t('syncOtherItemsShare', kb.format(Math.max(1, status.otherBytes / 1024)))}</p>
              )}
            {(status.newerVersion ?? 0) > 0 && <p>{t('syncUndecodable', status.newerVersion)}</p>}
            {(status.corrupt ?? 0) > 0 && <p>{t('syncCorrupt', status.corrupt)}</p>}
            {(status.incomplete ?? 0) > 0 && (
              <p>{t('syncIncomplete', status.incomplete, INCOMPLETE_GRACE_MS / 60_000)}</p>
            )}
            {status.repairedAt != null && Date.now() - status.repairedAt < REPAIR_SHOWN_MS && (
              <p>{t('syncRepaired', syncTimeLabel(status.repairedAt, Date.now(), language))}</p>
            )}
            {status.localWriteError && (
              <p class="sync-error">
                {t(status.localWriteError === 'full' ? 'syncLocalFull' : 'syncLocalFailed')}
              </p>
            )}
            {status.lastError && !(status.lastError === 'quota' && noRoom) && (
              <p class="sync-error">{t(ERROR_MESSAGE[status.lastError])}</p>
            )}
          </>
        )}
      </div>
    </section>
  );
}

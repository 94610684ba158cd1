// The panel's view of sync: the status the background publishes and the reader's on/off choice,
// both from storage.local, updated live; turning sync on or off only writes the setting.
import { useEffect, useState } from 'preact/hooks';
import { type SyncSettings, syncSettingsItem, syncStatusItem } from '@/utils/storage';
import { INITIAL_SYNC_STATUS, type SyncStatus } from './status';

export interface SyncStatusView {
  status: SyncStatus;
  settings: SyncSettings | null;
  setEnabled: (enabled: boolean) => Promise<void>;
}

export function useSyncStatus(): SyncStatusView {
  const [status, setStatus] = useState<SyncStatus>(INITIAL_SYNC_STATUS);
  const [settings, setSettings] = useState<SyncSettings | null>(null);
  useEffect(() => {
    let live = true;
    void syncStatusItem.getValue().then((s) => live && setStatus(s));
    void syncSettingsItem.getValue().then((s) => live && setSettings(s));
    const unwatchStatus = syncStatusItem.watch((s) => setStatus(s));
    const unwatchSettings = syncSettingsItem.watch((s) => setSettings(s));
    return () => {
      live = false;
      unwatchStatus();
      unwatchSettings();
    };
  }, []);
  return { status, settings, setEnabled: (enabled) => syncSettingsItem.setValue({ enabled }) };
}

/**
 * When Stance last wrote to the sync storage, as a clock time ("14:32"), with the date when it was
 * not today: a moment the reader can check, rather than "1 minute ago" that sounds like delivery.
 */
export function syncTimeLabel(then: number, now: number, language: string): string {
  const sameDay = new Date(then).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(
    language,
    sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(then);
}

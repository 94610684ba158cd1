// The panel's view of sync: the status the background publishes and the reader's on/off choice,
// both from storage.local, updated live; turning sync on or off only writes the setting.
import { useEffect, useState } from 'preact/hooks';
import { type SyncSettings, syncSettingsItem, syncStatusItem } from './items';
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

/** "5 minutes ago" in the reader's language, for a time in the past. */
export function relativeTime(then: number, now: number, language: string): string {
  const seconds = Math.round((then - now) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units)
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(seconds, 'second');
}

import axe from 'axe-core';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SyncStatus } from '@/components/SyncStatus';
import { syncSettingsItem, syncStatusItem } from '@/utils/sync/items';
import { INITIAL_SYNC_STATUS } from '@/utils/sync/status';
import { relativeTime } from '@/utils/sync/use-sync-status';

async function mount() {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  await act(async () => render(<SyncStatus />, root));
  await act(async () => new Promise((r) => setTimeout(r, 20)));
  return root;
}

describe('SyncStatus', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows the space used, last sync, articles kept here and the last problem', async () => {
    await syncStatusItem.setValue({
      ...INITIAL_SYNC_STATUS,
      enabled: true,
      lastSyncedAt: Date.now() - 5 * 60_000,
      bytesUsed: 41 * 1024,
      localByChoice: 1,
      localByBudget: 2,
      lastError: 'rate-minute',
    });
    const root = await mount();
    const text = root.textContent ?? '';
    expect(text).toContain('41 KB of 100 KB used');
    expect(text).toContain('Last synced 5 minutes ago');
    expect(text).toContain('Articles on this device only: 3');
    expect(text).toContain('try again in a minute');
    expect(root.querySelector('[role=status]')).not.toBeNull();
    const results = await axe.run(root, { rules: { region: { enabled: false } } });
    expect(results.violations).toEqual([]);
  });

  it('turns sync off through the reader’s setting', async () => {
    const root = await mount();
    const toggle = root.querySelector<HTMLInputElement>('input[role=switch]')!;
    expect(toggle.checked).toBe(true);
    expect(root.querySelector(`label[for="${toggle.id}"]`)?.textContent).toContain('Sync my positions');
    await act(async () => toggle.click());
    await act(async () => new Promise((r) => setTimeout(r, 20)));
    expect(await syncSettingsItem.getValue()).toEqual({ enabled: false });
    expect(root.textContent).toContain('Sync is off');
  });

  it('says how long ago in the reader’s language', () => {
    expect(relativeTime(0, 3 * 3_600_000, 'fr')).toBe('il y a 3 heures');
    expect(relativeTime(0, 130_000, 'en')).toBe('2 minutes ago');
  });
});

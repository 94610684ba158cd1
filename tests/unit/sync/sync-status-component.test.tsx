// @vitest-environment happy-dom
import axe from 'axe-core';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SyncStatus } from '@/components/SyncStatus';
import { syncSettingsItem, syncStatusItem } from '@/utils/storage';
import { INITIAL_SYNC_STATUS } from '@/utils/sync/status';
import { syncTimeLabel } from '@/utils/sync/use-sync-status';

async function mount() {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  await act(async () => render(<SyncStatus />, root));
  await act(async () => new Promise((r) => setTimeout(r, 20)));
  return root;
}

describe('SyncStatus', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows the space used, the last write, articles kept here and the last problem', async () => {
    const written = Date.now() - 5 * 60_000;
    await syncStatusItem.setValue({
      ...INITIAL_SYNC_STATUS,
      enabled: true,
      lastSyncedAt: written,
      bytesUsed: 41 * 1024,
      localByChoice: 1,
      localByBudget: 2,
      lastError: 'rate-minute',
    });
    const root = await mount();
    const text = root.textContent ?? '';
    expect(text).toContain('41 KB of 100 KB used');
    // Only what Stance knows: it wrote to the browser's sync storage, not that a device received it.
    expect(text).toContain(
      `Last written to this browser’s sync storage: ${syncTimeLabel(written, Date.now(), 'en')}`,
    );
    expect(text).toContain('Stance cannot see whether you are');
    expect(text).not.toMatch(/synced \d|ago/);
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

  it('says when as a clock time in the reader’s language, with the date when it was not today', () => {
    const written = new Date(2026, 4, 3, 14, 32).getTime();
    expect(syncTimeLabel(written, new Date(2026, 4, 3, 18, 0).getTime(), 'fr')).toBe('14:32');
    expect(syncTimeLabel(written, new Date(2026, 4, 3, 18, 0).getTime(), 'en')).toMatch(/^2:32\sPM$/);
    const later = syncTimeLabel(written, new Date(2026, 4, 5, 9, 0).getTime(), 'fr');
    expect(later).toContain('3 mai 2026');
    expect(later).toContain('14:32');
  });

  it('says nothing has been written before the first write', async () => {
    await syncStatusItem.setValue({ ...INITIAL_SYNC_STATUS, enabled: true });
    const root = await mount();
    expect(root.textContent).toContain('Nothing written to this browser’s sync storage yet');
  });
  it('tells damage apart from a newer version, and names other items and a full storage.local', async () => {
    await syncStatusItem.setValue({ ...INITIAL_SYNC_STATUS, enabled: true, corrupt: 1 });
    let text = (await mount()).textContent ?? '';
    expect(text).toContain('Damaged sync items: 1');
    expect(text).not.toContain('this version of Stance');
    await syncStatusItem.setValue({ ...INITIAL_SYNC_STATUS, enabled: true, newerVersion: 1 });
    text = (await mount()).textContent ?? '';
    expect(text).toContain('this version of Stance cannot read them: 1');
    expect(text).not.toContain('Damaged');
    await syncStatusItem.setValue({ ...INITIAL_SYNC_STATUS, enabled: true, incomplete: 1 });
    text = (await mount()).textContent ?? '';
    expect(text).toContain('Sync items not complete yet: 1');
    expect(text).toContain('after 5 minutes');
    await syncStatusItem.setValue({
      ...INITIAL_SYNC_STATUS,
      enabled: true,
      localByBudget: 31,
      otherItems: 512,
      otherBytes: 4_000,
      lastError: 'quota',
    });
    text = (await mount()).textContent ?? '';
    expect(text).toContain(
      'No article can be synced: other items in this browser’s sync storage use 512 of the 512',
    );
    await syncStatusItem.setValue({
      ...INITIAL_SYNC_STATUS,
      enabled: true,
      pending: true,
      localTooLarge: 1,
      tooLargeTitles: ['Un article très long'],
      localWriteError: 'full',
    });
    const root = await mount();
    text = root.textContent ?? '';
    expect(text).toContain('Articles too large to sync, kept on this device: 1');
    expect(root.querySelector('.sync-too-large li')?.textContent).toBe('Un article très long');
    expect(text).toContain('Articles on this device only: 1');
    expect(text).toContain('Stance’s storage on this device is full');
    const results = await axe.run(root, { rules: { region: { enabled: false } } });
    expect(results.violations).toEqual([]);
  });
});

// @vitest-environment happy-dom
// Settings → Backup says what happened, whatever happened: what was restored, each entry left
// out and why, where a restore stopped when storage was full, and any failure, in words.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BackupControls } from '@/components/groups/BackupControls';
import { saveArticle } from '@/utils/positions/store';
import { exportAllData } from '@/utils/share/backup';
import { renderTarget, settle } from '../support/render-target';
import { readerArticle } from './fixtures';

describe('BackupControls', () => {
  const target = renderTarget();

  async function chooseFile(text: string) {
    const input = target.el.querySelector<HTMLInputElement>('input[type="file"]')!;
    const file = new File([text], 'stance-backup.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
  }

  const status = () => target.el.querySelector('[role="status"]')?.textContent ?? '';
  const alert = () => target.el.querySelector('[role="alert"]')?.textContent ?? '';

  it('lists each entry it left out, by title and address, and why', async () => {
    await saveArticle(readerArticle());
    const backup = JSON.parse(await exportAllData());
    backup.articles.push({
      ...backup.articles[0],
      url: 'javascript:alert(document.domain)//',
      meta: { ...backup.articles[0].meta, v: { ...backup.articles[0].meta.v, title: 'A script' } },
    });
    fakeBrowser.reset();
    const onRestored = vi.fn();
    await act(() => render(<BackupControls onRestored={onRestored} />, target.el));
    await chooseFile(JSON.stringify(backup));
    expect(status()).toContain('Restored: 1 article');
    const items = [...target.el.querySelectorAll('li')].map((li) => li.textContent);
    expect(target.el.textContent).toContain('Left out of the restore (everything else was restored):');
    expect(items).toEqual([
      expect.stringMatching(/^“A script” \(javascript:alert\(document\.domain\)\/\/\): .*not a web address/),
    ]);
    expect(target.el.querySelector('a')).toBeNull();
    expect(onRestored).toHaveBeenCalled();
  });

  it('says nothing was restored when the browser refused the write', async () => {
    await saveArticle(readerArticle());
    const text = await exportAllData();
    fakeBrowser.reset();
    vi.spyOn(browser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    await act(() => render(<BackupControls />, target.el));
    await chooseFile(text);
    expect(alert()).toContain('Nothing was restored');
    expect(alert()).toContain('QUOTA_BYTES quota exceeded');
  });

  it('says so when the restore fails outright, instead of nothing', async () => {
    const text = await exportAllData();
    vi.spyOn(browser.storage.local, 'get').mockRejectedValue(new Error('storage is unavailable'));
    await act(() => render(<BackupControls />, target.el));
    await chooseFile(text);
    expect(status()).toBe('Restore failed: storage is unavailable');
  });

  it('says so when the backup cannot be made', async () => {
    vi.spyOn(browser.storage.local, 'get').mockRejectedValue(new Error('storage is unavailable'));
    await act(() => render(<BackupControls />, target.el));
    const button = [...target.el.querySelectorAll('button')].find(
      (b) => b.textContent === 'Export all my data',
    )!;
    await act(() => button.click());
    await settle();
    expect(status()).toBe('The backup could not be made: storage is unavailable');
  });
});

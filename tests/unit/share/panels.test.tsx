// @vitest-environment happy-dom
import axe from 'axe-core';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ExportDialog, ImportPanel } from '@/components/groups';
import { loadGroups } from '@/utils/share/group-store';
import { decodeShareCode, encodeShareCode } from '@/utils/share/share-code';
import { renderTarget, settle } from '../support/render-target';
import { memberFile, PRIVATE_NOTE, readerArticle, SHARED_NOTE, URL_A } from './fixtures';

/** Settles until `ready()` holds: share codes inflate through streams, which take a varying number of turns. */
async function settleUntil(ready: () => boolean) {
  for (let i = 0; i < 200 && !ready(); i++) await settle(5);
  expect(ready()).toBe(true);
}

const verdictCount = (root: HTMLElement) => root.querySelectorAll('.group-verdicts li').length;

function setText(el: HTMLTextAreaElement | HTMLInputElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

const button = (root: HTMLElement, text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === text)!;

describe('ImportPanel and ExportDialog', () => {
  const target = renderTarget();

  it('imports pasted share codes with a verdict each, and asks on a duplicate', async () => {
    await act(() => render(<ImportPanel articleUrl={URL_A} />, target.el));
    const codes = await Promise.all([
      encodeShareCode(JSON.stringify(memberFile('a', 'Ada', [1, 2, 3]))),
      encodeShareCode(JSON.stringify(memberFile('a', 'Ada', [5, 5, 5]))),
      encodeShareCode('{"format":"stance-positions","version":9}'),
    ]);
    await act(() =>
      setText(target.el.querySelector('textarea')!, `Ada: ${codes[0]}\nAda again: ${codes[1]} ${codes[2]}`),
    );
    await act(() => button(target.el, 'Import the codes').click());
    await settleUntil(() => verdictCount(target.el) === 3);
    const verdicts = [...target.el.querySelectorAll('.group-verdicts li')].map((li) => li.textContent);
    expect(verdicts[0]).toContain('imported: Ada');
    expect(verdicts[1]).toContain('Ada is already in this group');
    expect(verdicts[2]).toContain('newer Stance (format version 9)');
    expect((await loadGroups(URL_A)).groups[0]?.members).toHaveLength(1);

    await act(() => button(target.el, 'Replace the earlier one').click());
    await settle(5);
    const members = (await loadGroups(URL_A)).groups[0]?.members;
    expect(members?.map((m) => m.answers.q1?.position)).toEqual([5]);
    expect(target.el.querySelectorAll('.verdict.imported')).toHaveLength(2);
    const results = await axe.run(target.el, { rules: { region: { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('imports into a new group when the reader picks one', async () => {
    await act(() => render(<ImportPanel articleUrl={URL_A} />, target.el));
    const paste = async (file: Parameters<typeof memberFile>) => {
      const code = await encodeShareCode(JSON.stringify(memberFile(...file)));
      await act(() => setText(target.el.querySelector('textarea')!, code));
      const before = verdictCount(target.el);
      await act(() => button(target.el, 'Import the codes').click());
      await settleUntil(() => verdictCount(target.el) > before);
    };
    await paste(['a', 'Ada', [1, 2, 3]]);
    const select = target.el.querySelector('select')!;
    select.value = '';
    await act(() => {
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await paste(['b', 'Bob', [1, 2, 3]]);
    await paste(['c', 'Cy', [1, 2, 3]]);
    const groups = (await loadGroups(URL_A)).groups;
    expect(groups.map((g) => [g.name, g.members.map((m) => m.name)])).toEqual([
      ['Group 1', ['Ada']],
      ['Group 2', ['Bob', 'Cy']],
    ]);
  });

  it('counts the private notes that stay in the singular and the plural', async () => {
    const two = readerArticle();
    two.questions.q3!.note = { v: 'another private one', at: '0000000030000dev' };
    await act(() => render(<ExportDialog articles={[two]} />, target.el));
    await settleUntil(() => (target.el.textContent ?? '').includes('stay on this device'));
    expect(target.el.textContent).toContain('2 private notes stay on this device');
    await act(() => render(<ExportDialog articles={[readerArticle()]} />, target.el));
    await settleUntil(() => (target.el.textContent ?? '').includes('stays on this device'));
    expect(target.el.textContent).toContain('1 private note stays on this device');
    expect(target.el.textContent).not.toContain('1 private notes');
  });

  it('previews exactly what leaves: the shared note, never the private one', async () => {
    await act(() => render(<ExportDialog articles={[readerArticle()]} />, target.el));
    await settle(5);
    await act(() => setText(target.el.querySelector('input[type=text]') as HTMLInputElement, 'Grace'));
    const preview = () => target.el.querySelector('pre')!.textContent ?? '';
    await settleUntil(() => preview().includes('Grace'));
    expect(JSON.parse(preview())).toMatchObject({
      format: 'stance-positions',
      participant: { name: 'Grace' },
    });
    expect(preview()).toContain(SHARED_NOTE);
    expect(target.el.textContent).not.toContain(PRIVATE_NOTE);
    expect(target.el.textContent).toContain('1 private note stays on this device');
    // Each format's text, once the preview shows it (not the previous format's, still on screen).
    const shows: Record<string, (text: string) => boolean> = {
      json: (text) => text.startsWith('{'),
      markdown: (text) => text.includes('Positions of Grace'),
      csv: (text) => text.includes('shared_note'),
      code: (text) => text.startsWith('stance1.'),
    };
    const radios = [...target.el.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => r.value).sort()).toEqual(Object.keys(shows).sort());
    for (const radio of radios) {
      await act(() => radio.click());
      await settleUntil(() => shows[radio.value]!(preview()));
      // A share code is deflated base64url, where no note could show as text: read what it holds.
      const decoded = radio.value === 'code' ? await decodeShareCode(preview(), 1_000_000) : null;
      const leaving = decoded ? (decoded.ok ? decoded.json : '') : preview();
      expect(leaving).toContain(SHARED_NOTE);
      expect(leaving).not.toContain(PRIVATE_NOTE);
      expect(target.el.textContent).not.toContain(PRIVATE_NOTE);
    }
    await settleUntil(() => preview().startsWith('stance1.'));
    const results = await axe.run(target.el, { rules: { region: { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});

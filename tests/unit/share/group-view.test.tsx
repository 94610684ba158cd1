import axe from 'axe-core';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { GroupView } from '@/components/groups';
import type { PositionsFile } from '@/utils/share/format';
import { importIntoGroup } from '@/utils/share/group-store';
import { parseImport } from '@/utils/share/import';
import { revealGroupAlways } from '@/utils/storage';
import { renderTarget, settle } from '../support/render-target';
import { memberFile, readerArticle, URL_A } from './fixtures';

const HOSTILE = '<img src=x onerror=alert(1)>';

async function importFile(file: PositionsFile) {
  const p = await parseImport(JSON.stringify(file), { articleUrl: URL_A });
  if (!p.ok) throw new Error(p.rejection.reason);
  const r = await importIntoGroup(URL_A, p.value, { choice: 'ask' });
  if (!r.ok) throw new Error(r.rejection.reason);
}

describe('GroupView', () => {
  const target = renderTarget();

  it('shows hostile names, notes and questions as characters, never as markup', async () => {
    const file = memberFile('h', HOSTILE, [1, 5, 3], [HOSTILE, `<script>alert(2)</script>`]);
    file.articles[0]!.questions.push({
      ...file.articles[0]!.questions[0]!,
      id: 'q9',
      text: `${HOSTILE}?`,
      label: HOSTILE,
    });
    file.articles[0]!.title = HOSTILE;
    await importFile(file);
    await importFile(memberFile('b', 'Bob', [5, 5, 5]));
    await revealGroupAlways.setValue(true);
    await act(() => render(<GroupView articleUrl={URL_A} reader={readerArticle()} />, target.el));
    await settle(5);
    // Unfold every question's shared notes.
    for (const details of target.el.querySelectorAll('details')) {
      details.open = true;
      await act(() => {
        details.dispatchEvent(new Event('toggle'));
      });
    }
    expect(target.el.textContent).toContain(HOSTILE);
    expect(target.el.textContent).toContain('<script>alert(2)</script>');
    expect(target.el.querySelector('img, script')).toBeNull();
    expect(target.el.textContent).toContain('Only 1 of 2 members has this question');
  });

  it('hides the group’s answers until the reader answers, unless they turn the gate off', async () => {
    await importFile(memberFile('a', 'Ada', [1, 5, 3]));
    await importFile(memberFile('b', 'Bob', [2, 4, 3]));
    // The reader answered q1 only.
    await act(() => render(<GroupView articleUrl={URL_A} reader={readerArticle({ q1: 5 })} />, target.el));
    await settle(5);
    const charts = () => target.el.querySelectorAll('.group-chart');
    const reveal = () =>
      [...target.el.querySelectorAll('button')].filter((b) => b.textContent === 'Show the group');
    expect(charts()).toHaveLength(1);
    expect(reveal()).toHaveLength(2);
    // The bar chart's rows carry their labels and counts as text.
    const rows = [...charts()[0]!.querySelectorAll('li')].map((li) => li.textContent);
    expect(rows).toContain('No1');
    expect(rows).toContain('Rather no1');
    expect(rows).toContain('Yes0 (you)');

    await act(() => reveal()[0]!.click());
    expect(charts()).toHaveLength(2);

    await act(() => revealGroupAlways.setValue(true));
    await settle(5);
    expect(charts()).toHaveLength(3);
    expect(reveal()).toHaveLength(0);
  });

  it('has no accessibility violations (axe), charts and controls labelled', async () => {
    await importFile(memberFile('a', 'Ada', [1, 5, 3], ['note']));
    await revealGroupAlways.setValue(true);
    await act(() => render(<GroupView articleUrl={URL_A} reader={readerArticle({ q1: 5 })} />, target.el));
    await settle(5);
    const results = await axe.run(target.el, { rules: { region: { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).toEqual([]);
  });

  it('says so when there is no group yet', async () => {
    await act(() => render(<GroupView articleUrl={URL_A} reader={null} />, target.el));
    await settle(5);
    expect(target.el.textContent).toContain('No group yet');
  });
});

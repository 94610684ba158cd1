// @vitest-environment happy-dom
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
import { campPositions, plantedClass, plantedFiles, readerAnswering } from './support/planted-class';

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

describe('GroupView: opinion groups', () => {
  const target = renderTarget();
  const planted = plantedClass({ members: 12, questions: 8, camps: 2, noise: 0.5, seed: 3 });

  async function importPlanted() {
    for (const file of plantedFiles(planted, URL_A)) await importFile(file);
  }
  const section = () => target.el.querySelector<HTMLElement>('.opinion-groups')!;
  const points = () => [...target.el.querySelectorAll<SVGGElement>('.opinion-point')];

  it('shows the planted camps on a map, each member named or shown as unnamed', async () => {
    await importPlanted();
    const reader = readerAnswering(URL_A, campPositions(planted, 0));
    await act(() => render(<GroupView articleUrl={URL_A} reader={reader} />, target.el));
    await settle(5);
    expect(section().textContent).toContain('The members fall into 2 opinion groups.');
    expect(points()).toHaveLength(12);
    const labels = points().map((p) => p.getAttribute('aria-label'));
    expect(labels.filter((l) => l?.startsWith('Anonymous, group '))).toHaveLength(2);
    // Each group on the map holds exactly one planted camp, whole.
    for (const g of ['A', 'B']) {
      const inGroup = points().filter((p) => p.getAttribute('aria-label')!.endsWith(`group ${g}`));
      expect(new Set(inGroup.map((p) => planted.camp.get(p.dataset.member!)))).toHaveProperty('size', 1);
      expect(inGroup).toHaveLength(6);
    }
    expect(target.el.querySelector('.opinion-you')?.getAttribute('aria-label')).toBe('You are here');
    expect(section().textContent).toMatch(/closest to group [AB]/);
    expect(section().textContent).toContain('What sets this group apart');
    expect(section().textContent).toContain('Where the groups stand apart');
    expect(target.el.querySelector('figcaption')?.textContent).toContain('12 members are on the map.');
  });

  it('waits behind a button until the reader answers, and places them only once they have', async () => {
    await importPlanted();
    await act(() => render(<GroupView articleUrl={URL_A} reader={null} />, target.el));
    await settle(5);
    const show = [...section().querySelectorAll('button')].find(
      (b) => b.textContent === 'Show the opinion groups',
    );
    expect(show).toBeDefined();
    expect(points()).toHaveLength(0);
    await act(() => show!.click());
    // The map is computed after the view paints: a status says so meanwhile.
    expect(section().textContent).toContain('Finding the opinion groups…');
    await settle(3);
    expect(points()).toHaveLength(12);
    expect(target.el.querySelector('.opinion-you')).toBeNull();
    expect(section().textContent).toContain(
      'Answer more of these questions to see your own place on the map.',
    );
  });

  it('goes from member to member with the arrow keys, one tab stop for the map', async () => {
    await importPlanted();
    const reader = readerAnswering(URL_A, campPositions(planted, 1));
    await act(() => render(<GroupView articleUrl={URL_A} reader={reader} />, target.el));
    await settle(5);
    const stops = () => points().filter((p) => p.getAttribute('tabindex') === '0');
    expect(stops()).toHaveLength(1);
    const first = stops()[0]!;
    await act(() => {
      first.focus();
      first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    await settle(2);
    expect(stops()).toHaveLength(1);
    expect(stops()[0]).not.toBe(first);
    expect(target.el.querySelector('.opinion-map-focus')?.textContent).toBe(
      stops()[0]!.getAttribute('aria-label'),
    );
    await act(() => {
      stops()[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    });
    expect(stops()[0]).toBe(first);
  });

  it('says plainly when there are too few members', async () => {
    for (const file of plantedFiles(planted, URL_A).slice(0, 3)) await importFile(file);
    await revealGroupAlways.setValue(true);
    await act(() => render(<GroupView articleUrl={URL_A} reader={null} />, target.el));
    await settle(5);
    expect(section().textContent).toContain('Too few members have answered enough questions');
    expect(points()).toHaveLength(0);
  });

  it('has no accessibility violations with the map (axe)', async () => {
    await importPlanted();
    const reader = readerAnswering(URL_A, campPositions(planted, 0));
    await act(() => render(<GroupView articleUrl={URL_A} reader={reader} />, target.el));
    await settle(5);
    const results = await axe.run(section(), { rules: { region: { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).toEqual([]);
  });
});

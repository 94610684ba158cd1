// README's benchmark table comes from the results file alone: a figure the bench did not write is
// "not measured", never a number kept from before.
import { describe, expect, test } from 'vitest';
import { benchTable, END, replaceTable, START, TARGETS } from '../../../scripts/lib/bench-table.mjs';

const context = { machine: '2 cores (Test CPU), Node v20', writtenAt: '2026-12-01T10:00:00Z' };

describe('benchmark table', () => {
  test('one row per figure written, with its target and how to measure it again', () => {
    const table = benchTable({ 'groups.import_500_ms': 131, 'tests.mutation_score': 0.8123 }, context);
    expect(table).toContain('| `groups.import_500_ms` | 131 | < 1 s | `npm run bench -- groups` |');
    expect(table).toContain('| `tests.mutation_score` | 0.8123 | ≥ 0.80 | `npm run mutate` |');
    expect(table).toContain('last written 2026-12-01T10:00:00Z');
    expect(table).toContain('on 2 cores (Test CPU), Node v20');
  });

  test('a target with no figure says so, and figures without a target are still listed', () => {
    const table = benchTable(
      { 'panel.library_2000_search_ms': 7.25, 'sync.plan_ms_520_articles': 1185 },
      context,
    );
    expect(table).toContain('| `groups.import_500_ms` | not measured | < 1 s |');
    expect(table).toContain('| `panel.library_2000_search_ms` | 7.25 |  | `npm run bench -- panel` |');
    expect(table).toContain('| `sync.plan_ms_520_articles` | 1,185 |');
    const numbers = table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|')[2]!.trim());
    expect(numbers.filter((n) => n !== 'not measured').sort()).toEqual(['1,185', '7.25']);
    expect(numbers.filter((n) => n === 'not measured')).toHaveLength(Object.keys(TARGETS).length);
  });

  test('rows follow the parts in bench order', () => {
    const table = benchTable({ 'tests.mutation_score': 0.9, 'size.every_page_bytes': 0 }, context);
    expect(table.indexOf('size.every_page_bytes')).toBeLessThan(table.indexOf('page.load_overhead_ratio'));
    expect(table.indexOf('groups.import_500_ms')).toBeLessThan(table.indexOf('tests.mutation_score'));
  });

  test('replaces only what is between the markers, and refuses a README without them', () => {
    const readme = `before\n${START}\nold table\n${END}\nafter`;
    expect(replaceTable(readme, 'new')).toBe(`before\n${START}\nnew\n${END}\nafter`);
    expect(() => replaceTable('no markers', 'new')).toThrow(/bench-table/);
  });
});

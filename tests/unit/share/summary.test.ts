import { describe, expect, it } from 'vitest';
import { aggregateGroup } from '@/utils/share/aggregate';
import { addMember, newGroup } from '@/utils/share/groups';
import { parseImport } from '@/utils/share/import';
import { groupSummaryMarkdown } from '@/utils/share/markdown-summary';
import { memberFile, URL_A } from './fixtures';

describe('group summary (Markdown)', () => {
  it('lists questions most divided first, with counts, agreement and notes by position, escaped', async () => {
    let group = newGroup('g', 'Class <3B>', 0);
    for (const f of [
      memberFile('a', 'Ada', [5, 1, 1], ['Yes *really*']),
      memberFile('b', '<b>Bob</b>', [5, 5, 1], ['![img](http://x)']),
    ]) {
      const p = await parseImport(JSON.stringify(f), { articleUrl: URL_A });
      if (!p.ok) throw new Error();
      const r = addMember(group, p.value, 'ask', 0);
      if (!r.ok) throw new Error();
      group = r.value;
    }
    const md = groupSummaryMarkdown(aggregateGroup(group, null), {
      articleTitle: 'The SpaceX IPO',
      articleUrl: URL_A,
      groupName: group.name,
    });
    expect(md).toContain('Group “Class \\<3B\\>”, 2 members.');
    const q2 = md.indexOf('Monopolies are good');
    const q1 = md.indexOf('Should SpaceX go public?');
    expect(q2).toBeGreaterThan(0);
    expect(q2).toBeLessThan(q1);
    expect(md).toContain('2 of 2 members answered. Agreement: 0 %.');
    expect(md).toContain('| Yes | 2 |');
    expect(md).toContain('> Ada:\n> Yes \\*really\\*');
    expect(md).toContain('\\<b\\>Bob\\</b\\>');
    expect(md).toContain('\\!\\[img\\]\\(http://x\\)');
    expect(md).not.toMatch(/<b>|!\[/);
  });
});

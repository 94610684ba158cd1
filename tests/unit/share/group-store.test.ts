import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveArticle } from '@/utils/positions/store';
import type { PositionsFile } from '@/utils/share/format';
import { LIMITS } from '@/utils/share/format';
import {
  deleteGroupIn,
  importIntoGroup,
  listAllGroups,
  loadGroups,
  renameGroupIn,
} from '@/utils/share/group-store';
import { addMember, newGroup } from '@/utils/share/groups';
import { type ImportedPositions, parseImport } from '@/utils/share/import';
import { memberFile, readerArticle, URL_A } from './fixtures';

async function imported(file: PositionsFile): Promise<ImportedPositions> {
  const r = await parseImport(JSON.stringify(file), { articleUrl: URL_A });
  if (!r.ok) throw new Error(r.rejection.reason);
  return r.value;
}

const snapshot = () => browser.storage.local.get(null);

describe('group store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps imports apart from the reader’s own record and never changes it', async () => {
    const mine = readerArticle();
    await saveArticle(mine);
    const r = await importIntoGroup(URL_A, await imported(memberFile('a', 'Ada', [1, 1, 1])), {
      choice: 'ask',
    });
    expect(r.ok).toBe(true);
    const all = await snapshot();
    expect(all[`article:${URL_A}`]).toEqual(mine);
    expect(Object.keys(all).filter((k) => k.startsWith('group:'))).toEqual([`group:${URL_A}`]);
    const groups = await loadGroups(URL_A);
    expect(groups.groups).toHaveLength(1);
    expect(groups.groups[0]?.name).toBe('Group 1');
    expect(groups.groups[0]?.members.map((m) => m.name)).toEqual(['Ada']);
  });

  it('turns a duplicate participant away without writing, then replaces or keeps both', async () => {
    await importIntoGroup(URL_A, await imported(memberFile('a', 'Ada', [1, 1, 1])), { choice: 'ask' });
    const before = await snapshot();
    const again = await imported(memberFile('a', 'Ada', [5, 5, 5]));
    const dup = await importIntoGroup(URL_A, again, { choice: 'ask' });
    expect(dup.ok ? 'ok' : dup.rejection.reason).toBe('duplicate-participant');
    expect(await snapshot()).toEqual(before);

    // Same name from another device counts as a duplicate too.
    const sameName = await importIntoGroup(URL_A, await imported(memberFile('zz', 'ada', [2, 2, 2])), {
      choice: 'ask',
    });
    expect(sameName.ok).toBe(false);

    await importIntoGroup(URL_A, again, { choice: 'replace' });
    let members = (await loadGroups(URL_A)).groups[0]!.members;
    expect(members.map((m) => m.answers.q1?.position)).toEqual([5]);

    await importIntoGroup(URL_A, await imported(memberFile('a', 'Ada', [3, 3, 3])), { choice: 'keep-both' });
    members = (await loadGroups(URL_A)).groups[0]!.members;
    expect(members.map((m) => [m.key, m.answers.q1?.position])).toEqual([
      ['a', 5],
      ['a~2', 3],
    ]);
  });

  it('refuses the member beyond the bound, with nothing changed', async () => {
    let group = newGroup('g', 'Hall', 0);
    group = {
      ...group,
      members: Array.from({ length: LIMITS.participantsPerGroup }, (_, i) => ({
        key: `k${i}`,
        participantId: `k${i}`,
        name: null,
        exportedAt: '',
        importedAt: 0,
        answers: {},
      })),
    };
    const r = addMember(group, await imported(memberFile('new', 'New', [1, 1, 1])), 'ask', 1);
    expect(r.ok ? 'ok' : r.rejection.reason).toBe('too-many-participants');
  });

  it('serialises concurrent imports so no member is lost', async () => {
    const files = await Promise.all(
      Array.from({ length: 20 }, (_, i) => imported(memberFile(`p${i}`, `P${i}`, [1, 2, 3]))),
    );
    await Promise.all(files.map((f) => importIntoGroup(URL_A, f, { choice: 'ask' })));
    expect((await loadGroups(URL_A)).groups[0]?.members).toHaveLength(20);
  });

  it('renames and deletes a group; what was deleted is remembered, nothing else is kept', async () => {
    const r = await importIntoGroup(URL_A, await imported(memberFile('a', 'Ada', [1, 1, 1])), {
      choice: 'ask',
    });
    if (!r.ok) throw new Error();
    await importIntoGroup(URL_A, await imported(memberFile('b', 'Bob', [1, 1, 1])), {
      groupId: 'second',
      choice: 'ask',
    });
    await renameGroupIn(URL_A, r.value.groupId, 'Class 3B');
    expect((await loadGroups(URL_A)).groups.map((g) => g.name)).toEqual(['Class 3B', 'Group 2']);
    await deleteGroupIn(URL_A, r.value.groupId, 1_000);
    expect((await loadGroups(URL_A)).groups.map((g) => g.id)).toEqual(['second']);
    await deleteGroupIn(URL_A, 'second', 2_000);
    expect(await listAllGroups()).toEqual({
      [URL_A]: { groups: [], deleted: { [r.value.groupId]: 1_000, second: 2_000 } },
    });
  });
});

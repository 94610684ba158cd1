// The pure operations on a group: who counts as the same person, what each duplicate choice does,
// the member limit, tombstones, and the merge of this device's groups with a backup's (later name,
// later import, later tombstone; a member imported again after removal stays).
import { describe, expect, it } from 'vitest';
import type { ArticleGroups, Group, GroupMember, SharedQuestion } from '@/utils/share/format';
import { LIMITS } from '@/utils/share/format';
import {
  addMember,
  deleteGroup,
  findDuplicate,
  mergeArticleGroups,
  newGroup,
  removeMember,
  renameGroup,
} from '@/utils/share/groups';
import type { ImportedPositions } from '@/utils/share/import';

const question = (
  id: string,
  text: string,
  position: SharedQuestion['position'],
  note?: string,
): SharedQuestion => ({
  id,
  kind: 'debate',
  label: '',
  text,
  form: { type: 'agree-disagree' },
  order: 0,
  position,
  ...(note === undefined ? {} : { note }),
});

const imported = (id: string, name: string | null, questions: SharedQuestion[]): ImportedPositions => ({
  participant: { id, name },
  exportedAt: '2026-12-01T10:00:00.000Z',
  article: { url: 'https://example.org/debate', title: 'Debate', questions },
});

function grow(group: Group, ...files: ImportedPositions[]): Group {
  let g = group;
  for (const f of files) {
    const r = addMember(g, f, 'keep-both', 1);
    if (!r.ok) throw new Error(r.rejection.reason);
    g = r.value;
  }
  return g;
}

const member = (key: string, importedAt: number, position: 1 | 5 = 1): GroupMember => ({
  key,
  participantId: key,
  name: key,
  exportedAt: '2026-12-01T10:00:00.000Z',
  importedAt,
  answers: { q1: { position } },
});

describe('findDuplicate', () => {
  const group = grow(newGroup('g', 'Class', 0), imported('p-ada', 'Ada', []), imported('p-bo', null, []));

  it('finds the same person by id first, then by name whatever its case', () => {
    expect(findDuplicate(group, imported('p-ada', 'Someone else', []))?.key).toBe('p-ada');
    expect(findDuplicate(group, imported('p-new', 'ADA', []))?.key).toBe('p-ada');
    expect(findDuplicate(group, imported('p-bo', 'Ada', []))?.key).toBe('p-bo');
  });

  it('never takes two anonymous members for the same person', () => {
    expect(findDuplicate(group, imported('p-other', null, []))).toBeUndefined();
    expect(findDuplicate(group, imported('p-other', 'Bo', []))).toBeUndefined();
  });
});

describe('addMember', () => {
  const first = imported('p-ada', 'Ada', [
    question('q1', 'First wording', 2, 'shared note'),
    question('q2', 'Two', 4),
  ]);
  const group = grow(newGroup('g', 'Class', 0), first, imported('p-cy', 'Cy', [question('q1', 'x', 5)]));

  it('adds a member with their answers, a note only where they shared one, and the time of import', () => {
    const ada = group.members[0]!;
    expect(ada).toEqual({
      key: 'p-ada',
      participantId: 'p-ada',
      name: 'Ada',
      exportedAt: '2026-12-01T10:00:00.000Z',
      importedAt: 1,
      answers: { q1: { position: 2, note: 'shared note' }, q2: { position: 4 } },
    });
    // The first wording of a question is kept.
    expect(group.questions.q1?.text).toBe('First wording');
    expect(Object.keys(group.questions)).toEqual(['q1', 'q2']);
  });

  it('asks on a duplicate, naming the member already there', () => {
    const again = addMember(group, imported('p-ada', 'Ada L.', []), 'ask', 2);
    expect(again).toEqual({ ok: false, rejection: { reason: 'duplicate-participant', name: 'Ada' } });
    const anonymous = grow(newGroup('g', 'Class', 0), imported('p-x', null, []));
    expect(addMember(anonymous, imported('p-x', 'Xan', []), 'ask', 2)).toEqual({
      ok: false,
      rejection: { reason: 'duplicate-participant', name: 'Xan' },
    });
    expect(addMember(anonymous, imported('p-x', null, []), 'ask', 2)).toEqual({
      ok: false,
      rejection: { reason: 'duplicate-participant', name: '' },
    });
  });

  it('replaces the earlier member in place, under the same key', () => {
    const r = addMember(group, imported('p-ada', 'Ada', [question('q1', 'y', 5)]), 'replace', 9);
    if (!r.ok) throw new Error('refused');
    expect(r.value.members.map((m) => m.key)).toEqual(['p-ada', 'p-cy']);
    expect(r.value.members[0]).toMatchObject({ importedAt: 9, answers: { q1: { position: 5 } } });
    expect(r.value.members[1]).toBe(group.members[1]);
  });

  it('keeps both under a new key, numbered from 2', () => {
    const twice = grow(group, imported('p-ada', 'Ada', []), imported('p-ada', 'Ada', []));
    expect(twice.members.map((m) => m.key)).toEqual(['p-ada', 'p-cy', 'p-ada~2', 'p-ada~3']);
  });

  it('stops at the member limit, but a replacement at the limit still goes in', () => {
    let full = newGroup('g', 'Lecture', 0);
    full = {
      ...full,
      members: Array.from({ length: LIMITS.participantsPerGroup }, (_, i) => member(`m${i}`, 1)),
    };
    expect(addMember(full, imported('p-new', 'New', []), 'keep-both', 2)).toEqual({
      ok: false,
      rejection: { reason: 'too-many-participants', limit: LIMITS.participantsPerGroup },
    });
    const replaced = addMember(full, imported('m3', 'm3', []), 'replace', 2);
    expect(replaced.ok && replaced.value.members.length).toBe(LIMITS.participantsPerGroup);
    const below = { ...full, members: full.members.slice(1) };
    expect(addMember(below, imported('p-new', 'New', []), 'keep-both', 2).ok).toBe(true);
  });
});

describe('rename, delete, remove', () => {
  const groups: ArticleGroups = {
    groups: [
      { ...newGroup('a', 'A', 0), members: [member('k1', 1), member('k2', 1)] },
      { ...newGroup('b', 'B', 0), members: [member('k1', 1)] },
    ],
  };

  it('renames one group and stamps its name', () => {
    const r = renameGroup(groups, 'b', 'Club', 7);
    expect(r.groups.map((g) => [g.name, g.nameAt])).toEqual([
      ['A', 0],
      ['Club', 7],
    ]);
  });

  it('deletes one group with a tombstone, keeping earlier tombstones', () => {
    const r = deleteGroup({ ...groups, deleted: { old: 3 } }, 'a', 7);
    expect(r).toEqual({ groups: [groups.groups[1]], deleted: { old: 3, a: 7 } });
  });

  it('removes one member of one group with a tombstone', () => {
    const r = removeMember(groups, 'a', 'k1', 7);
    expect(r.groups[0]).toMatchObject({ members: [member('k2', 1)], removed: { k1: 7 } });
    expect(r.groups[1]).toBe(groups.groups[1]);
  });
});

describe('mergeArticleGroups', () => {
  const g = (over: Partial<Group>): Group => ({ ...newGroup('g', 'Mine', 5), ...over });

  it('keeps the later name, and on a tie this device’s', () => {
    const later = mergeArticleGroups({ groups: [g({})] }, { groups: [g({ name: 'Theirs', nameAt: 6 })] });
    expect(later.groups[0]?.name).toBe('Theirs');
    const tie = mergeArticleGroups({ groups: [g({})] }, { groups: [g({ name: 'Theirs', nameAt: 5 })] });
    expect(tie.groups[0]?.name).toBe('Mine');
  });

  it('keeps each member’s later import, and on a tie this device’s', () => {
    const merged = mergeArticleGroups(
      { groups: [g({ members: [member('k1', 3, 1), member('k2', 3, 1)] })] },
      { groups: [g({ members: [member('k1', 4, 5), member('k2', 3, 5), member('k3', 1, 5)] })] },
    );
    expect(merged.groups[0]?.members.map((m) => [m.key, m.answers.q1?.position])).toEqual([
      ['k1', 5],
      ['k2', 1],
      ['k3', 5],
    ]);
  });

  it('drops a member removed after its import, keeps one imported again after its removal', () => {
    const merged = mergeArticleGroups(
      { groups: [g({ members: [member('k1', 3), member('k2', 9), member('k3', 5)] })] },
      { groups: [g({ removed: { k1: 4, k2: 8, k3: 5 } })] },
    );
    expect(merged.groups[0]?.members.map((m) => m.key)).toEqual(['k2']);
    expect(merged.groups[0]?.removed).toEqual({ k1: 4, k2: 8, k3: 5 });
  });

  it('keeps the later of two tombstones for one key, from either side', () => {
    const merged = mergeArticleGroups(
      { groups: [g({ removed: { k1: 4, k2: 9 } })], deleted: { x: 2, y: 8 } },
      { groups: [g({ removed: { k1: 6, k2: 1, k4: 3 } })], deleted: { x: 5, y: 1, z: 1 } },
    );
    expect(merged.groups[0]?.removed).toEqual({ k1: 6, k2: 9, k4: 3 });
    expect(merged.deleted).toEqual({ x: 5, y: 8, z: 1 });
  });

  it('keeps a deleted group deleted, and a group only one side has', () => {
    const merged = mergeArticleGroups(
      { groups: [g({ id: 'a' }), g({ id: 'b' })] },
      { groups: [g({ id: 'c' })], deleted: { b: 1 } },
    );
    expect(merged.groups.map((x) => x.id)).toEqual(['a', 'c']);
    expect(mergeArticleGroups({ groups: [g({ id: 'a' })] }, { groups: [] })).toEqual({
      groups: [g({ id: 'a' })],
    });
  });

  it('keeps this device’s wording of a question both have, and adds theirs', () => {
    const q = (text: string) => ({
      kind: 'debate' as const,
      label: '',
      text,
      form: { type: 'yes-no' as const },
      order: 0,
    });
    const merged = mergeArticleGroups(
      { groups: [g({ questions: { q1: q('mine') } })] },
      { groups: [g({ questions: { q1: q('theirs'), q2: q('new') } })] },
    );
    expect(merged.groups[0]?.questions).toEqual({ q1: q('mine'), q2: q('new') });
  });

  it('reads a tombstone map keyed "__proto__" or "constructor" as data', () => {
    const removed = JSON.parse('{"__proto__": 9, "constructor": 9}') as Record<string, number>;
    const merged = mergeArticleGroups(
      { groups: [g({ members: [member('toString', 1), member('constructor', 1)] })] },
      { groups: [g({ removed })] },
    );
    expect(merged.groups[0]?.members.map((m) => m.key)).toEqual(['toString']);
  });
});

// Pure operations on an article's groups: adding a member from an imported file (with the
// reader's choice on a duplicate), renaming, deleting. The store wraps these in one write each.
// Group ids, member keys and question ids come from files: looked up as own properties only.
import { type ArticleGroups, type Group, type GroupAnswer, type GroupMember, LIMITS } from './format';
import type { ImportedPositions } from './import';
import { ok, type Result, rejected } from './result';

/** What to do when a file comes from someone already in the group. */
export type DuplicateChoice = 'ask' | 'replace' | 'keep-both';

export function newGroup(id: string, name: string, now: number): Group {
  return { id, name, nameAt: now, questions: {}, members: [] };
}

function sameName(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

/** The member already in the group that this file would duplicate: same person id, or same name. */
export function findDuplicate(group: Group, imported: ImportedPositions): GroupMember | undefined {
  const { id, name } = imported.participant;
  return (
    group.members.find((m) => m.participantId === id) ?? group.members.find((m) => sameName(m.name, name))
  );
}

function memberFrom(imported: ImportedPositions, key: string, now: number): GroupMember {
  const answers = Object.fromEntries(
    imported.article.questions.map((q): [string, GroupAnswer] => {
      const answer: GroupAnswer = { position: q.position };
      if (q.note) answer.note = q.note;
      return [q.id, answer];
    }),
  );
  return {
    key,
    participantId: imported.participant.id,
    name: imported.participant.name,
    exportedAt: imported.exportedAt,
    importedAt: now,
    answers,
  };
}

function uniqueKey(group: Group, base: string): string {
  const taken = new Set(group.members.map((m) => m.key));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}~${n}`)) return `${base}~${n}`;
}

/**
 * The group with this file's member added. On a duplicate, 'ask' turns the file away so the reader
 * can choose; 'replace' swaps the earlier member out; 'keep-both' adds a second member.
 */
export function addMember(
  group: Group,
  imported: ImportedPositions,
  choice: DuplicateChoice,
  now: number,
): Result<Group> {
  const duplicate = findDuplicate(group, imported);
  if (duplicate && choice === 'ask') {
    return rejected({
      reason: 'duplicate-participant',
      name: duplicate.name ?? imported.participant.name ?? '',
    });
  }
  const replacing = duplicate && choice === 'replace' ? duplicate : undefined;
  const remaining = replacing ? group.members.filter((m) => m !== replacing) : group.members;
  if (remaining.length >= LIMITS.participantsPerGroup) {
    return rejected({ reason: 'too-many-participants', limit: LIMITS.participantsPerGroup });
  }
  const key = replacing ? replacing.key : uniqueKey(group, imported.participant.id);
  const questions = { ...group.questions };
  for (const q of imported.article.questions) {
    // The first snapshot of a question is kept: members may have read slightly different versions.
    if (!Object.hasOwn(questions, q.id)) {
      questions[q.id] = { kind: q.kind, label: q.label, text: q.text, form: q.form, order: q.order };
    }
  }
  const member = memberFrom(imported, key, now);
  const members = replacing
    ? group.members.map((m) => (m === replacing ? member : m))
    : [...group.members, member];
  return ok({ ...group, questions, members });
}

export function renameGroup(
  groups: ArticleGroups,
  groupId: string,
  name: string,
  now: number,
): ArticleGroups {
  return {
    ...groups,
    groups: groups.groups.map((g) => (g.id === groupId ? { ...g, name, nameAt: now } : g)),
  };
}

/** Deleted, with a tombstone: a backup restored later does not bring the group back. */
export function deleteGroup(groups: ArticleGroups, groupId: string, now: number): ArticleGroups {
  return {
    groups: groups.groups.filter((g) => g.id !== groupId),
    deleted: { ...groups.deleted, [groupId]: now },
  };
}

/** Removed, with a tombstone: the same file restored from a backup does not come back; a new import does. */
export function removeMember(
  groups: ArticleGroups,
  groupId: string,
  key: string,
  now: number,
): ArticleGroups {
  return {
    ...groups,
    groups: groups.groups.map((g) =>
      g.id === groupId
        ? { ...g, members: g.members.filter((m) => m.key !== key), removed: { ...g.removed, [key]: now } }
        : g,
    ),
  };
}

/** Two copies of an article's groups (this device's and a backup's): groups by id, members by key, later import wins. */
export function mergeArticleGroups(a: ArticleGroups, b: ArticleGroups): ArticleGroups {
  const deleted = laterOf(a.deleted, b.deleted);
  const byId = new Map(a.groups.map((g) => [g.id, g]));
  for (const theirs of b.groups) {
    const mine = byId.get(theirs.id);
    byId.set(theirs.id, mine ? mergeGroup(mine, theirs) : theirs);
  }
  // Group ids are never reused, so a deleted group stays deleted.
  const groups = [...byId.values()].filter((g) => timeIn(deleted, g.id) === undefined);
  return deleted ? { groups, deleted } : { groups };
}

function mergeGroup(a: Group, b: Group): Group {
  const named = b.nameAt > a.nameAt ? b : a;
  const removed = laterOf(a.removed, b.removed);
  const members = new Map(a.members.map((m) => [m.key, m]));
  for (const m of b.members) {
    const mine = members.get(m.key);
    if (!mine || m.importedAt > mine.importedAt) members.set(m.key, m);
  }
  const merged: Group = {
    id: a.id,
    name: named.name,
    nameAt: named.nameAt,
    questions: { ...b.questions, ...a.questions },
    // A member imported again after its removal is a new import: it stays.
    members: [...members.values()].filter((m) => (timeIn(removed, m.key) ?? -1) < m.importedAt),
  };
  if (removed) merged.removed = removed;
  return merged;
}

/** Both tombstone maps in one, the later time of each. */
function laterOf(
  a: Record<string, number> | undefined,
  b: Record<string, number> | undefined,
): Record<string, number> | undefined {
  if (!a || !b) return a ?? b;
  const out = new Map(Object.entries(a));
  for (const [k, at] of Object.entries(b)) out.set(k, Math.max(out.get(k) ?? at, at));
  return Object.fromEntries(out);
}

/** The tombstone time of `key`, if it has one: never a value inherited from Object.prototype. */
function timeIn(tombstones: Record<string, number> | undefined, key: string): number | undefined {
  return tombstones && Object.hasOwn(tombstones, key) ? tombstones[key] : undefined;
}

// The groups a reader imported, one versioned storage.local item per article (`group:<url>`),
// kept apart from the reader's own `article:` items so an import can never touch their positions.
// Each import is validated in full first, then written in one `setValue`: all or nothing per file.
import { t } from '@/utils/i18n';
import { EMPTY_GROUPS, GROUP_PREFIX, groupsItem, isGroupKey } from '@/utils/storage';
import type { ArticleGroups } from './format';
import { addMember, type DuplicateChoice, deleteGroup, newGroup, removeMember, renameGroup } from './groups';
import type { ImportedPositions } from './import';
import { ok, type Result } from './result';

const EMPTY = EMPTY_GROUPS;

// Imports of several files arrive together; each read-modify-write waits for the previous one so
// no file's member is lost to a concurrent write.
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

export async function loadGroups(url: string): Promise<ArticleGroups> {
  return (await groupsItem(url).getValue()) ?? EMPTY;
}

export async function saveGroups(url: string, groups: ArticleGroups): Promise<void> {
  // Tombstones are kept even when no group is left: they stop a restored backup undoing a delete.
  if (groups.groups.length === 0 && !groups.deleted) await groupsItem(url).removeValue({ removeMeta: true });
  else await groupsItem(url).setValue(groups);
}

function newGroupId(): string {
  return `g${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

export interface ImportTarget {
  /** The group to add to; absent: the article's first group, or a new one if it has none. */
  groupId?: string;
  /** Start a new group for these files instead. */
  newGroup?: boolean;
  choice: DuplicateChoice;
}

/** Adds one validated file's member to a group, in a single write; a rejection writes nothing. */
export async function importIntoGroup(
  url: string,
  imported: ImportedPositions,
  target: ImportTarget,
  now = Date.now(),
): Promise<Result<{ groupId: string }>> {
  const [verdict] = await importManyIntoGroup(url, [imported], target, now);
  return verdict!;
}

/**
 * Adds several validated files' members in one write, each with its own verdict: a file is either
 * wholly in or wholly out (a rejected one, e.g. a duplicate, adds nothing). One write keeps a
 * lecture hall's 500 files from rewriting the group 500 times.
 */
export function importManyIntoGroup(
  url: string,
  files: ImportedPositions[],
  target: ImportTarget,
  now = Date.now(),
): Promise<Result<{ groupId: string }>[]> {
  return serially(async () => {
    const current = await loadGroups(url);
    const existing = target.newGroup
      ? undefined
      : (current.groups.find((g) => g.id === target.groupId) ??
        (target.groupId ? undefined : current.groups[0]));
    let group =
      existing ??
      newGroup(
        (!target.newGroup && target.groupId) || newGroupId(),
        t('groupDefaultName', current.groups.length + 1),
        now,
      );
    const verdicts = files.map((file): Result<{ groupId: string }> => {
      const added = addMember(group, file, target.choice, now);
      if (!added.ok) return added;
      group = added.value;
      return ok({ groupId: group.id });
    });
    if (verdicts.some((v) => v.ok)) {
      const groups = existing
        ? current.groups.map((g) => (g.id === group.id ? group : g))
        : [...current.groups, group];
      await saveGroups(url, { ...current, groups });
    }
    return verdicts;
  });
}

export function renameGroupIn(url: string, groupId: string, name: string, now = Date.now()): Promise<void> {
  return serially(async () => saveGroups(url, renameGroup(await loadGroups(url), groupId, name, now)));
}

export function deleteGroupIn(url: string, groupId: string, now = Date.now()): Promise<void> {
  return serially(async () => saveGroups(url, deleteGroup(await loadGroups(url), groupId, now)));
}

export function removeMemberIn(url: string, groupId: string, key: string, now = Date.now()): Promise<void> {
  return serially(async () => saveGroups(url, removeMember(await loadGroups(url), groupId, key, now)));
}

/** Every article's groups, by article URL, for the backup. */
export async function listAllGroups(): Promise<Record<string, ArticleGroups>> {
  const all = await browser.storage.local.get(null);
  // fromEntries, not assignment: a URL key stays an own property whatever it is named.
  return Object.fromEntries(
    Object.entries(all)
      .filter(([key]) => isGroupKey(key))
      .map(([key, value]) => [key.slice(GROUP_PREFIX.length), value as ArticleGroups]),
  );
}

/** Calls back whenever this article's groups change, in any context. */
export function watchGroups(url: string, onChange: (groups: ArticleGroups) => void): () => void {
  return groupsItem(url).watch((value) => onChange(value ?? EMPTY));
}

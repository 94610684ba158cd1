import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ArticleRecord } from '@/utils/positions/model';
import { listArticles, saveArticle } from '@/utils/positions/store';
import { exportAllData, parseBackup, restoreBackup } from '@/utils/share/backup';
import {
  deleteGroupIn,
  importIntoGroup,
  listAllGroups,
  removeMemberIn,
  renameGroupIn,
} from '@/utils/share/group-store';
import { parseImport } from '@/utils/share/import';
import { memberFile, readerArticle, URL_A } from './fixtures';

/** Every leaf of a value with its path, so a lost field shows by name. */
function leaves(value: unknown, path = '$', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, `${path}.${k}`, out);
  } else out.set(path, value);
  return out;
}

function richArticle(): ArticleRecord {
  const a = readerArticle({ q1: 5, q2: 2, q3: 'undecided' });
  a.note = { v: 'article note', at: '0000000060000dev' };
  a.localOnly = { v: true, at: '0000000060000dev' };
  a.questions.q1!.history['0000000070000dev'] = {
    from: 5,
    to: 4,
    reason: { v: 'changed my mind', at: '0000000080000dev' },
  };
  a.questions.q3!.q.v.anchor = 'a quoted passage';
  a.questions.q3!.q.v.attribution = 'Someone';
  a.questions.q2!.removed = { v: false, at: '0000000090000dev' };
  return a;
}

async function seed() {
  await saveArticle(richArticle());
  const other = readerArticle({ q1: 1 });
  await saveArticle({
    ...other,
    url: 'https://example.org/other',
    deleted: { v: true, at: '00000000a0000dev' },
  });
  const p = await parseImport(JSON.stringify(memberFile('a', 'Ada', [1, 2, 3], ['note a'])), {
    articleUrl: URL_A,
  });
  if (!p.ok) throw new Error();
  await importIntoGroup(URL_A, p.value, { choice: 'ask' }, 1234);
}

describe('backup', () => {
  beforeEach(() => fakeBrowser.reset());

  it('round-trips every article, position, note, history entry and group, field by field', async () => {
    await seed();
    const articlesBefore = await listArticles();
    const groupsBefore = await listAllGroups();
    const text = await exportAllData();
    fakeBrowser.reset();
    const r = await restoreBackup(text);
    expect(r).toEqual({ ok: true, value: { articles: 2, groups: 1 } });
    const byUrl = (list: ArticleRecord[]) => Object.fromEntries(list.map((a) => [a.url, a]));
    const before = leaves({ articles: byUrl(articlesBefore), groups: groupsBefore });
    const after = leaves({ articles: byUrl(await listArticles()), groups: await listAllGroups() });
    expect(before.size).toBeGreaterThan(80);
    for (const [path, value] of before) expect(after.get(path), path).toEqual(value);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  });

  it('merges by the sync rules: nothing newer is overwritten by an older backup', async () => {
    await seed();
    const old = await exportAllData();
    const newer = richArticle();
    newer.questions.q1!.position = { v: 1, at: '00000000z0000dev' };
    await saveArticle(newer);
    await renameGroupIn(URL_A, (await listAllGroups())[URL_A]!.groups[0]!.id, 'Renamed later', Date.now());
    const r = await restoreBackup(old);
    expect(r.ok).toBe(true);
    const restored = (await listArticles()).find((a) => a.url === URL_A)!;
    expect(restored.questions.q1?.position?.v).toBe(1);
    expect((await listAllGroups())[URL_A]?.groups[0]?.name).toBe('Renamed later');
  });

  it('does not bring back a group deleted, or a member removed, after the backup was made', async () => {
    await seed();
    const p = await parseImport(JSON.stringify(memberFile('b', 'Bob', [3, 3, 3])), { articleUrl: URL_A });
    if (!p.ok) throw new Error();
    const groupId = (await listAllGroups())[URL_A]!.groups[0]!.id;
    await importIntoGroup(URL_A, p.value, { groupId, choice: 'ask' }, 2_000);
    await importIntoGroup(URL_A, p.value, { newGroup: true, choice: 'ask' }, 2_000);
    const old = await exportAllData();
    const [kept, gone] = (await listAllGroups())[URL_A]!.groups;
    await removeMemberIn(URL_A, kept!.id, 'b', 3_000);
    await deleteGroupIn(URL_A, gone!.id, 3_000);
    expect((await restoreBackup(old)).ok).toBe(true);
    const after = (await listAllGroups())[URL_A]!;
    expect(after.groups.map((g) => g.id)).toEqual([kept!.id]);
    expect(after.groups[0]!.members.map((m) => m.key)).toEqual(['a']);
    // The same person's file imported again after the removal is a new import: it stays.
    await importIntoGroup(URL_A, p.value, { groupId: kept!.id, choice: 'ask' }, 4_000);
    expect((await restoreBackup(old)).ok).toBe(true);
    expect((await listAllGroups())[URL_A]!.groups[0]!.members.map((m) => m.key).sort()).toEqual(['a', 'b']);
  });

  it('rejects a bad backup and changes nothing', async () => {
    await seed();
    const before = await browser.storage.local.get(null);
    const backup = JSON.parse(await exportAllData());
    backup.articles[0].questions.q1.position.v = 9;
    for (const bad of [
      JSON.stringify(backup),
      '{}',
      'nope',
      JSON.stringify(memberFile('a', null, [1, 1, 1])),
    ]) {
      expect((await restoreBackup(bad)).ok).toBe(false);
    }
    expect((await parseBackup(JSON.stringify(memberFile('a', null, [1])))).ok ? '' : 'is-positions').toBe(
      'is-positions',
    );
    expect(await browser.storage.local.get(null)).toEqual(before);
  });
});

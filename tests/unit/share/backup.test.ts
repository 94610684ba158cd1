import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseHtmlDocument } from '@/scripts/lib/node-dom';
import { extractFromDocument } from '@/utils/extract';
import * as act from '@/utils/positions/actions';
import type { ArticleRecord } from '@/utils/positions/model';
import { listArticles, saveArticle } from '@/utils/positions/store';
import {
  exportAllData,
  parseBackup,
  type RestoreReport,
  restoreBackup,
  restoreSkipMessage,
  restoreStoppedMessage,
} from '@/utils/share/backup';
import {
  deleteGroupIn,
  importIntoGroup,
  listAllGroups,
  removeMemberIn,
  renameGroupIn,
} from '@/utils/share/group-store';
import { parseImport } from '@/utils/share/import';
import { planSync } from '@/utils/sync/budget';
import { testClock } from '../positions/fixtures';
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
    expect(r).toEqual({ ok: true, value: { articles: 2, groups: 1, skipped: [] } });
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

  it('rejects a file that is not a backup, with its own reason, and changes nothing', async () => {
    await seed();
    const before = await browser.storage.local.get(null);
    const cases: [string, string][] = [
      ['{}', 'not-stance'],
      ['nope', 'not-json'],
      [JSON.stringify({ format: 'stance-backup', version: 99 }), 'newer-version'],
      [JSON.stringify(memberFile('a', null, [1, 1, 1])), 'is-positions'],
    ];
    for (const [bad, reason] of cases) {
      const parsed = await parseBackup(bad);
      expect(parsed.ok ? 'accepted' : parsed.rejection.reason, bad).toBe(reason);
      const r = await restoreBackup(bad);
      expect(r.ok ? 'restored' : r.rejection.reason, bad).toBe(reason);
    }
    expect(await browser.storage.local.get(null)).toEqual(before);
  });
});

/** The restore's report, or why the whole file was refused. */
async function restored(text: string): Promise<RestoreReport> {
  const r = await restoreBackup(text);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.rejection)}`);
  return r.value;
}

const articleKeys = async () =>
  Object.keys(await browser.storage.local.get(null)).filter(
    (k) => k.startsWith('article:') && !k.endsWith('$'),
  );

describe('a reader’s own backup always restores', () => {
  beforeEach(() => fakeBrowser.reset());

  it('restores an article read from a page with a 50 KB canonical link and 2,500-character poles', async () => {
    const pole = (word: string) => `${word} `.repeat(500).trim();
    const prose =
      '<p>The council met on Tuesday to weigh the plan, which has divided the town for months. Supporters say it brings jobs and a new square; opponents fear the traffic and the cost, which has doubled since the first estimate two years ago.</p>';
    const doc = parseHtmlDocument(
      `<!DOCTYPE html><html lang="en"><head><title>The plan</title><link rel="canonical" href="https://town.example/plan?${'x'.repeat(50_000)}"></head><body><article><h1>The plan</h1>${prose}<p>Would you rather live in a world where ${pole('trains')}, or in a world where ${pole('buses')}?</p>${prose}${prose}</article></body></html>`,
    );
    const read = extractFromDocument(doc, 'https://town.example/plan');
    if (!read.ok || !read.extraction.article) throw new Error('not read');
    const { article: info, questions } = read.extraction;
    const stamp = testClock();
    let record = act.newArticle(
      info.url,
      { title: info.title, siteName: info.siteName, lang: info.lang, readingMinutes: info.readingMinutes },
      stamp(),
    );
    questions.forEach((q, i) => {
      record = act.ensureQuestion(record, act.snapshotOf(q, i), q.id, stamp());
      record = act.setPosition(record, q.id, 2, stamp());
    });
    await saveArticle(record);
    const backup = await exportAllData();
    fakeBrowser.reset();
    const report = await restored(backup);
    expect(report.skipped).toEqual([]);
    expect(report.articles).toBe(1);
    expect(await listArticles()).toEqual([record]);
  });

  it('keeps every valid article when one is out of bounds or malformed, and says which and why', async () => {
    await seed();
    const backup = JSON.parse(await exportAllData());
    const [valid] = backup.articles;
    const titled = (title: string, changes: object) => ({
      ...structuredClone(valid),
      meta: { ...valid.meta, v: { ...valid.meta.v, title } },
      ...changes,
    });
    const broken = titled('Broken position', { url: 'https://example.org/broken' });
    broken.questions.q1.position.v = 9;
    backup.articles.push(
      titled('Too long an address', { url: `https://example.org/${'x'.repeat(50_000)}` }),
      broken,
      titled('A script', { url: 'javascript:alert(document.domain)//' }),
      42,
    );
    backup.groups['javascript:alert(1)'] = backup.groups[URL_A];
    fakeBrowser.reset();
    const report = await restored(JSON.stringify(backup));
    expect(report.articles).toBe(2);
    expect(report.groups).toBe(1);
    expect((await articleKeys()).sort()).toEqual([`article:${URL_A}`, 'article:https://example.org/other']);
    expect(Object.keys(await listAllGroups())).toEqual([URL_A]);
    const lines = report.skipped.map(restoreSkipMessage);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^“Too long an address” \(https:\/\/example\.org\/x+…\): .*not a web address/);
    expect(lines[0]!.length).toBeLessThan(400);
    expect(lines[1]).toBe(
      '“Broken position” (https://example.org/broken): the file is damaged at questions.q1.position.v: a position is not on the scale.',
    );
    expect(lines[2]).toMatch(/^“A script” \(javascript:alert\(document\.domain\)\/\/\): .*not a web address/);
    expect(lines[3]).toMatch(/^Entry 6 of the file: /);
    expect(lines[4]).toMatch(/^Groups of javascript:alert\(1\): .*not a web address/);
  });

  it.each(['constructor', '__proto__', 'toString'])(
    'skips an article whose URL is %s, stores no article:undefined, and plans sync afterwards',
    async (url) => {
      await seed();
      const backup = JSON.parse(await exportAllData());
      const odd = structuredClone(backup.articles[0]);
      backup.articles.push({ ...odd, url });
      const text = JSON.stringify(backup).replace(
        `"groups":{`,
        `"groups":{${JSON.stringify(url)}:${JSON.stringify(backup.groups[URL_A])},`,
      );
      const report = await restored(text);
      expect(report.skipped.map((s) => [s.kind, s.url])).toEqual([
        ['article', url],
        ['groups', url],
      ]);
      expect((await articleKeys()).sort()).toEqual([`article:${URL_A}`, 'article:https://example.org/other']);
      const library = await listArticles();
      expect(library.map((a) => a.url)).not.toContain(undefined);
      expect(() => planSync(library)).not.toThrow();
    },
  );

  it('writes all or nothing: storage full on the third of four articles leaves the library as it was', async () => {
    const stamp = testClock();
    const urls = ['first', 'second', 'third', 'fourth'].map((n) => `https://example.org/${n}`);
    for (const [i, url] of urls.entries()) {
      const a = act.newArticle(
        url,
        { title: `Article ${i + 1}`, siteName: '', lang: 'en', readingMinutes: 1 },
        stamp(),
      );
      await saveArticle(a);
    }
    const backup = await exportAllData();
    fakeBrowser.reset();
    const set = browser.storage.local.set.bind(browser.storage.local);
    // The browser refuses any write that holds the third article (its quota would be passed).
    vi.spyOn(browser.storage.local, 'set').mockImplementation(async (items) => {
      if (Object.hasOwn(items, `article:${urls[2]}`)) throw new Error('QUOTA_BYTES quota exceeded');
      return set(items);
    });
    const report = await restored(backup);
    expect(report.articles).toBe(0);
    expect(report.stopped).toEqual({ title: '', url: '', error: 'QUOTA_BYTES quota exceeded' });
    expect(await articleKeys()).toEqual([]);
    expect(restoreStoppedMessage(report.stopped!)).toContain('Nothing was restored');
  });
});

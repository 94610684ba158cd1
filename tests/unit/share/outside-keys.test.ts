// Keys that come from outside (URLs, question ids, group ids, member keys) named like
// Object.prototype's own properties must be looked up as the data they are: a plain-object lookup
// of "constructor" finds a function, and an article merged with it is stored as `article:undefined`.
import { describe, expect, it } from 'vitest';
import { mergeArticle, mergeLibraries } from '@/utils/positions/merge';
import type { ArticleRecord, QuestionRecord } from '@/utils/positions/model';
import { aggregateGroup } from '@/utils/share/aggregate';
import type { ArticleGroups, Group, GroupMember } from '@/utils/share/format';
import { addMember, mergeArticleGroups, newGroup } from '@/utils/share/groups';
import { parseImport } from '@/utils/share/import';
import { memberFile, readerArticle, URL_A } from './fixtures';

const KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

/** An object holding `key` as an own property, as JSON.parse (a file, storage) makes it. */
function recordOf<T>(key: string, value: T): Record<string, T> {
  return JSON.parse(JSON.stringify({ [`@${key}`]: value }).replace(`"@${key}"`, JSON.stringify(key)));
}

function question(at: string): QuestionRecord {
  return {
    q: { v: { kind: 'debate', label: '', text: 'Q?', form: { type: 'yes-no' }, order: 0 }, at },
    position: { v: 4, at },
    history: { [at]: { from: null, to: 4 } },
  };
}

describe('merging replicas keyed by outside data', () => {
  it.each(KEYS)('keeps an article whose URL is %s as its own entry, with its URL', (key) => {
    const article: ArticleRecord = { ...readerArticle(), url: key };
    const merged = mergeLibraries({}, recordOf(key, article));
    expect(Object.keys(merged)).toEqual([key]);
    expect(Object.hasOwn(merged, key) && merged[key]!.url).toBe(key);
    // And merged again with itself, it is the same: no inherited value was taken for "mine".
    expect(mergeLibraries(merged, recordOf(key, article))[key]).toEqual(article);
  });

  it.each(KEYS)('keeps a question whose id, and a history entry whose stamp, is %s', (key) => {
    const mine = readerArticle();
    const theirs: ArticleRecord = { ...mine, questions: recordOf(key, question('0000000050000dev')) };
    const merged = mergeArticle(mine, theirs);
    expect(Object.keys(merged.questions).sort()).toEqual(['q1', 'q2', 'q3', key].sort());
    expect(Object.hasOwn(merged.questions, key) && merged.questions[key]!.position?.v).toBe(4);
    const withHistory: ArticleRecord = {
      ...mine,
      questions: { q1: { ...mine.questions.q1!, history: recordOf(key, { from: 1, to: 2 }) } },
    };
    const history = mergeArticle(mine, withHistory).questions.q1!.history;
    expect(Object.hasOwn(history, key) && history[key]).toEqual({ from: 1, to: 2 });
  });
});

describe('groups keyed by outside data', () => {
  const member = (key: string, importedAt: number): GroupMember => ({
    key,
    participantId: key,
    name: null,
    exportedAt: '',
    importedAt,
    answers: {},
  });
  const group = (id: string, members: GroupMember[], removed?: Record<string, number>): Group => {
    const g: Group = { ...newGroup(id, id, 0), members };
    if (removed) g.removed = removed;
    return g;
  };

  it.each(KEYS)('keeps a group whose id is %s when another group was deleted', (key) => {
    const a: ArticleGroups = { groups: [group(key, [])], deleted: { gone: 5 } };
    const b: ArticleGroups = { groups: [group(key, [])] };
    expect(mergeArticleGroups(a, b).groups.map((g) => g.id)).toEqual([key]);
  });

  it.each(KEYS)('keeps a member whose key is %s when another member was removed', (key) => {
    const a: ArticleGroups = { groups: [group('g1', [member(key, 10)], { gone: 5 })] };
    const b: ArticleGroups = { groups: [group('g1', [member(key, 10)], { other: 7 })] };
    const merged = mergeArticleGroups(a, b);
    expect(merged.groups[0]!.members.map((m) => m.key)).toEqual([key]);
    expect(merged.groups[0]!.removed).toEqual({ gone: 5, other: 7 });
  });

  it('compares a group whose questions include toString with a reader who lacks it', async () => {
    const file = memberFile('m1', 'Ada', [5, 1, 3]);
    file.articles[0]!.questions[0]!.id = 'toString';
    const parsed = await parseImport(JSON.stringify(file), { articleUrl: URL_A });
    if (!parsed.ok) throw new Error(parsed.rejection.reason);
    const added = addMember(newGroup('g1', 'Class', 0), parsed.value, 'ask', 1);
    if (!added.ok) throw new Error(added.rejection.reason);
    const aggregate = aggregateGroup(added.value, readerArticle());
    const asked = aggregate.questions.find((q) => q.id === 'toString');
    expect(asked?.members).toBe(1);
    expect(asked?.readerAnswered).toBe(false);
    expect(asked?.question.text).toBe('Should SpaceX go public?');
  });
});

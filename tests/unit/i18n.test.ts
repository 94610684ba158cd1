// Plurals and the interface language: `tn()` picks the message of the count's plural category in
// the language the messages are written in, and formats numbers in the interface language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type PluralBase, pluralKey, t, tn, uiLanguage } from '@/utils/i18n';
import { aggregateGroup } from '@/utils/share/aggregate';
import { addMember, newGroup } from '@/utils/share/groups';
import { parseImport } from '@/utils/share/import';
import { groupSummaryMarkdown } from '@/utils/share/markdown-summary';
import { memberFile, URL_A } from './share/fixtures';

type Messages = Record<string, { message: string }>;
const read = (dir: string): Messages =>
  JSON.parse(readFileSync(join(__dirname, '../../public/_locales', dir, 'messages.json'), 'utf8'));
const english = read('en');

/**
 * browser.i18n as Chrome serves `dir` to a browser whose interface locale is `uiLocale`: a key
 * the locale lacks comes from the English default, or is '' when English lacks it too.
 */
function serve(dir: string, uiLocale = dir, messages: Messages = read(dir)) {
  const getMessage = (key: string, subs?: string | string[]) => {
    if (key === '@@ui_locale') return uiLocale;
    const text = messages[key]?.message ?? english[key]?.message ?? '';
    const list = subs === undefined ? [] : [subs].flat();
    return text.replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
  };
  Object.assign(fakeBrowser.i18n, { getMessage, getUILanguage: () => uiLocale.replace('_', '-') });
}

const saved = { ...fakeBrowser.i18n };
beforeEach(() => serve('en'));
afterEach(() => {
  Object.assign(fakeBrowser.i18n, saved);
});

const all = () => true;
const none = () => false;

describe('pluralKey', () => {
  it.each([
    ['en', 0, 'libraryCount_other'],
    ['en', 1, 'libraryCount_one'],
    ['en', 2, 'libraryCount_other'],
    ['en', 1_000_000, 'libraryCount_other'],
    ['fr', 0, 'libraryCount_one'],
    ['fr', 1, 'libraryCount_one'],
    ['fr', 2, 'libraryCount_other'],
    ['fr', 1_000_000, 'libraryCount_many'],
    ['de', 1, 'libraryCount_one'],
    ['de', 1_000_000, 'libraryCount_other'],
    ['es', 1_000_000, 'libraryCount_many'],
    ['it', 1_000_000, 'libraryCount_many'],
    ['pt-BR', 0, 'libraryCount_one'],
    ['pt-PT', 0, 'libraryCount_other'],
    ['pt-PT', 1_000_000, 'libraryCount_many'],
  ])('%s, %d → %s', (language, count, key) => {
    expect(pluralKey('libraryCount', count, language, all)).toBe(key);
  });

  it('falls back to _other when the messages lack the category', () => {
    expect(pluralKey('libraryCount', 1_000_000, 'fr', none)).toBe('libraryCount_other');
    expect(pluralKey('libraryCount', 1, 'fr', (k) => k !== 'libraryCount_one')).toBe('libraryCount_other');
  });

  it('only takes counted messages', () => {
    // @ts-expect-error: libraryTitle has no plural forms.
    const notCounted: PluralBase = 'libraryTitle';
    // @ts-expect-error: the keys are libraryCount_one and libraryCount_other, not libraryCount.
    t('libraryCount');
    expect(notCounted).toBe('libraryTitle');
  });
});

describe('tn', () => {
  it('says “1 article” and “2 articles” in English', () => {
    expect(tn('libraryCount', 1)).toBe('1 article');
    expect(tn('libraryCount', 0)).toBe('0 articles');
    expect(tn('libraryCount', 2)).toBe('2 articles');
    expect(tn('libraryCount', 1234)).toBe('1,234 articles');
  });

  it('takes a second count as a counted fragment', () => {
    expect(tn('groupAnsweredCount', 1, tn('groupOfMembers', 1))).toBe('1 of 1 member answered');
    expect(tn('groupAnsweredCount', 2, tn('groupOfMembers', 3))).toBe('2 of 3 members answered');
    expect(tn('groupOnlySomeHave', 1, tn('groupOfMembers', 2))).toBe('Only 1 of 2 members has this question');
    expect(tn('groupDeleteConfirm', 1, 'Class')).toBe(
      'Delete “Class” and the positions of its 1 member? Your own positions stay.',
    );
  });

  it('agrees in French, zero included, and says “de” for a million', () => {
    serve('fr');
    expect(tn('groupAnsweredCount', 1, tn('groupOfMembers', 1))).toBe('1 membre sur 1 a répondu');
    expect(tn('groupAnsweredCount', 0, tn('groupOfMembers', 2))).toBe('0 membre sur 2 a répondu');
    expect(tn('groupAnsweredCount', 2, tn('groupOfMembers', 2))).toBe('2 membres sur 2 ont répondu');
    expect(tn('sharePrivateNotesKept', 1)).toMatch(/^1 note privée reste sur cet appareil/);
    expect(tn('libraryCount', 1_000_000)).toBe('1\u202f000\u202f000 d’articles');
  });

  it('declines in German and counts zero as plural', () => {
    serve('de');
    expect(tn('groupAnsweredCount', 1, tn('groupOfMembers', 3))).toBe('1 von 3 Mitgliedern hat geantwortet');
    expect(tn('groupAnsweredCount', 1, tn('groupOfMembers', 1))).toBe('1 von 1 Mitglied hat geantwortet');
    expect(tn('sharePreviewArticles', 2)).toBe('zu 2 Artikeln');
    expect(tn('libraryAnswered', 0, 'gestern')).toBe('0 Positionen · gestern');
    expect(tn('libraryCount', 1234)).toBe('1.234 Artikel');
  });

  it('tells Brazilian and European Portuguese apart on zero', () => {
    serve('pt_BR');
    expect(tn('sharePreviewPositions', 0)).toBe('0 posição');
    serve('pt_PT');
    expect(tn('sharePreviewPositions', 0)).toBe('0 posições');
    expect(tn('sharePreviewPositions', 1)).toBe('1 posição');
  });

  it.each(['es', 'it', 'pt_BR'])('has a form for a million in %s', (dir) => {
    serve(dir);
    expect(tn('libraryCount', 1_000_000)).toMatch(/ d[ei] /);
  });

  it('uses _other of the reader’s language, not English, when a category is missing', () => {
    const french = read('fr');
    delete french.libraryCount_many;
    serve('fr', 'fr', french);
    expect(tn('libraryCount', 1_000_000)).toBe('1\u202f000\u202f000 articles');
  });

  it('chooses the form by the messages’ language when the browser’s has no messages', () => {
    // A Japanese browser is served English: "1 article", not the Japanese rules' only form.
    serve('en', 'ja');
    expect(tn('libraryCount', 1)).toBe('1 article');
  });
});

describe('uiLanguage', () => {
  it.each([
    ['en', 'en', 'en'],
    ['en', 'en_GB', 'en-GB'],
    ['en', 'ja', 'en'],
    ['fr', 'fr', 'fr'],
    ['fr', 'fr_CA', 'fr-CA'],
    ['de', 'de_CH', 'de-CH'],
    ['es', 'es_419', 'es-419'],
    ['pt_BR', 'pt_BR', 'pt-BR'],
    ['pt_PT', 'pt_PT', 'pt-PT'],
  ])('messages %s, browser %s → %s', (dir, browserLocale, expected) => {
    serve(dir, browserLocale);
    expect(uiLanguage()).toBe(expected);
  });

  it('follows getUILanguage() when the messages do not say their language', () => {
    Object.assign(fakeBrowser.i18n, { getMessage: () => '', getUILanguage: () => 'it-IT' });
    expect(uiLanguage()).toBe('it-IT');
  });
});

describe('the group summary', () => {
  async function summary(answers: (1 | 2 | 3 | 4 | 5 | null)[][]) {
    let group = newGroup('g', 'Class', 0);
    for (const [i, positions] of answers.entries()) {
      const p = await parseImport(JSON.stringify(memberFile(`m${i}`, `M${i}`, positions)), {
        articleUrl: URL_A,
      });
      if (!p.ok) throw new Error('fixture');
      const r = addMember(group, p.value, 'ask', 0);
      if (!r.ok) throw new Error('fixture');
      group = r.value;
    }
    return groupSummaryMarkdown(aggregateGroup(group, null), {
      articleTitle: 'T',
      articleUrl: URL_A,
      groupName: group.name,
    });
  }

  it('says “Agreement:” once when there are too few answers', async () => {
    const md = await summary([[5, 1, null]]);
    expect(md).toContain('Group “Class”, 1 member.');
    expect(md).toContain('1 of 1 member answered. Agreement: too few answers to measure.');
    expect(md).not.toContain('Agreement: Agreement');
  });

  it('agrees in French for a group of one', async () => {
    serve('fr');
    const md = await summary([[5, 1, null]]);
    expect(md).toContain('Groupe « Class », 1 membre.');
    expect(md).toContain('1 membre sur 1 a répondu. Accord : trop peu de réponses pour le mesurer.');
  });
});

// Every string the reader can see exists in each of the six interface languages, with the same
// substitutions, in a form Chrome's and Firefox's i18n accept; every counted message has one key
// per plural category its language's rules can choose.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Messages = Record<string, Entry>;

const root = join(__dirname, '../../public/_locales');
const LOCALES = ['de', 'en', 'es', 'fr', 'it', 'pt_BR', 'pt_PT'];
const read = (dir: string): Messages => JSON.parse(readFileSync(join(root, dir, 'messages.json'), 'utf8'));
const files = Object.fromEntries(LOCALES.map((dir) => [dir, read(dir)]));
const en = files.en!;
/** The BCP 47 tag of a locale directory: pt_BR → pt-BR. */
const tag = (dir: string) => dir.replace('_', '-');
const categories = (dir: string) => new Intl.PluralRules(tag(dir)).resolvedOptions().pluralCategories;

const CATEGORY = /_(zero|one|two|few|many|other)$/;
/** Counted messages: the bases of English's `_other` keys. */
const pluralBases = Object.keys(en)
  .filter((k) => k.endsWith('_other'))
  .map((k) => k.slice(0, -'_other'.length));
const baseOf = (key: string) => {
  const base = key.replace(CATEGORY, '');
  return base !== key && pluralBases.includes(base) ? base : null;
};
const plainKeys = (m: Messages) => Object.keys(m).filter((k) => baseOf(k) === null);
/** Chrome substitutes $1…$9; `$name$` names a placeholder; `$$` is a literal dollar sign. */
const substitutions = (text: string) => [...new Set(text.match(/\$\d/g) ?? [])].sort();
const translated = LOCALES.filter((dir) => dir !== 'en');
const words = (text: string) => text.split(/\s+/).filter((w) => /\p{L}{2}/u.test(w)).length;

describe('locales', () => {
  test('the six interface languages are exactly these directories', () => {
    expect(readdirSync(root).sort()).toEqual(LOCALES);
  });

  test.each(LOCALES)('%s names its own language in messagesLocale', (dir) => {
    expect(files[dir]!.messagesLocale?.message).toBe(tag(dir));
    expect(Intl.PluralRules.supportedLocalesOf(tag(dir))).toEqual([tag(dir)]);
  });

  test.each(LOCALES)('%s keeps the store listing within Chrome’s limits', (dir) => {
    // The manifest's name and description come from extName and extDescription.
    expect(files[dir]!.extName!.message.length).toBeLessThanOrEqual(75);
    expect(files[dir]!.extDescription!.message.length).toBeLessThanOrEqual(132);
  });

  test.each(translated)('%s has exactly the English keys that are not counted', (dir) => {
    expect(plainKeys(files[dir]!).sort()).toEqual(plainKeys(en).sort());
  });

  test.each(LOCALES)('%s has one key per plural category of its language for each counted message', (dir) => {
    const expected = pluralBases.flatMap((base) => categories(dir).map((c) => `${base}_${c}`)).sort();
    const actual = Object.keys(files[dir]!).filter((k) => baseOf(k) !== null);
    expect(actual.sort()).toEqual(expected);
  });

  test.each(LOCALES)('%s: keys and entries are valid for Chrome and Firefox', (dir) => {
    for (const [key, entry] of Object.entries(files[dir]!)) {
      expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(
        Object.keys(entry).every((f) => ['message', 'description', 'placeholders'].includes(f)),
        key,
      ).toBe(true);
      expect(entry.message.trim(), key).not.toBe('');
      // Every `$` opens $1…$9, $$ or a `$name$` placeholder the entry declares.
      const named = Object.keys(entry.placeholders ?? {}).map((n) => n.toLowerCase());
      for (const m of entry.message.matchAll(/\$(\d|\$|[A-Za-z0-9_]+\$)?/g)) {
        expect(m[1], `${key}: stray “$” in ${entry.message}`).toBeDefined();
        if (m[1]!.endsWith('$') && m[1] !== '$')
          expect(named, key).toContain(m[1]!.slice(0, -1).toLowerCase());
      }
      for (const ph of Object.values(entry.placeholders ?? {}))
        expect(ph.content, key).toMatch(/^(\$\d|[^$]*)$/);
    }
  });

  test.each(translated.flatMap((dir) => plainKeys(en).map((key) => [dir, key])))(
    '%s %s uses the English substitutions',
    (dir, key) => {
      expect(substitutions(files[dir]![key]!.message)).toEqual(substitutions(en[key]!.message));
    },
  );

  test.each(LOCALES)('%s: every plural form uses the substitutions of English _other', (dir) => {
    for (const base of pluralBases) {
      for (const c of categories(dir)) {
        const message = files[dir]![`${base}_${c}`]?.message ?? '';
        expect(substitutions(message), `${base}_${c}`).toEqual(substitutions(en[`${base}_other`]!.message));
      }
    }
  });

  test.each(translated)('%s is translated: no sentence is left in English', (dir) => {
    const leftovers = plainKeys(en).filter((key) => {
      const english = en[key]!.message;
      return files[dir]![key]!.message === english && words(english) > 2;
    });
    expect(leftovers).toEqual([]);
  });

  test.each(translated)('%s uses typographic apostrophes and quotation marks', (dir) => {
    for (const [key, { message }] of Object.entries(files[dir]!)) expect(message, key).not.toMatch(/['"]/);
  });

  test('Spanish opens its questions and exclamations', () => {
    for (const [key, { message }] of Object.entries(files.es!)) {
      const questions = message.split('?').length - 1;
      expect(message.split('¿').length - 1, key).toBe(questions);
      expect(message.split('¡').length - 1, key).toBe(message.split('!').length - 1);
    }
  });
});

// Every string the reader can see exists in English and in French, with the same substitutions.
import { describe, expect, test } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';

type Messages = Record<string, { message: string }>;
const substitutions = (text: string) => [...text.matchAll(/\$\d/g)].map((m) => m[0]).sort();

describe('locales', () => {
  test('French has exactly the English keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  test.each(Object.keys(en))('%s uses the same $n substitutions in both languages', (key) => {
    const english = (en as Messages)[key]!.message;
    const french = (fr as Messages)[key]?.message ?? '';
    expect(french.trim()).not.toBe('');
    expect(substitutions(french)).toEqual(substitutions(english));
  });
});

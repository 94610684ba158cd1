// Export file names: readable slugs of the article's title in any language, never mangled.
import { describe, expect, test } from 'vitest';
import { exportFileName, fileSlug } from '@/utils/share/export';
import type { PositionsFile } from '@/utils/share/format';

describe('export file names', () => {
  test.each([
    ['Le coup de maître', 'le-coup-de-maitre'],
    ['Élection : ça se joue où ?', 'election-ca-se-joue-ou'],
    ['Año nuevo, ¿vida nueva?', 'ano-nuevo-vida-nueva'],
    ['Über Straßen & Brücken', 'uber-straßen-brucken'],
    ['Tiếng Việt có dấu', 'tieng-viet-co-dau'],
    ['Москва́ и Ёлка', 'москва-и-елка'],
    ['Ελληνικά άρθρα', 'ελληνικα-αρθρα'],
    ['東京の「がっこう」', '東京の-がっこう'],
    ['हिन्दी लेख', 'हिन्दी-लेख'],
    ['مقالة عربية', 'مقالة-عربية'],
    ['  --2026: l’IA__et nous!  ', '2026-l-ia-et-nous'],
  ])('%s → %s', (title, slug) => {
    expect(fileSlug(title)).toBe(slug);
  });

  test('is cut by whole characters and never ends on a dash', () => {
    expect(fileSlug('abc def', 4)).toBe('abc');
    expect(fileSlug('𠜎𠜱𠝹𠱓', 3)).toBe('𠜎𠜱𠝹');
  });

  test('names the file after the one article, or "stance-positions" when there is none to name it', () => {
    const file = (titles: string[]) => ({ articles: titles.map((title) => ({ title })) }) as PositionsFile;
    expect(exportFileName(file(['Le Coup de Maître d’Elon']), 'markdown')).toBe(
      'le-coup-de-maitre-d-elon.md',
    );
    expect(exportFileName(file(['Un', 'Deux']), 'json')).toBe('stance-positions.json');
    expect(exportFileName(file(['?!']), 'csv')).toBe('stance-positions.csv');
  });
});

import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Readability from '@mozilla/readability/Readability.js';
import { describe, expect, it } from 'vitest';
import { TextOnlyReadability } from '../../../utils/extract/article';
import { loadFixture } from './load-fixture';

const skipped = Object.getOwnPropertyNames(TextOnlyReadability.prototype).filter(
  (name) => name !== 'constructor',
);
const pages = [
  'demo/spacex-ipo.html',
  ...readdirSync(resolve(process.cwd(), 'tests/fixtures/pages'))
    .filter((file) => file.endsWith('.html'))
    .map((file) => `pages/${file}`),
];

// Whitespace aside: an emptied block Readability would have dropped may keep two words apart.
const visibleText = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, '');

describe('TextOnlyReadability', () => {
  it('skips steps that Readability still has, under the same names', () => {
    expect(skipped.length).toBeGreaterThan(0);
    for (const name of skipped) {
      expect(typeof (Readability.prototype as unknown as Record<string, unknown>)[name], name).toBe(
        'function',
      );
    }
  });

  it.each(pages)('reads the same article text as Readability on %s', (page) => {
    const options = { serializer: (node: Node) => node as Element, keepClasses: true };
    const full = new Readability<Element>(loadFixture(page), options).parse();
    const textOnly = new TextOnlyReadability(loadFixture(page), options).parse();
    expect(textOnly === null).toBe(full === null);
    expect(visibleText(textOnly?.textContent)).toBe(visibleText(full?.textContent));
    expect(textOnly?.title).toBe(full?.title);
    expect(textOnly?.excerpt).toBe(full?.excerpt);
  });
});

// The title a reader sees, on pages written here after the ways real pages fooled the extractor
// (measured with `npm run eval:readability` and `npm run eval:corpus`).
import { describe, expect, it } from 'vitest';
import { extractFromDocument } from '../../../utils/extract';
import { loadFixture } from './load-fixture';

function titleOf(fixture: string): string {
  const result = extractFromDocument(loadFixture(fixture), 'https://site.example/post/');
  if (!result.ok) throw new Error(`extraction failed: ${result.reason}`);
  return result.extraction.article?.title ?? '';
}

describe('the title', () => {
  it('is not a header h1 that links home, however long ("Hi, I\'m Jana.")', () => {
    expect(titleOf('pages/title-home-link-h1.html')).toBe('Testing the Frontend Without a Browser Farm');
  });

  it("is not the blog's name in an h1, though the document title starts with it", () => {
    expect(titleOf('pages/title-blog-name-h1.html')).toBe('Repairing a 1970s tube radio');
  });

  it("is not an h1 made of the site name's words (og:site_name)", () => {
    expect(titleOf('pages/title-site-name-h1.html')).toBe('Harbour 2.1 - The Spring Update');
  });

  it('is the heading that repeats the document title, not a short section-name h1', () => {
    expect(titleOf('pages/title-section-h1.html')).toBe('Toddlers Who Nap Late May Sleep Less at Night');
  });

  it('is not a later section h1 on a page that heads every section with one', () => {
    expect(titleOf('pages/title-section-h1s.html')).toBe('Keeping Bees in the City');
  });

  it("is a short post's own h1, not the blog's longer name from the document title", () => {
    expect(titleOf('pages/title-short-post-long-blog-name.html')).toBe('Mercado de flores');
  });

  it('is the short end of the document title when the other end is the name its home link gives', () => {
    expect(titleOf('pages/title-no-headline-long-blog-name.html')).toBe('Mercado de flores');
  });

  it('leaves out a heading\'s permalink mark ("¶")', () => {
    expect(titleOf('pages/title-permalink-mark.html')).toBe('Rebasing Shared Branches');
  });

  it('is an h1 linking to its own post ("/?p=412"), which is no link home', () => {
    expect(titleOf('pages/title-post-link-h1.html')).toBe('The lighthouse keepers of Brittany');
  });
});

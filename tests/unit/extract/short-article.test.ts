// Short posts are articles too: their questions matter as much as a long post's. Pages with no
// article (a sign-in form, a front page of teasers, a page of links) stay "no article".
import { describe, expect, it } from 'vitest';
import { extractFromDocument } from '../../../utils/extract';
import { loadFixture } from './load-fixture';

const extract = (fixture: string) => extractFromDocument(loadFixture(fixture), 'https://site.example/page/');

describe('a short article', () => {
  it('is read when the page is one post, with its closing question', () => {
    const result = extract('pages/short-post.html');
    if (!result.ok) throw new Error(`extraction failed: ${result.reason}`);
    expect(result.extraction.article).toMatchObject({ title: 'Verano en la sierra', lang: 'es' });
    // Readability's first, clean reading: no skip link, no "related posts" box.
    expect(result.extraction.article?.wordCount).toBe(24);
    expect(result.extraction.questions.map((q) => q.text)).toContain(
      'Y vosotros, ¿qué vais a hacer este verano?',
    );
  });

  it('is named by its opening words when the page has no title at all', () => {
    const result = extract('pages/untitled.html');
    if (!result.ok) throw new Error(`extraction failed: ${result.reason}`);
    expect(result.extraction.article?.title).toBe(
      'Regarding the garden shed, the roof leaked again after the…',
    );
  });

  it.each([
    ['a sign-in form', 'pages/no-article.html'],
    ['a front page of short teasers', 'pages/front-page-short.html'],
    ['a page of links', 'pages/nav-only.html'],
    ["an error page's apology in an <article>", 'pages/error-page-article.html'],
  ])('is not %s', (_, fixture) => {
    expect(extract(fixture)).toEqual({ ok: false, reason: 'no-article' });
  });
});

import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../scripts/lib/node-dom';
import { canonicalUrl } from '../../../utils/extract';

const page = (head: string) =>
  parseHtmlDocument(`<!DOCTYPE html><html><head>${head}</head><body></body></html>`);

describe('canonicalUrl', () => {
  it('prefers <link rel=canonical>, resolved and cleaned', () => {
    const doc = page(
      '<link rel="canonical" href="/post/1?utm_source=x&id=3#top"><meta property="og:url" content="https://other.example/">',
    );
    expect(canonicalUrl(doc, 'https://blog.example/post/1?fbclid=1')).toBe(
      'https://blog.example/post/1?id=3',
    );
  });

  it('falls back to og:url, then the page URL, without tracking parameters or fragment', () => {
    expect(
      canonicalUrl(
        page('<meta property="og:url" content="https://a.example/x?gclid=1">'),
        'https://b.example/',
      ),
    ).toBe('https://a.example/x');
    expect(canonicalUrl(page(''), 'https://b.example/y?utm_medium=rss&utm_campaign=z&q=1#c')).toBe(
      'https://b.example/y?q=1',
    );
  });

  it('ignores a canonical link that is not http(s)', () => {
    expect(
      canonicalUrl(page('<link rel="canonical" href="javascript:void(0)">'), 'https://b.example/z'),
    ).toBe('https://b.example/z');
  });
});

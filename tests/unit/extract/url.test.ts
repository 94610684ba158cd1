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

/** A long address shown by its start and length, so a failure does not print 50 KB. */
const short = (url: string | null) =>
  url && url.length > 200 ? `${url.slice(0, 60)}… (${url.length} chars)` : url;

describe('canonicalUrl and article addresses', () => {
  it('skips a canonical link or og:url too long to store, falling back to the page', () => {
    const huge = `https://blog.example/post?${'x'.repeat(50_000)}`;
    expect(
      short(
        canonicalUrl(
          page(`<link rel="canonical" href="${huge}"><meta property="og:url" content="${huge}">`),
          'https://blog.example/post?utm_source=x',
        ),
      ),
    ).toBe('https://blog.example/post');
  });

  it('skips an og:url that is not http(s)', () => {
    expect(
      canonicalUrl(page('<meta property="og:url" content="javascript:alert(1)//">'), 'https://b.example/z'),
    ).toBe('https://b.example/z');
  });

  it('gives no address when neither the page’s links nor its own address is http(s)', () => {
    expect(canonicalUrl(page(''), 'file:///home/reader/saved.html')).toBeNull();
    expect(canonicalUrl(page('<link rel="canonical" href="data:text/html,x">'), 'about:blank')).toBeNull();
    expect(short(canonicalUrl(page(''), `https://b.example/${'y'.repeat(5_000)}`))).toBeNull();
  });

  it('still takes an http(s) canonical link on a page saved to disk', () => {
    expect(
      canonicalUrl(
        page('<link rel="canonical" href="https://a.example/x">'),
        'file:///home/reader/saved.html',
      ),
    ).toBe('https://a.example/x');
  });
});

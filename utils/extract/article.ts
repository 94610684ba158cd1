// Reads the article with Readability on a clone of the page (Readability mutates what it parses),
// then finds the live element that holds the article body, for the question finders.
import { Readability } from '@mozilla/readability';
import { collapseSpace, wordCount } from './text';
import type { ArticleInfo } from './types';
import { canonicalUrl } from './url';

export interface ArticleReading {
  info: ArticleInfo;
  /** The live element holding the article body: the closest common ancestor of its paragraphs. */
  body: Element;
}

// Below this many words Readability has found a page, not an article (a login form, a gallery).
const MIN_ARTICLE_WORDS = 60;
const WORDS_PER_MINUTE = 230;
const EXCERPT_CHARS = 300;

export function readArticle(doc: Document, pageUrl: string): ArticleReading | null {
  const clone = doc.cloneNode(true) as Document;
  const liveOf = mapCloneToLive(clone, doc);
  // The identity serializer hands back Readability's own nodes (moved from the clone), so they
  // can be traced back to the live page; it also skips serialising HTML nobody reads.
  const result = new Readability<Element>(clone, { serializer: (node) => node as Element }).parse();
  if (!result?.content) return null;
  const words = wordCount(result.textContent ?? '');
  if (words < MIN_ARTICLE_WORDS) return null;
  const body = liveBodyOf(result.content, liveOf);
  if (!body) return null;
  const title = collapseSpace(result.title || doc.title || '');
  if (!title) return null;
  const excerpt = collapseSpace(result.excerpt ?? '');
  return {
    body,
    info: {
      url: canonicalUrl(doc, pageUrl),
      title,
      siteName: collapseSpace(result.siteName || metaContent(doc, 'og:site_name')),
      byline: collapseSpace(result.byline ?? ''),
      lang: (result.lang || doc.documentElement.getAttribute('lang') || '').trim(),
      publishedTime: collapseSpace(result.publishedTime || publishedTimeOf(doc)),
      wordCount: words,
      readingMinutes: Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
      excerpt: excerpt.length > EXCERPT_CHARS ? `${excerpt.slice(0, EXCERPT_CHARS - 1)}…` : excerpt,
    },
  };
}

/** Clone element → live element, by walking both trees in step before Readability touches the clone. */
function mapCloneToLive(clone: Document, live: Document): Map<Element, Element> {
  const map = new Map<Element, Element>();
  const stack: Array<[Element | null, Element | null]> = [[clone.documentElement, live.documentElement]];
  while (stack.length) {
    let [a, b] = stack.pop() as [Element | null, Element | null];
    while (a && b) {
      map.set(a, b);
      if (a.firstElementChild) stack.push([a.firstElementChild, b.firstElementChild]);
      a = a.nextElementSibling;
      b = b.nextElementSibling;
    }
  }
  return map;
}

// The body is the deepest element holding nearly all of the article's text: a stray caption or
// teaser Readability kept elsewhere must not widen it to the whole page.
const BODY_TEXT_SHARE = 0.85;

function liveBodyOf(content: Element, liveOf: Map<Element, Element>): Element | null {
  const weights = new Map<Element, number>();
  let total = 0;
  for (const block of content.querySelectorAll('p, pre, li, h2, h3, h4, blockquote, td')) {
    const live = liveOf.get(block);
    const length = (block.textContent ?? '').trim().length;
    if (!live || length < 20) continue;
    total += length;
    for (let at = live.parentElement; at; at = at.parentElement)
      weights.set(at, (weights.get(at) ?? 0) + length);
  }
  let body: Element | null = null;
  let bodyDepth = -1;
  for (const [element, weight] of weights) {
    if (weight < total * BODY_TEXT_SHARE) continue;
    let depth = 0;
    for (let at = element.parentElement; at; at = at.parentElement) depth++;
    if (depth > bodyDepth) {
      body = element;
      bodyDepth = depth;
    }
  }
  return body;
}

function metaContent(doc: Document, property: string): string {
  return (
    doc.querySelector(`meta[property="${property}"], meta[name="${property}"]`)?.getAttribute('content') ?? ''
  );
}

function publishedTimeOf(doc: Document): string {
  return (
    metaContent(doc, 'article:published_time') ||
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ||
    ''
  );
}

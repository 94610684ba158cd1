// Reads the article with Readability on a clone of the page (Readability mutates what it parses),
// then finds the live element that holds the article body, for the question finders.
import { Readability } from '@mozilla/readability';
import { clampText, LIMITS } from '../limits';
import { collapseSpace, wordCount } from './text';
import { chooseTitle } from './title';
import type { ArticleInfo } from './types';

export interface ArticleReading {
  info: ArticleInfo;
  /** The live element holding the article body: the closest common ancestor of its paragraphs. */
  body: Element;
}

// Below this many words Readability has found a page, not an article (a login form, a gallery).
const MIN_ARTICLE_WORDS = 60;
const WORDS_PER_MINUTE = 230;
const BYLINE_PREFIX = /^(?:by|par|von|por|di|de)\s+/i;
const EXCERPT_CHARS = 300;

/**
 * The article, or why there is none: 'too-large' when nesting passes `maxDepth`. `url` is its
 * canonical address (see canonicalUrl). Texts are cut to the bounds every file format enforces.
 */
export function readArticle(
  doc: Document,
  url: string,
  maxDepth: number,
): ArticleReading | 'no-article' | 'too-large' {
  const clone = doc.cloneNode(true) as Document;
  const liveOf = mapCloneToLive(clone, doc, maxDepth);
  if (!liveOf) return 'too-large';
  // The identity serializer hands back Readability's own nodes (moved from the clone), so they
  // can be traced back to the live page; it also skips serialising HTML nobody reads.
  const result = new Readability<Element>(clone, { serializer: (node) => node as Element }).parse();
  if (!result?.content) return 'no-article';
  const words = wordCount(result.textContent ?? '');
  if (words < MIN_ARTICLE_WORDS) return 'no-article';
  const body = liveBodyOf(result.content, liveOf);
  if (!body) return 'no-article';
  const siteName = collapseSpace(result.siteName || metaContent(doc, 'og:site_name'));
  const title = collapseSpace(chooseTitle(doc, result.title ?? '', siteName));
  if (!title) return 'no-article';
  const excerpt = collapseSpace(result.excerpt ?? '');
  const bounded = (text: string) => clampText(text, LIMITS.textChars);
  return {
    body,
    info: {
      url,
      title: bounded(title),
      siteName: bounded(siteName),
      byline: bounded(collapseSpace(result.byline ?? '').replace(BYLINE_PREFIX, '')),
      lang: bounded((result.lang || doc.documentElement.getAttribute('lang') || '').trim()),
      publishedTime: bounded(collapseSpace(result.publishedTime || publishedTimeOf(doc))),
      wordCount: words,
      readingMinutes: Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
      excerpt: excerpt.length > EXCERPT_CHARS ? `${excerpt.slice(0, EXCERPT_CHARS - 1)}…` : excerpt,
    },
  };
}

/**
 * Clone element → live element, by walking both trees in step before Readability touches the
 * clone; null past `maxDepth`, where Readability's recursion would overflow the stack.
 */
function mapCloneToLive(clone: Document, live: Document, maxDepth: number): Map<Element, Element> | null {
  const map = new Map<Element, Element>();
  const stack: Array<[Element | null, Element | null, number]> = [
    [clone.documentElement, live.documentElement, 0],
  ];
  while (stack.length) {
    let [a, b, depth] = stack.pop() as [Element | null, Element | null, number];
    if (depth > maxDepth) return null;
    while (a && b) {
      map.set(a, b);
      if (a.firstElementChild) stack.push([a.firstElementChild, b.firstElementChild, depth + 1]);
      a = a.nextElementSibling;
      b = b.nextElementSibling;
    }
  }
  return map;
}

// The body is the deepest element holding nearly all of the article's text: a stray caption or
// teaser Readability kept elsewhere must not widen it to the whole page.
const BODY_TEXT_SHARE = 0.85;
const TEXT_KEY_CHARS = 60;

function directTextLength(element: Element): number {
  let length = 0;
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3) length += (node.nodeValue ?? '').trim().length;
  }
  return length;
}

function directText(element: Element): string {
  let text = '';
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3) text += node.nodeValue ?? '';
  }
  return collapseSpace(text);
}

/** Live elements holding the article's text, each with its share of it. */
function liveTextHolders(content: Element, liveOf: Map<Element, Element>): Array<[Element, number]> {
  const holders: Array<[Element, number]> = [];
  let total = 0;
  let mapped = 0;
  for (const element of content.querySelectorAll('*')) {
    const length = directTextLength(element);
    if (length === 0) continue;
    total += length;
    // Readability renames some blocks (a DIV becomes a P) by building new elements: climb to an
    // original one, which sits where the renamed block was.
    let original: Element | null = element;
    while (original && !liveOf.has(original)) original = original.parentElement;
    const live = original && liveOf.get(original);
    if (!live) continue;
    mapped += length;
    holders.push([live, length]);
  }
  if (mapped >= total / 2) return holders;
  // When its first pass finds too little text, Readability re-parses the page from HTML: its nodes
  // are then new, so find the live elements by their text instead.
  const keys = new Set<string>();
  for (const element of content.querySelectorAll('*')) {
    const text = directText(element);
    if (text.length >= 20) keys.add(text.slice(0, TEXT_KEY_CHARS));
  }
  const byText: Array<[Element, number]> = [];
  for (const live of liveOf.values()) {
    const text = directText(live);
    if (text.length >= 20 && keys.has(text.slice(0, TEXT_KEY_CHARS))) byText.push([live, text.length]);
  }
  return byText;
}

function liveBodyOf(content: Element, liveOf: Map<Element, Element>): Element | null {
  const weights = new Map<Element, number>();
  let total = 0;
  for (const [live, length] of liveTextHolders(content, liveOf)) {
    total += length;
    for (let at: Element | null = live; at; at = at.parentElement)
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

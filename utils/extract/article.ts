// Reads the article with Readability on a clone of the page (Readability mutates what it parses),
// then finds the live element that holds the article body, for the question finders.
// Readability's own module, not the package's index: the index also brings isProbablyReaderable,
// which the page script never calls (a kilobyte of the extractor's budget).
import Readability from '@mozilla/readability/Readability.js';
import { clampText, TEXT_CHARS } from '../limits';
import { collapseSpace, foldText, wordCount } from './text';
import { chooseTitle } from './title';
import type { ArticleInfo } from './types';

export interface ArticleReading {
  info: ArticleInfo;
  /** The live element holding the article body: the closest common ancestor of its paragraphs. */
  body: Element;
}

// Below this many words Readability has found a page, not an article (a login form, a gallery)...
const MIN_ARTICLE_WORDS = 60;
// ...unless the page says it is one article (a short blog post): then this many words will do.
const MIN_SHORT_ARTICLE_WORDS = 15;
// Readability keeps its first, cleanest reading only past 500 characters and otherwise retries
// with its filters off, which on a short post brings back the skip link and the "related posts"
// box. A short post is read again with this threshold.
const SHORT_CHAR_THRESHOLD = 100;
// A short article is prose: at most this share of its text is link text (a nav-only page is all links).
const SHORT_MAX_LINK_SHARE = 0.5;
const UNTITLED_WORDS = 10;
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
  let reading = readWithThreshold(doc, maxDepth);
  if (typeof reading === 'string') return reading;
  if (reading.words < MIN_ARTICLE_WORDS) {
    // A short post matters as much as a long one: read it again, keeping Readability's first
    // reading, and accept it when the page is one article and its text is prose, not links.
    if (!isSingleArticle(doc) || isErrorPage(doc)) return 'no-article';
    const again = readWithThreshold(doc, maxDepth, SHORT_CHAR_THRESHOLD);
    if (typeof again !== 'string' && again.words >= MIN_SHORT_ARTICLE_WORDS) reading = again;
    if (reading.words < MIN_SHORT_ARTICLE_WORDS || linkShare(reading.content) > SHORT_MAX_LINK_SHARE)
      return 'no-article';
  }
  const { result, words, body } = reading;
  const siteName = collapseSpace(result.siteName || metaContent(doc, 'og:site_name'));
  const excerpt = collapseSpace(result.excerpt ?? '');
  // A page with no title anywhere (no <title>, no headline) is still an article: its opening words name it.
  const title =
    collapseSpace(chooseTitle(doc, result.title ?? '', siteName)) ||
    openingWords(excerpt || (result.textContent ?? ''));
  if (!title) return 'no-article';
  const bounded = (text: string) => clampText(text, TEXT_CHARS);
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

// The internals TextOnlyReadability overrides or calls: the library's own names, pinned in
// package-lock.json (a test fails if an upgrade renames one).
declare module '@mozilla/readability' {
  interface Readability<T> {
    _doc: Document;
    REGEXPS: { byline: RegExp };
    _removeScripts(doc: Document): void;
    _prepDocument(): void;
    _grabArticle(page?: Element | null): Element | null;
    _isValidByline(node: Element, matchString: string): boolean;
    _isProbablyVisible(node: Element): boolean;
    _isElementWithoutContent(node: Element): boolean;
  }
}

/**
 * Readability without the steps that only prepare its article for display, and with its costliest
 * tests made cheap, answering as the library's own do. Stance reads the article's text and where
 * it lies on the page, never its HTML or its images. Links made absolute, nested blocks flattened,
 * inline styles removed, lazy and <noscript> images swapped in: none changes a word of the text (a
 * test checks it on every fixture page; on the 322 pages of the fixtures, corpus and Readability's
 * own tests, the reading is the same but for one word count, where a whitespace-only block
 * Readability removes kept two words apart). Together they are a tenth of Readability's time on a
 * median page, and the cheaper tests another seventh.
 */
export class TextOnlyReadability extends Readability<Element> {
  /** `source` is the document `clone` was made of, untouched: a retry clones it again. */
  constructor(
    clone: Document,
    private readonly source: Document,
    options: ConstructorParameters<typeof Readability<Element>>[1],
  ) {
    super(clone, options);
  }

  _postProcessContent(): void {}
  _cleanStyles(): void {}
  _unwrapNoscriptImages(): void {}
  _fixLazyImages(): void {}

  // Readability serialises the whole page before its first pass, for the retries most pages never
  // make. A retry here prepares a fresh clone the way parse() prepared this one, and takes its nodes.
  override _grabArticle(page?: Element | null): Element | null {
    const body = this._doc.body;
    if (!page && body) {
      Object.defineProperty(body, 'innerHTML', {
        configurable: true,
        get: () => '',
        set: () => body.replaceChildren(...preparedClone(this, this.source).body.childNodes),
      });
    }
    return super._grabArticle(page);
  }

  // Readability measures every element's text before testing its names: only a byline needs it.
  override _isValidByline(node: Element, matchString: string): boolean {
    const named =
      node.getAttribute('rel') === 'author' ||
      !!node.getAttribute('itemprop')?.includes('author') ||
      this.REGEXPS.byline.test(matchString);
    return named && super._isValidByline(node, matchString);
  }

  // Reading node.style builds a style declaration; without a style attribute it holds nothing.
  override _isProbablyVisible(node: Element): boolean {
    if (node.hasAttribute('style')) return super._isProbablyVisible(node);
    const className = node.className as unknown as { includes?: (s: string) => boolean };
    return (
      !node.hasAttribute('hidden') &&
      (node.getAttribute('aria-hidden') !== 'true' || !!className?.includes?.('fallback-image'))
    );
  }

  // Readability reads a whole subtree's text to find it blank; its first visible character says no.
  override _isElementWithoutContent(node: Element): boolean {
    return !hasVisibleText(node) && super._isElementWithoutContent(node);
  }
}

/** A fresh clone of `source`, prepared as parse() prepares the one `reader` reads. */
function preparedClone(reader: TextOnlyReadability, source: Document): Document {
  const clone = reader._doc;
  const fresh = source.cloneNode(true) as Document;
  reader._doc = fresh;
  reader._removeScripts(fresh);
  reader._prepDocument();
  reader._doc = clone;
  return fresh;
}

// Text and CDATA nodes (NodeFilter.SHOW_TEXT | SHOW_CDATA_SECTION): what textContent joins.
const TEXT_NODES = 0xc;
const VISIBLE_CHAR = /\S/;

function hasVisibleText(node: Element): boolean {
  const walker = (node.ownerDocument as Document).createTreeWalker(node, TEXT_NODES);
  while (walker.nextNode()) if (VISIBLE_CHAR.test(walker.currentNode.nodeValue ?? '')) return true;
  return false;
}

interface Reading {
  result: {
    title?: string | null;
    siteName?: string | null;
    byline?: string | null;
    lang?: string | null;
    publishedTime?: string | null;
    excerpt?: string | null;
    textContent?: string | null;
  };
  content: Element;
  words: number;
  body: Element;
}

/** Readability on a fresh clone (it mutates what it parses), with the live body it found. */
function readWithThreshold(
  doc: Document,
  maxDepth: number,
  charThreshold?: number,
): Reading | 'no-article' | 'too-large' {
  const clone = doc.cloneNode(true) as Document;
  const liveOf = mapCloneToLive(clone, doc, maxDepth);
  if (!liveOf) return 'too-large';
  // The identity serializer hands back Readability's own nodes (moved from the clone), so they
  // can be traced back to the live page; it also skips serialising HTML nobody reads. For the same
  // reason the classes are kept: stripping them only tidies HTML for display.
  const result = new TextOnlyReadability(clone, doc, {
    serializer: (node) => node as Element,
    keepClasses: true,
    ...(charThreshold ? { charThreshold } : {}),
  }).parse();
  if (!result?.content) return 'no-article';
  const body = liveBodyOf(result.content, liveOf);
  if (!body) return 'no-article';
  return { result, content: result.content, words: wordCount(result.textContent ?? ''), body };
}

// One article on the page, by its markup or its metadata; a front page lists several.
const ARTICLE_MARKUP =
  'article, [itemtype*="schema.org/Article"], [itemtype*="schema.org/BlogPosting"], [itemtype*="schema.org/NewsArticle"], .hentry';
const ARTICLE_TYPE =
  /^(?:article|blogposting|newsarticle|reportagenewsarticle|opinionnewsarticle|report|posting|socialmediaposting)$/i;

function isSingleArticle(doc: Document): boolean {
  // Outermost ones: <article class="hentry"> inside <div itemtype=…Article> is one article.
  const outermost = [...doc.querySelectorAll(ARTICLE_MARKUP)].filter(
    (element) => !element.parentElement?.closest(ARTICLE_MARKUP),
  );
  if (outermost.length > 1) return false;
  if (outermost.length === 1) return true;
  const ogType = metaContent(doc, 'og:type').trim();
  if (ogType) return ARTICLE_TYPE.test(ogType);
  return jsonLdTypes(doc).some((type) => ARTICLE_TYPE.test(type));
}

// An error page may wrap its apology in an <article> (older blog themes do).
const ERROR_TITLE =
  /\b(?:404|410)\b|not found|page introuvable|introuvable|no encontrada|nicht gefunden|non trovata|nao encontrada/;

function isErrorPage(doc: Document): boolean {
  const names = `${doc.body?.getAttribute('class') ?? ''} ${doc.documentElement.getAttribute('class') ?? ''}`;
  return /\berror-?404\b/i.test(names) || ERROR_TITLE.test(foldText(doc.title ?? ''));
}

function jsonLdTypes(doc: Document): string[] {
  const types: string[] = [];
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    for (const match of (script.textContent ?? '').matchAll(/"@type"\s*:\s*"([^"]+)"/g))
      types.push(match[1] as string);
  }
  return types;
}

/** The share of an element's text that is link text. */
function linkShare(content: Element): number {
  const total = collapseSpace(content.textContent ?? '').length;
  if (total === 0) return 1;
  let linked = 0;
  for (const link of content.querySelectorAll('a')) {
    if (!link.parentElement?.closest('a')) linked += collapseSpace(link.textContent ?? '').length;
  }
  return linked / total;
}

function openingWords(text: string): string {
  const sentence = collapseSpace(text).split(/(?<=[.!?…])\s/u)[0] ?? '';
  const words = sentence.split(' ').filter(Boolean);
  return words.length > UNTITLED_WORDS ? `${words.slice(0, UNTITLED_WORDS).join(' ')}…` : sentence;
}

/** Every element in document order; linkedom (Node) has no '*' collection, hence the fallback. */
function allElements(doc: Document): ArrayLike<Element> {
  const all = doc.getElementsByTagName('*');
  return all.length ? all : doc.querySelectorAll('*');
}

/** Whether any element sits more than `maxDepth` levels below the root element. */
function deeperThan(doc: Document, maxDepth: number): boolean {
  const stack: Array<[Element | null, number]> = [[doc.documentElement, 0]];
  while (stack.length) {
    let [element, depth] = stack.pop() as [Element | null, number];
    if (depth > maxDepth) return true;
    for (; element; element = element.nextElementSibling) {
      if (element.firstElementChild) stack.push([element.firstElementChild, depth + 1]);
    }
  }
  return false;
}

/**
 * Clone element → live element, before Readability touches the clone: a fresh clone lists its
 * elements in the same order as the page. Null past `maxDepth`, where Readability's recursion would
 * overflow the stack; only a page with more elements than that can be so deep, so only such a page
 * is walked for its depth.
 */
function mapCloneToLive(clone: Document, live: Document, maxDepth: number): Map<Element, Element> | null {
  const originals = allElements(live);
  if (originals.length > maxDepth && deeperThan(live, maxDepth)) return null;
  const copies = allElements(clone);
  const map = new Map<Element, Element>([[clone.documentElement, live.documentElement]]);
  for (let i = 0; i < copies.length; i++) map.set(copies[i] as Element, originals[i] as Element);
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

interface Holding {
  parent: Holding | null;
  depth: number;
  /** The article's text in the element's subtree: its own first, its descendants' added after. */
  weight: number;
}

function liveBodyOf(content: Element, liveOf: Map<Element, Element>): Element | null {
  // Each element that holds article text, or is above one, entered once with its parent and depth
  // (a holder climbs only to the first element already entered): climbing from every holder to
  // the root was most of the cost on a long article.
  const holdings = new Map<Element, Holding>();
  let total = 0;
  for (const [live, length] of liveTextHolders(content, liveOf)) {
    total += length;
    let own = holdings.get(live);
    if (!own) {
      const chain: Element[] = [];
      let at: Element | null = live;
      for (; at && !holdings.has(at); at = at.parentElement) chain.push(at);
      let parent = at ? (holdings.get(at) ?? null) : null;
      for (let i = chain.length - 1; i >= 0; i--) {
        const holding: Holding = { parent, depth: parent ? parent.depth + 1 : 0, weight: 0 };
        holdings.set(chain[i] as Element, holding);
        parent = holding;
      }
      own = parent as Holding;
    }
    own.weight += length;
  }
  const deepestFirst = [...holdings].sort(([, a], [, b]) => b.depth - a.depth);
  for (const [, holding] of deepestFirst) if (holding.parent) holding.parent.weight += holding.weight;
  // Ancestors of one another, so the first that holds enough is the deepest.
  return deepestFirst.find(([, holding]) => holding.weight >= total * BODY_TEXT_SHARE)?.[0] ?? null;
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

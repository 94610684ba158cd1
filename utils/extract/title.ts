// The title a reader sees: the page's own headline (an h1 that agrees with the page's titles, else
// a heading that repeats one of them), else the document, og: or metadata title without its
// "– Site name" part. The site's name is never the title: a logo, a blog-name h1 or a header link
// home is branding, however well it agrees with a document title that ends with it.
import { FURNITURE_CLASS, RELATED_LINKS_LEAD } from './cues';
import { collapseSpace, foldText, tokenOverlap as overlap } from './text';

const BRANDING_CLASS =
  /logo|site-?title|site-?name|brand|masthead|assistive|sr-only|screen-reader|visually-hidden/i;
const HEADLINE_CLASS = /(?:entry|post|article|story|content|page)[-_]?(?:title|headline|heading)|headline/i;
const SEPARATOR = /\s+[|–—·•:-]\s+/;
// A headline sharing this much of its wording with a document, og: or metadata title agrees with it.
const HEADLINE_AGREEMENT = 0.5;
// With no title to agree with, the first h1 of at least this many words is the headline (a
// section name is shorter).
const HEADLINE_WORDS = 3;
// An h1 that does not agree with the page's titles is its headline only at this length.
const RETITLED_HEADLINE_WORDS = 5;
// A heading other than an h1 is the headline when it repeats a title this closely (token overlap
// over the longer of the two: a subtitle or a section heading shares some words, not nearly all).
const HEADING_REPEATS_TITLE = 0.8;
// Where the article is; a headline inside it outranks one in the page's header or sidebar.
const ARTICLE_REGION = 'article, main, [role="main"], [itemprop="articleBody"], .hentry';
// A link to the site's home: "/", "./", "https://host/", "https://host/index.html" (no query:
// "/?p=123" is a post).
const HOME_LINK = /^(?:(?:https?:)?\/\/[^/?#]+)?(?:\/|\.\/?)?(?:index\.[a-z]+)?(?:#.*)?$/i;

const PERMALINK_MARK = /\s*[¶§]+$/u;
const DOMAIN = /^[\w.-]+\.[a-z]{2,}$/i;

// Each test of a title or heading folds it again (its ends, its words, a home link's): one choice
// folds each text once. Emptied after each choice, so no page keeps another's texts.
const folds = new Map<string, string>();
const wordLists = new Map<string, string[]>();

function fold(text: string): string {
  let folded = folds.get(text);
  if (folded === undefined) {
    folded = foldText(text);
    folds.set(text, folded);
  }
  return folded;
}

/** The folded words of `text`; the list is shared, so callers only read it. */
function words(text: string): string[] {
  let list = wordLists.get(text);
  if (list === undefined) {
    list = fold(text).split(' ').filter(Boolean);
    wordLists.set(text, list);
  }
  return list;
}

function agreement(headline: string, reference: Set<string>): number {
  const own = words(headline);
  return own.length === 0 ? 0 : own.filter((word) => reference.has(word)).length / own.length;
}

interface Headline {
  text: string;
  /** Inside the article's region (article, main…), not the page's header or sidebar. */
  inArticle: boolean;
}

/** A heading whose whole text is one link to the site's home page: the site's name, as a logo. */
function linksHome(heading: Element, text: string): boolean {
  const links = heading.querySelectorAll('a[href]');
  if (links.length !== 1) return false;
  const link = links[0] as Element;
  const href = (link.getAttribute('href') ?? '').trim();
  if (!href || href.startsWith('#') || !HOME_LINK.test(href)) return false;
  return fold(link.textContent ?? '') === fold(text);
}

interface Site {
  /** Folded end parts of the page's titles that name the site ("Title | Site"). */
  parts: Set<string>;
  /** Words of the site's own name (og:site_name, Readability's). */
  nameWords: Set<string>;
}

function isSiteName(text: string, site: Site): boolean {
  const own = words(text);
  return site.nameWords.size > 0 && own.length > 0 && own.every((word) => site.nameWords.has(word));
}

/** Headline candidates in page order: not branding, not a sidebar or related-links heading. */
function headlines(
  doc: Document,
  selector: string,
  site: Site,
  classed: 'any' | 'own' | 'wrapper',
): Headline[] {
  const found: Headline[] = [];
  for (const heading of doc.querySelectorAll(selector)) {
    if (classed !== 'any' && heading.tagName.toUpperCase() !== 'H1') {
      // Its own class, or with `classed === 'wrapper'` its wrapper's too (<div class="post-title"><h2>).
      const wrapper = classed === 'wrapper' ? (heading.parentElement?.getAttribute('class') ?? '') : '';
      const names = `${heading.getAttribute('class') ?? ''} ${heading.getAttribute('itemprop') ?? ''} ${wrapper}`;
      if (!HEADLINE_CLASS.test(names)) continue;
    }
    const names = `${heading.id} ${heading.getAttribute('class') ?? ''}`;
    if (BRANDING_CLASS.test(names) || FURNITURE_CLASS.test(names)) continue;
    if (heading.closest('nav, aside, footer, [role="navigation"]')) continue;
    // Without a permalink mark ("Evolve: Shared Mutable History¶").
    const text = collapseSpace(heading.textContent ?? '').replace(PERMALINK_MARK, '');
    const folded = fold(text);
    if (!folded || text.length > 300 || text.endsWith(':')) continue;
    if (RELATED_LINKS_LEAD.test(folded)) continue;
    if (linksHome(heading, text) || isSiteName(text, site)) continue;
    const inArticle = heading.closest(ARTICLE_REGION) !== null;
    // "Title | Site": outside the article, a heading that is only the site part is the logo (inside
    // it, the shorter part may well be the post's own title: "Short post – Some blog's long name").
    if (!inArticle && site.parts.has(folded)) continue;
    found.push({ text, inArticle });
  }
  return found;
}

function bestAgreeing(candidates: Headline[], reference: Set<string>): string {
  let best: Headline | null = null;
  let bestScore = 0;
  for (const candidate of candidates) {
    const score = agreement(candidate.text, reference);
    if (score < HEADLINE_AGREEMENT) continue;
    // On a tie the headline inside the article wins over one in the page's header, then the
    // fuller one: "TOP 5 Fashion Must Haves 2018 [Werbung]" over a shortened echo.
    const better =
      !best ||
      score > bestScore ||
      (score === bestScore &&
        (candidate.inArticle !== best.inArticle
          ? candidate.inArticle
          : words(candidate.text).length > words(best.text).length));
    if (better) {
      best = candidate;
      bestScore = score;
    }
  }
  return best?.text ?? '';
}

function metaContent(doc: Document, selector: string): string {
  return collapseSpace(doc.querySelector(selector)?.getAttribute('content') ?? '');
}

export function chooseTitle(doc: Document, readabilityTitle: string, siteName: string): string {
  try {
    return choose(doc, readabilityTitle, siteName);
  } finally {
    folds.clear();
    wordLists.clear();
  }
}

function choose(doc: Document, readabilityTitle: string, siteName: string): string {
  const documentTitle = collapseSpace(doc.title ?? '');
  const ogTitle = metaContent(doc, 'meta[property="og:title"], meta[name="og:title"]');
  const twitterTitle = metaContent(doc, 'meta[name="twitter:title"], meta[property="twitter:title"]');
  const metadataTitle = collapseSpace(readabilityTitle);
  const titles = [documentTitle, ogTitle, twitterTitle, metadataTitle].filter(Boolean);
  const site: Site = { parts: new Set(), nameWords: new Set(words(siteName)) };
  // The site's names: its declared name and the words of the links to its home page (a blog's
  // name in its header), which tell "Short post – Blog's longer name" apart.
  const siteNames = homeLinkNames(doc);
  if (siteName) siteNames.add(fold(siteName));
  for (const name of siteNames) site.parts.add(name);
  // "Site - Title" and "Title | Site": one end is the site's, the one that names it, else the
  // last, else the first when under half of the title (the other end is the article's).
  for (const title of titles) {
    const parts = title.split(SEPARATOR);
    if (parts.length < 2) continue;
    const ends = [parts[parts.length - 1] ?? '', parts[0] ?? ''].map(fold);
    if (ends.some((end) => siteNames.has(end))) continue;
    const end = ends.find((part) => words(part).length * 2 < words(title).length);
    if (end) site.parts.add(end);
  }
  // The words a headline may agree with; a title that is only the site's name or address
  // ("carta.info") gives none.
  const reference = new Set(
    titles.filter((title) => !DOMAIN.test(title) && !site.parts.has(fold(title))).flatMap(words),
  );
  // An h1 is the headline when it agrees with a title: sites retitle for search, but keep most of
  // the headline's words.
  const h1s = headlines(doc, 'h1', site, 'any');
  const agreed = bestAgreeing(h1s, reference);
  if (agreed) return agreed;
  const secondary = 'h2, h3, [itemprop="headline"]';
  if (reference.size === 0) {
    // Nothing to agree with: the first long h1, else the first headline-classed h2, is all there is.
    const long = h1s.find(({ text }) => words(text).length >= HEADLINE_WORDS);
    return long?.text || headlines(doc, secondary, site, 'wrapper')[0]?.text || '';
  }
  // An h1 that shares little with the titles is still the headline when it reads as one, a whole
  // sentence of a headline (the site retitled the page); a short one is a section name
  // ("Allergies Health Center"), a greeting or a placeholder.
  // Only the first h1: a page with several uses them for its sections.
  const first = h1s[0];
  if (first && words(first.text).length >= RETITLED_HEADLINE_WORDS) return first.text;
  // A heading that repeats a title, where the h1 is a section name.
  const cleaned = titles.map((title) => withoutSitePart(title, siteNames));
  const repeating = headlines(doc, secondary, site, 'any').find(({ text }) =>
    cleaned.some((title) => overlap(text, title) >= HEADING_REPEATS_TITLE),
  );
  if (repeating) return repeating.text;
  const fromH2 = bestAgreeing(headlines(doc, secondary, site, 'own'), reference);
  if (fromH2) return fromH2;
  // No headline agrees with the page's titles: the title the page gives is surer than any heading.
  return withoutSitePart(metadataTitle || ogTitle || documentTitle, siteNames);
}

// Home links past this many words are a sentence ("Back to the home page of …"), not a name.
const SITE_NAME_WORDS = 8;
const HOME_LINKS_READ = 300;

/** Folded texts of the links to the site's home page. */
function homeLinkNames(doc: Document): Set<string> {
  const names = new Set<string>();
  // The live collection is walked only as far as it is read, where querySelectorAll lists every
  // link of the page first (its length would count them all too).
  const anchors = doc.getElementsByTagName('a');
  let read = 0;
  for (let i = 0, link = anchors[0]; link && read < HOME_LINKS_READ; link = anchors[++i]) {
    if (!link.hasAttribute('href')) continue;
    read++;
    const href = (link.getAttribute('href') ?? '').trim();
    if (!href || href.startsWith('#') || !HOME_LINK.test(href)) continue;
    const name = fold(link.textContent ?? '');
    const count = name ? name.split(' ').length : 0;
    if (count > 0 && count <= SITE_NAME_WORDS) names.add(name);
  }
  return names;
}

/**
 * "Title | Site", "Site - Title" → "Title": the end that names the site (its declared name, a home
 * link's text, a domain), else a short end (three words or fewer) before or after a longer title.
 */
function withoutSitePart(title: string, siteNames: Set<string>): string {
  const parts = title.split(SEPARATOR);
  if (parts.length < 2) return title;
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  const named = (part: string) => siteNames.has(fold(part)) || /\.[a-z]{2,}$/i.test(part.trim());
  const restWords = (part: string) => words(title).length - words(part).length;
  const short = (part: string) => words(part).length <= 3 && restWords(part) >= 4;
  const withoutLast = () =>
    title
      .slice(0, title.length - last.length)
      .replace(/\s+[|–—·•:-]\s+$/, '')
      .trim();
  const withoutFirst = () =>
    title
      .slice(first.length)
      .replace(/^\s+[|–—·•:-]\s+/, '')
      .trim();
  if (named(last)) return withoutLast();
  if (named(first)) return withoutFirst();
  // Nothing names the site: a short end beside a longer title is the site, the last end first.
  if (short(last)) return withoutLast();
  if (short(first)) return withoutFirst();
  return title;
}

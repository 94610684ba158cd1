// The title a reader sees: the page's own headline (h1, else a headline-classed h2), else the
// og: or document title without its "– Site name" part.
import { FURNITURE_CLASS, RELATED_LINKS_LEAD } from './cues';
import { collapseSpace, foldText } from './text';

const BRANDING_CLASS =
  /logo|site-?title|site-?name|brand|masthead|assistive|sr-only|screen-reader|visually-hidden/i;
const HEADLINE_CLASS = /(?:entry|post|article|story|content|page)[-_]?(?:title|headline|heading)|headline/i;
const SEPARATOR = /\s+[|–—·•:-]\s+/;
// A headline sharing this much of its wording with the document/og title is surely the title.
const HEADLINE_AGREEMENT = 0.5;
// Otherwise the first headline of at least this many words is (a section name is shorter).
const HEADLINE_WORDS = 3;

function words(text: string): string[] {
  return foldText(text).split(' ').filter(Boolean);
}

function agreement(headline: string, reference: Set<string>): number {
  const own = words(headline);
  return own.length === 0 ? 0 : own.filter((word) => reference.has(word)).length / own.length;
}

/** Headline candidates in page order: not branding, not a sidebar or related-links heading. */
function headlines(doc: Document, selector: string, siteParts: Set<string>): string[] {
  const found: string[] = [];
  for (const heading of doc.querySelectorAll(selector)) {
    if (heading.tagName.toUpperCase() !== 'H1') {
      const names = `${heading.getAttribute('class') ?? ''} ${heading.getAttribute('itemprop') ?? ''}`;
      if (!HEADLINE_CLASS.test(names)) continue;
    }
    const names = `${heading.id} ${heading.getAttribute('class') ?? ''}`;
    if (BRANDING_CLASS.test(names) || FURNITURE_CLASS.test(names)) continue;
    if (heading.closest('nav, aside, footer, [role="navigation"]')) continue;
    const text = collapseSpace(heading.textContent ?? '');
    const folded = foldText(text);
    if (!folded || text.length > 300 || text.endsWith(':') || siteParts.has(folded)) continue;
    if (RELATED_LINKS_LEAD.test(folded)) continue;
    found.push(text);
  }
  return found;
}

function bestAgreeing(candidates: string[], reference: Set<string>): string {
  let best = '';
  let bestScore = HEADLINE_AGREEMENT;
  for (const text of candidates) {
    const score = agreement(text, reference);
    // On a tie the fuller headline wins: "TOP 5 Fashion Must Haves 2018 [Werbung]" over a shortened echo.
    if (score > bestScore || (score === bestScore && words(text).length > words(best).length)) {
      best = text;
      bestScore = score;
    }
  }
  return best;
}

export function chooseTitle(doc: Document, readabilityTitle: string, siteName: string): string {
  const documentTitle = collapseSpace(doc.title ?? '');
  const ogTitle = collapseSpace(
    doc.querySelector('meta[property="og:title"], meta[name="twitter:title"]')?.getAttribute('content') ?? '',
  );
  const reference = new Set(words(`${documentTitle} ${ogTitle}`));
  // "Site - Title" and "Title | Site": a headline that is only the site part is the logo.
  const siteParts = new Set([foldText(siteName)]);
  for (const title of [documentTitle, ogTitle]) {
    const parts = title.split(SEPARATOR);
    if (parts.length < 2) continue;
    for (const part of [parts[0] ?? '', parts[parts.length - 1] ?? '']) {
      if (words(part).length * 2 < words(title).length) siteParts.add(foldText(part));
    }
  }
  // An h1 is the headline even when the document title differs (sites retitle for search);
  // a headline-classed h2 only when it agrees with the document title, as subtitles use them too.
  const h1s = headlines(doc, 'h1', siteParts);
  const agreed = bestAgreeing(h1s, reference);
  const long = h1s.find((text) => words(text).length >= HEADLINE_WORDS);
  if (agreed || long) return agreed || (long as string);
  const h2s = headlines(doc, 'h2, [itemprop="headline"]', siteParts);
  // With no document or og title to agree with, the first headline-classed h2 is all there is.
  const fromH2 = reference.size === 0 ? h2s[0] : bestAgreeing(h2s, reference);
  if (fromH2) return fromH2;
  return withoutSitePart(ogTitle || readabilityTitle || documentTitle, siteName);
}

/** "Title | Site", "Site - Title" → "Title", when the short side names the site. */
function withoutSitePart(title: string, siteName: string): string {
  const parts = title.split(SEPARATOR);
  if (parts.length < 2) return title;
  const site = foldText(siteName);
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  const restWords = (part: string) => words(title).length - words(part).length;
  const isSite = (part: string) =>
    (site !== '' && foldText(part) === site) ||
    /\.[a-z]{2,}$/i.test(part.trim()) ||
    (words(part).length <= 3 && restWords(part) >= 4);
  const separatorAt = (text: string) => SEPARATOR.exec(text);
  if (isSite(last)) {
    const head = title.slice(0, title.length - last.length);
    return head.replace(/\s+[|–—·•:-]\s+$/, '').trim();
  }
  if (isSite(first) && separatorAt(title))
    return title
      .slice(first.length)
      .replace(/^\s+[|–—·•:-]\s+/, '')
      .trim();
  return title;
}

// The title a reader sees: the page's headline (h1) when it agrees with the document or
// og: title, else the og: title or Readability's guess, without a "– Site name" suffix.
import { foldText } from './text';

const BRANDING_CLASS = /logo|site-?title|site-?name|brand|masthead/i;
// Share of a headline's words found in the document/og titles for it to count as the title.
const HEADLINE_AGREEMENT = 0.5;

function agreement(headline: string, reference: Set<string>): number {
  const words = foldText(headline).split(' ').filter(Boolean);
  if (words.length === 0) return 0;
  return words.filter((word) => reference.has(word)).length / words.length;
}

export function chooseTitle(doc: Document, readabilityTitle: string, siteName: string): string {
  const documentTitle = doc.title ?? '';
  const ogTitle =
    doc.querySelector('meta[property="og:title"], meta[name="twitter:title"]')?.getAttribute('content') ?? '';
  const reference = new Set(foldText(`${documentTitle} ${ogTitle} ${readabilityTitle}`).split(' '));
  const site = foldText(siteName);
  let best = '';
  let bestScore = HEADLINE_AGREEMENT;
  for (const heading of doc.querySelectorAll('h1, [itemprop="headline"]')) {
    const text = (heading.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text || text.length > 300 || foldText(text) === site) continue;
    if (BRANDING_CLASS.test(`${heading.id} ${heading.getAttribute('class') ?? ''}`)) continue;
    if (heading.querySelector('img') && text.split(' ').length < 3) continue;
    const score = agreement(text, reference);
    if (score > bestScore) {
      best = text;
      bestScore = score;
    }
  }
  if (best) return best;
  return withoutSiteSuffix(ogTitle.trim() || readabilityTitle || documentTitle.trim(), siteName);
}

/** "Title | Site", "Site - Title" → "Title", when the site part names the site. */
function withoutSiteSuffix(title: string, siteName: string): string {
  const parts = title.split(/\s+[|–—·•:-]\s+/);
  if (parts.length < 2) return title;
  const site = foldText(siteName);
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  const isSite = (part: string) => (site && foldText(part) === site) || /\.[a-z]{2,}$/i.test(part.trim());
  if (isSite(last))
    return title
      .slice(0, title.length - last.length)
      .replace(/\s+[|–—·•:-]\s+$/, '')
      .trim();
  if (isSite(first))
    return title
      .slice(first.length)
      .replace(/^\s+[|–—·•:-]\s+/, '')
      .trim();
  return title;
}

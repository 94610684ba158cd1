// The article's identity: its canonical URL without fragment or tracking parameters, so a
// reader's notes follow the article across URL variants (shares, feeds, devices). Only an http(s)
// address short enough to store (isArticleUrl) can be an article's identity.
import { isArticleUrl } from '../limits';

const TRACKING_PARAM =
  /^(utm_\w+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wickedid|ref_src|ref_url|spm|share|s_cid|cmpid|ncid|ocid|sr_share)$/i;

/** `href` resolved against `base`, without fragment and tracking parameters; null if not http(s). */
export function cleanArticleUrl(href: string, base: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  // forEach, not an iterator: in Firefox content scripts URLSearchParams iterators are not iterable
  // across the Xray wrapper ("keys() is not iterable").
  const names: string[] = [];
  url.searchParams.forEach((_value, name) => {
    names.push(name);
  });
  for (const name of names) {
    if (TRACKING_PARAM.test(name)) url.searchParams.delete(name);
  }
  return url.toString();
}

/**
 * `<link rel=canonical>`, then `og:url`, then the page URL, cleaned: the first that is an article
 * address. A canonical link of 50 KB is taken as none. Null when not even the page's own address is
 * one (a page saved to disk, `about:blank`): an article stored under it could not be exported,
 * restored or synced.
 */
export function canonicalUrl(doc: Document, pageUrl: string): string | null {
  const candidates = [
    doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content'),
    pageUrl,
  ];
  for (const href of candidates) {
    if (!href) continue;
    const cleaned = cleanArticleUrl(href, pageUrl);
    if (isArticleUrl(cleaned)) return cleaned;
  }
  return null;
}

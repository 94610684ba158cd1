// Claims to weigh: pull quotes and blockquotes of the article body, with who said them.
import { isFurniture } from './blocks';
import { collapseSpace, wordCount } from './text';

export interface ClaimHit {
  element: Element;
  text: string;
  attribution: string;
}

// Embedded posts are blockquotes too, but they carry a whole social card, not a claim.
const EMBED_CLASS =
  /twitter-tweet|instagram-media|tiktok-embed|bluesky-embed|mastodon-embed|reddit-card|fb-xfbml/i;
const MAX_CLAIM_CHARS = 600;
const QUOTE_MARKS = /^[\s«“"„‚‘»]+|[\s»”"“’«]+$/gu;
const DASH_ATTRIBUTION = /\s[—–―-]\s*([^—–―-]{2,80})$/u;

export function findClaims(body: Element): ClaimHit[] {
  const claims: ClaimHit[] = [];
  for (const quote of body.querySelectorAll('blockquote, [class*="pullquote" i], [class*="pull-quote" i]')) {
    if (claims.some((claim) => claim.element.contains(quote) || quote.contains(claim.element))) continue;
    if (EMBED_CLASS.test(quote.getAttribute('class') ?? '') || insideFurniture(quote, body)) continue;
    const claim = readClaim(quote);
    if (claim) claims.push(claim);
  }
  return claims;
}

function insideFurniture(element: Element, body: Element): boolean {
  for (let at: Element | null = element; at && at !== body; at = at.parentElement) {
    if (isFurniture(at)) return true;
  }
  return false;
}

function readClaim(quote: Element): ClaimHit | null {
  const source =
    quote.querySelector('cite, footer, figcaption') ??
    quote.parentElement?.querySelector(':scope > figcaption');
  let attribution = collapseSpace(source?.textContent ?? '');
  let text = '';
  for (const node of quote.childNodes) {
    if (source && (node === source || node.contains(source))) {
      text += ` ${textWithout(node, source)}`;
    } else {
      text += ` ${node.textContent ?? ''}`;
    }
  }
  text = collapseSpace(text);
  if (!attribution) {
    const dashed = DASH_ATTRIBUTION.exec(text);
    if (dashed?.[1]) {
      attribution = dashed[1].trim();
      text = text.slice(0, dashed.index);
    }
  }
  text = text.replace(QUOTE_MARKS, '');
  attribution = attribution.replace(/^[\s—–―-]+/u, '');
  if (wordCount(text) < 3 || text.length > MAX_CLAIM_CHARS) return null;
  return { element: quote, text, attribution };
}

/** Text of `node` leaving out the attribution element inside it. */
function textWithout(node: Node, skipped: Node): string {
  if (node === skipped) return '';
  if (node.nodeType === 3) return node.nodeValue ?? '';
  let text = '';
  for (const child of node.childNodes) text += textWithout(child, skipped);
  return text;
}

// Cuts a region of the live page into text units: one per block (paragraph, list item, heading…)
// or per line when a block is split by <br>, skipping page furniture. Reads, never writes, the DOM.
import { FURNITURE_CLASS } from './cues';
import { collapseSpace } from './text';

export interface TextUnit {
  /** The nearest block element holding the text (p, li, h2, div…). */
  element: Element;
  text: string;
  /** Text of a bold element the unit starts with ("Le Monopole Ultime :"), '' when none. */
  lead: string;
  /** 1 to 6 inside a heading, 0 elsewhere. */
  heading: number;
  /** Share of the text inside links: related-link boxes are mostly links. */
  linkShare: number;
  /** Inside a blockquote or q: someone else's words. */
  quoted: boolean;
  /** Share of the text inside bold or italic: a prompt set apart is often wholly emphasised. */
  emphasis: number;
  /** Texts of the links in the unit, to tell a linked question (a reading list) from prose. */
  links: string[];
}

const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'ASIDE',
  'HEADER',
  'FOOTER',
  'UL',
  'OL',
  'LI',
  'DL',
  'DT',
  'DD',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BLOCKQUOTE',
  'FIGURE',
  'FIGCAPTION',
  'TABLE',
  'THEAD',
  'TBODY',
  'TFOOT',
  'TR',
  'TD',
  'TH',
  'CAPTION',
  'PRE',
  'ADDRESS',
  'DETAILS',
  'SUMMARY',
  'CENTER',
  'HR',
  'FIELDSET',
  'HGROUP',
]);
// Never reader-facing prose: scripts, media, controls, and the page's own chrome.
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'OBJECT',
  'EMBED',
  'MATH',
  'NAV',
  'FORM',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'INPUT',
  'OPTION',
  'LABEL',
  'HEADER',
  'FOOTER',
]);
const SKIPPED_ROLES =
  /^(?:navigation|banner|contentinfo|dialog|alertdialog|search|form|menu|menubar|toolbar|tablist|complementary)$/;

/** Comments, sharing, related posts, newsletter and cookie prompts, widgets, hidden parts. */
export function isFurniture(element: Element, tag = element.tagName.toUpperCase()): boolean {
  if (SKIPPED_TAGS.has(tag)) return true;
  // Most elements of a text (p, em, span) carry no attribute: one call says so instead of six.
  if (!element.hasAttributes()) return false;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const role = element.getAttribute('role');
  if (role && SKIPPED_ROLES.test(role)) return true;
  const style = element.getAttribute('style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  const names = `${element.id} ${element.getAttribute('class') ?? ''}`;
  return names.length > 1 && FURNITURE_CLASS.test(names);
}

const EMPHASIS_TAGS = new Set(['B', 'STRONG', 'EM', 'I', 'MARK']);

interface Run {
  element: Element;
  heading: number;
  quoted: boolean;
  text: string;
  linkChars: number;
  emphasisChars: number;
  lead: string;
  links: string[];
}

/** Spaces in a collapsed text, its only whitespace: counted without building the text without them. */
function spacesIn(text: string): number {
  let spaces = 0;
  for (let at = text.indexOf(' '); at >= 0; at = text.indexOf(' ', at + 1)) spaces++;
  return spaces;
}

/** Text units of `root` in document order. */
export function collectTextUnits(root: Element): TextUnit[] {
  const units: TextUnit[] = [];
  let run: Run | null = null;

  const flush = () => {
    if (run) {
      const text = collapseSpace(run.text);
      if (text) {
        units.push({
          element: run.element,
          text,
          lead: collapseSpace(run.lead),
          heading: run.heading,
          linkShare: Math.min(1, run.linkChars / text.length),
          quoted: run.quoted,
          // Spaces are counted only where there is emphasis to weigh against the rest.
          emphasis: run.emphasisChars ? Math.min(1, run.emphasisChars / (text.length - spacesIn(text))) : 0,
          links: run.links.map(collapseSpace).filter(Boolean),
        });
      }
    }
    run = null;
  };

  const visit = (
    node: Node,
    block: Element,
    heading: number,
    quoted: boolean,
    inLink: boolean,
    inEmphasis = false,
  ): void => {
    if (node.nodeType === 3) {
      const data = node.nodeValue ?? '';
      if (!run) {
        if (!data.trim()) return;
        run = {
          element: block,
          heading,
          quoted,
          text: '',
          linkChars: 0,
          emphasisChars: 0,
          lead: '',
          links: [],
        };
      }
      run.text += data;
      if (inLink) run.linkChars += data.trim().length;
      if (inEmphasis) run.emphasisChars += data.replace(/\s/g, '').length;
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    const tag = element.tagName.toUpperCase();
    if (tag === 'BR') {
      flush();
      return;
    }
    if (isFurniture(element, tag)) return;
    if (BLOCK_TAGS.has(tag)) {
      flush();
      const level = /^H[1-6]$/.test(tag) ? Number(tag[1]) : heading;
      const isQuote = quoted || tag === 'BLOCKQUOTE';
      for (let child = element.firstChild; child; child = child.nextSibling) {
        visit(child, element, level, isQuote, false);
      }
      flush();
      return;
    }
    const startsBold = (tag === 'STRONG' || tag === 'B') && !run?.text.trim();
    const before = run ? run.text.length : 0;
    const runBefore = run;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      visit(
        child,
        block,
        heading,
        quoted || tag === 'Q',
        inLink || tag === 'A',
        inEmphasis || EMPHASIS_TAGS.has(tag),
      );
    }
    if (startsBold && run) run.lead = run.text.slice(before);
    // The link's text, unless a line break inside it started a new run.
    if (tag === 'A' && !inLink && run && (runBefore === null || runBefore === run)) {
      run.links.push(run.text.slice(before));
    }
  };

  // The root itself is the article body: only its descendants can be furniture.
  const rootHeading = /^H[1-6]$/i.test(root.tagName) ? Number(root.tagName[1]) : 0;
  for (let child = root.firstChild; child; child = child.nextSibling) {
    visit(child, root, rootHeading, root.tagName.toUpperCase() === 'BLOCKQUOTE', false);
  }
  flush();
  return units;
}

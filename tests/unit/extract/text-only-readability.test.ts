import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Readability from '@mozilla/readability/Readability.js';
import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../scripts/lib/node-dom';
import { TextOnlyReadability } from '../../../utils/extract/article';
import { loadFixture } from './load-fixture';

const skipped = Object.getOwnPropertyNames(TextOnlyReadability.prototype).filter(
  (name) => name !== 'constructor',
);
const pages = [
  'demo/spacex-ipo.html',
  ...readdirSync(resolve(process.cwd(), 'tests/fixtures/pages'))
    .filter((file) => file.endsWith('.html'))
    .map((file) => `pages/${file}`),
];

// Whitespace aside: an emptied block Readability would have dropped may keep two words apart.
const visibleText = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, '');

const prose = (topic: string) =>
  `<p>${`The council debated ${topic}, and residents, shopkeepers and teachers spoke in turn about what it would change for them. `.repeat(3)}</p>`;

// What the fixtures lack: the cases each cheaper test must still answer as Readability's own does.
const TRICKY_PAGES: Record<string, string> = {
  'a long page': `<html><head><title>Tricky article</title></head><body><div id="main"><article>
    <h1>Tricky article</h1>
    <div class="author-bio">${'About the author: a reporter who has covered the city council for years. '.repeat(3)}</div>
    <div itemprop="author">Ana Ruiz</div>
    <p hidden>${'A paragraph with the hidden attribute. '.repeat(3)}</p>
    <p aria-hidden="true">${'A paragraph hidden from assistive technology and from readers. '.repeat(3)}</p>
    <p aria-hidden="true" class="fallback-image">${'A formula shown as a fallback image, kept by Readability. '.repeat(3)}</p>
    <p style="display:none">${'A paragraph hidden by its style attribute. '.repeat(3)}</p>
    <p style="visibility: hidden">${'Another paragraph hidden by its style. '.repeat(3)}</p>
    <p style="color: red">${'A styled paragraph that stays visible. '.repeat(3)}</p>
    <div><img src="photo.png" alt=""></div><div><br><hr></div><div>  \n </div><section><span> </span></section>
    ${prose('the tram line')}${prose('the school budget')}${prose('the new library')}
  </article></div></body></html>`,
  // Its first pass strips the "sidebar" and finds too little: a retry reads the page again.
  'a short page, read after retries': `<html><head><title>Short note</title></head><body>
    <style>p { color: blue }</style>
    <div class="sidebar">First line of the note<br><br>Second line, <font color="red">in red</font><br><br>Third line,
    by <a rel="author" href="/ana">Ana Ruiz</a>.<script>var note = "a script in the note";</script><noscript>Turn on scripts for the rest of the note.</noscript></div>
    <p>Is this short note worth a comment?</p></body></html>`,
};

describe('TextOnlyReadability', () => {
  it('overrides and calls only steps Readability still has, under the same names', () => {
    expect(skipped.length).toBeGreaterThan(0);
    // The overridden ones, and the two a retry calls to prepare its fresh clone.
    for (const name of [...skipped, '_removeScripts', '_prepDocument']) {
      expect(typeof (Readability.prototype as unknown as Record<string, unknown>)[name], name).toBe(
        'function',
      );
    }
  });

  it.each(pages)('reads the same article as Readability on %s', (page) => {
    expectSameReading(page, {});
  });

  it.each(Object.keys(TRICKY_PAGES))('finds the same elements as Readability on %s', (name) => {
    const html = TRICKY_PAGES[name] as string;
    const options = { serializer: (node: Node) => node as Element, keepClasses: true };
    const reference = new DisplayStepsSkipped(parseHtmlDocument(html), options).parse();
    const live = parseHtmlDocument(html);
    const textOnly = new TextOnlyReadability(live.cloneNode(true) as Document, live, options).parse();
    expect(reference?.content).toBeTruthy();
    expect(elementsOf(textOnly?.content)).toEqual(elementsOf(reference?.content));
    expect(textOnly?.byline).toBe(reference?.byline);
  });

  it.each(pages)('reads what Readability reads after all its retries on %s', (page) => {
    // No page reaches this threshold: every pass fails, and the longest one is kept.
    expectSameReading(page, { charThreshold: 1e9 });
  });
});

function expectSameReading(page: string, extra: { charThreshold?: number }) {
  const options = { serializer: (node: Node) => node as Element, keepClasses: true, ...extra };
  const full = new Readability<Element>(loadFixture(page), options).parse();
  const live = loadFixture(page);
  const textOnly = new TextOnlyReadability(live.cloneNode(true) as Document, live, options).parse();
  expect(textOnly === null).toBe(full === null);
  expect(visibleText(textOnly?.textContent)).toBe(visibleText(full?.textContent));
  const { content: _a, textContent: _b, length: _c, ...metadata } = full ?? {};
  const { content: _d, textContent: _e, length: _f, ...same } = textOnly ?? {};
  expect(same).toEqual(metadata);
}

/** Readability with only the display steps skipped, as TextOnlyReadability skips them. */
class DisplayStepsSkipped extends Readability<Element> {
  _postProcessContent(): void {}
  _cleanStyles(): void {}
  _unwrapNoscriptImages(): void {}
  _fixLazyImages(): void {}
}

/** Each element of a reading: its tag and its own text. */
function elementsOf(content: Element | null | undefined): string[] {
  return [...(content?.querySelectorAll('*') ?? [])].map((element) => {
    const own = [...element.childNodes].filter((node) => node.nodeType === 3);
    return `${element.tagName}:${own
      .map((node) => node.nodeValue)
      .join('')
      .trim()}`;
  });
}

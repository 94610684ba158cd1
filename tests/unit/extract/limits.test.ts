// The extractor's output stays within the bounds the file formats enforce (utils/limits.ts), so
// what the reader saves from any page can always be exported, backed up and restored.
import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../scripts/lib/node-dom';
import { extractFromDocument, questionId } from '../../../utils/extract';
import type { Extraction } from '../../../utils/extract/types';
import { LIMITS } from '../../../utils/limits';

const long = (word: string, chars: number) => `${word} `.repeat(Math.ceil(chars / (word.length + 1))).trim();
const PROSE =
  '<p>The council met on Tuesday to weigh the plan, which has divided the town for months. Supporters say it brings jobs and a new square; opponents fear the traffic and the cost, which has doubled since the first estimate two years ago. Both sides have gathered signatures, held meetings and written to the newspaper, and the vote is expected before the summer.</p>';

function page(head: string, body: string): Document {
  return parseHtmlDocument(
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${head}</head><body><main><article>${body}</article></main></body></html>`,
  );
}

function extract(doc: Document, url = 'https://town.example/plan'): Extraction {
  const result = extractFromDocument(doc, url);
  if (!result.ok) throw new Error(result.reason);
  return result.extraction;
}

describe('extraction within the format’s bounds', () => {
  it('cuts question texts, poles and attributions to 2,000 characters, with an ellipsis', () => {
    const first = long('trains', 2_500);
    const second = long('buses', 2_500);
    const who = long('Someone', 3_000);
    const doc = page(
      '<title>The plan</title>',
      `<h1>The plan</h1>${PROSE}<p>Would you rather live in a world where ${first}, or in a world where ${second}?</p>${PROSE}<blockquote><p>The square will bring the town together again.</p><cite>${who}</cite></blockquote>${PROSE}`,
    );
    const { questions } = extract(doc);
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) {
      expect(q.text.length).toBeLessThanOrEqual(LIMITS.textChars);
      expect(q.label.length).toBeLessThanOrEqual(LIMITS.textChars);
      expect((q.attribution ?? '').length).toBeLessThanOrEqual(LIMITS.textChars);
      if (q.form.type === 'alternatives')
        for (const pole of q.form.poles) expect(pole.length).toBeLessThanOrEqual(LIMITS.textChars);
      // The id is the hash of the text as kept, as sync's compact tier expects.
      expect(q.id).toBe(questionId(q.text));
    }
    const raised = questions.find((q) => q.kind === 'raised')!;
    expect(raised.text.endsWith('…')).toBe(true);
    // Poles of 2,500 characters label no scale's end.
    expect(raised.form.type).not.toBe('alternatives');
    const claim = questions.find((q) => q.kind === 'claim')!;
    expect(claim.attribution?.endsWith('…')).toBe(true);
  });

  it('cuts the title to 2,000 characters', () => {
    const title = long('Headline', 3_000);
    const doc = page(
      `<title>${title}</title><meta property="og:title" content="${title}">`,
      `<h1>${title}</h1>${PROSE}${PROSE}`,
    );
    const { article } = extract(doc);
    expect(article!.title.length).toBeLessThanOrEqual(LIMITS.textChars);
    expect(article!.title.endsWith('…')).toBe(true);
  });

  it('takes a canonical address too long to store as no canonical address', () => {
    const doc = page(
      `<title>The plan</title><link rel="canonical" href="https://town.example/plan?${'x'.repeat(50_000)}">`,
      `<h1>The plan</h1>${PROSE}${PROSE}`,
    );
    const { url } = extract(doc, 'https://town.example/plan?utm_source=feed').article!;
    expect(url.length < 100 ? url : `${url.length} chars`).toBe('https://town.example/plan');
  });

  it('does not read a page that has no web address (http or https) to keep it under', () => {
    const doc = page('<title>The plan</title>', `<h1>The plan</h1>${PROSE}${PROSE}`);
    const reason = (url: string) => {
      const result = extractFromDocument(doc, url);
      return result.ok ? `read, as ${result.extraction.article?.url.slice(0, 40)}` : result.reason;
    };
    expect(reason('file:///home/reader/plan.html')).toBe('restricted-page');
    expect(reason(`https://town.example/${'x'.repeat(LIMITS.urlChars)}`)).toBe('restricted-page');
  });
});

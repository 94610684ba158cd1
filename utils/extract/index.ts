// Entry point of the extractor: the same code runs in the page and in Node (CLI, corpus).
import type { ExtractionResult } from './types';

export function extractFromDocument(doc: Document, pageUrl: string): ExtractionResult {
  const title = doc.title.trim();
  if (!title) return { ok: false, reason: 'no-article' };
  return {
    ok: true,
    extraction: {
      article: {
        url: pageUrl,
        title,
        siteName: '',
        byline: '',
        lang: doc.documentElement.lang,
        publishedTime: '',
        wordCount: 0,
        readingMinutes: 0,
        excerpt: '',
      },
      questions: [],
    },
  };
}

// An extraction as the page bridge hands it to the panel, for tests that stand in for the page.
import type { ExtractedQuestion, Extraction } from '@/utils/extract/types';

export function pageExtraction(url: string, title: string, questions: ExtractedQuestion[]): Extraction {
  return {
    article: {
      url,
      title,
      siteName: 'Example',
      byline: '',
      lang: 'fr',
      publishedTime: '',
      wordCount: 900,
      readingMinutes: 4,
      excerpt: '',
    },
    questions,
  };
}

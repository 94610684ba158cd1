// Entry point of the extractor in Node (CLI, corpus, tests): the page script's reading (read.ts, the
// same code that runs in the page) with each question's answer form, as the panel gives it.
import { readArticleQuestions } from './read';
import type { ExtractionResult } from './types';
import { withAnswerForms } from './with-forms';

export { answerFormFor } from './forms';
export { questionId } from './ids';
export { readArticleQuestions } from './read';
export { canonicalUrl } from './url';
export { withAnswerForms } from './with-forms';

export function extractFromDocument(doc: Document, pageUrl: string): ExtractionResult {
  return withAnswerForms(readArticleQuestions(doc, pageUrl));
}

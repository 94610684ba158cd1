// Gives each question the page script read its answer form (No…Yes, A…B, words, Disagree…Agree).
// Run in the panel (loaded beside the injection) and in Node: the page never gets the cue lexicon.
import { answerFormFor } from './forms';
import type { ExtractedQuestion, ExtractionResult, PageReadingResult } from './types';

export function withAnswerForms(result: PageReadingResult): ExtractionResult {
  if (!result.ok) return result;
  const { article, questions } = result.extraction;
  const lang = article?.lang ?? '';
  return {
    ok: true,
    extraction: {
      article,
      questions: questions.map(({ attribution, ...q }) => {
        // Poles are at most 100 characters (forms.ts): within every file's bounds already.
        const question: ExtractedQuestion = { ...q, form: answerFormFor(q.text, lang) };
        if (attribution !== undefined) question.attribution = attribution;
        return question;
      }),
    },
  };
}

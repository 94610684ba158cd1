// The shape of what Stance reads from a page: one contract shared by the extractor
// (in the page or in Node), the CLI, the panel and the stores.

export type QuestionKind = 'debate' | 'raised' | 'claim';

/**
 * How a question is answered: No…Yes, A…B (poles are the two alternatives), Disagree…Agree, or in
 * the reader's own words (`open`: what, how, why… — no scale; the answer is the question's note).
 */
export type AnswerForm =
  | { type: 'yes-no' }
  | { type: 'agree-disagree' }
  | { type: 'alternatives'; poles: [string, string] }
  | { type: 'open' };

export interface ExtractedQuestion {
  /** Stable id from the normalised text: the same on every device and for every reader. */
  id: string;
  kind: QuestionKind;
  /** A bold lead such as "Le Monopole Ultime", kept apart from the question; '' when none. */
  label: string;
  text: string;
  form: AnswerForm;
  /** Who said it, for claims (pull quotes, blockquotes); '' when unknown. */
  attribution?: string;
}

/**
 * A question as the script in the page reads it, before its answer form is given (with-forms.ts):
 * the lexicon that decides forms stays out of what is injected into pages.
 */
export type PageQuestion = Omit<ExtractedQuestion, 'form'>;

export interface ArticleInfo {
  /** Canonical URL without fragment or tracking parameters: the article's identity. */
  url: string;
  title: string;
  siteName: string;
  byline: string;
  lang: string;
  publishedTime: string;
  wordCount: number;
  readingMinutes: number;
  excerpt: string;
}

export interface Extraction {
  article: ArticleInfo | null;
  questions: ExtractedQuestion[];
}

/** Why extraction produced nothing usable; each maps to a message key in _locales. */
export type ExtractionFailure =
  | 'no-article'
  | 'too-large'
  | 'restricted-page'
  | 'pdf'
  | 'error-page'
  | 'not-loaded'
  | 'failed';

export type ExtractionResult =
  | { ok: true; extraction: Extraction }
  | { ok: false; reason: ExtractionFailure };

/** What the page script returns: an Extraction whose questions have no answer form yet. */
export type PageReadingResult =
  | { ok: true; extraction: { article: ArticleInfo | null; questions: PageQuestion[] } }
  | { ok: false; reason: ExtractionFailure };

// The annotated corpus as the debate model sees it: pages read with the extractor's own code into
// candidates, labels from the annotations, the corpus README's matching rule, the logistic fit and
// leave-one-site-out cross-validation. Shared by eval-corpus.ts and fit-debate-model.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArticle } from '../../utils/extract/article';
import { collectTextUnits, type TextUnit } from '../../utils/extract/blocks';
import { baseLanguage } from '../../utils/extract/cues';
import { type DebateCandidate, debateCandidates, selectDebateQuestions } from '../../utils/extract/debate';
import { FEATURE_NAMES, type FeatureName } from '../../utils/extract/features';
import type { DebateModel } from '../../utils/extract/model';
import { tokenOverlap as overlap } from '../../utils/extract/text';

export { overlap };

import { canonicalUrl } from '../../utils/extract/url';
import { parseHtmlDocument } from './node-dom';

export interface AnnotatedQuestion {
  label: string | null;
  text: string;
  generic?: boolean;
  kind?: string;
}

export interface AnnotatedPage {
  id: string;
  file: string;
  lang: string;
  url?: string;
  title: string;
  debate_questions: AnnotatedQuestion[];
}

export interface Found {
  label: string;
  text: string;
}

export const QUESTION_MATCH = 0.8;

/**
 * Our own fixture pages, annotated the same way: always in training (they hold the forms the dev
 * corpus lacks, such as lists under a "Discussion questions" heading), never scored as corpus.
 */
export const OWN_PAGES_DIR = 'tests/fixtures/pages';

export function loadAnnotations(dir: string): AnnotatedPage[] {
  return JSON.parse(readFileSync(join(dir, 'annotations.json'), 'utf8')) as AnnotatedPage[];
}

/** A page annotated without its address gets one: the extractor reads no page without http(s). */
export const pageUrlOf = (page: AnnotatedPage) =>
  page.url || `https://corpus.invalid/${encodeURI(page.file)}`;

export function questionScore(found: Found, annotated: AnnotatedQuestion): number {
  const withLabels = overlap(`${found.label} ${found.text}`, `${annotated.label ?? ''} ${annotated.text}`);
  return Math.max(overlap(found.text, annotated.text), withLabels);
}

export const isRequired = (question: AnnotatedQuestion) => !question.generic && question.kind !== 'poll';

export interface QuestionScore {
  matched: number;
  unmatchedFound: Found[];
  missed: AnnotatedQuestion[];
  required: number;
}

/** The corpus README's count: each annotated question matches at most one extracted one. */
export function scoreQuestions(found: Found[], annotated: AnnotatedQuestion[]): QuestionScore {
  const taken = new Set<number>();
  let matched = 0;
  const unmatchedFound: Found[] = [];
  for (const question of found) {
    let best = -1;
    let bestScore = QUESTION_MATCH;
    annotated.forEach((candidate, index) => {
      const score = questionScore(question, candidate);
      if (!taken.has(index) && score >= bestScore) {
        best = index;
        bestScore = score;
      }
    });
    if (best < 0) {
      unmatchedFound.push(question);
      continue;
    }
    taken.add(best);
    if (isRequired(annotated[best] as AnnotatedQuestion)) matched++;
  }
  return {
    matched,
    unmatchedFound,
    missed: annotated.filter((q, index) => isRequired(q) && !taken.has(index)),
    required: annotated.filter(isRequired).length,
  };
}

/** A page read as the extractor reads it: its body's text units and language. */
export interface ReadPage {
  page: AnnotatedPage;
  site: string;
  units: TextUnit[];
  lang: string;
  candidates: DebateCandidate[];
  /** 1 when the candidate matches an annotated question (generic and poll ones included). */
  labels: number[];
  /** One of our own fixture pages (OWN_PAGES_DIR), not the corpus. */
  own: boolean;
}

/** The corpus pages of `dir`, then our own fixture pages. */
export function readTrainingPages(dir: string): ReadPage[] {
  const pages = loadAnnotations(dir).map((page) => readPage(dir, page));
  assignSites(pages);
  const own = loadAnnotations(OWN_PAGES_DIR).map((page) => readPage(OWN_PAGES_DIR, page, true));
  return [...pages, ...own];
}

export function readPage(dir: string, page: AnnotatedPage, own = false): ReadPage {
  const doc = parseHtmlDocument(readFileSync(join(dir, page.file), 'utf8'));
  const url = canonicalUrl(doc, pageUrlOf(page));
  const reading = url ? readArticle(doc, url, 1_000) : 'no-article';
  const units = typeof reading === 'string' ? [] : collectTextUnits(reading.body);
  const lang =
    typeof reading === 'string' ? '' : reading.info.lang || doc.documentElement.getAttribute('lang') || '';
  const candidates = debateCandidates(units, lang);
  const labels = candidates.map((candidate) =>
    page.debate_questions.some((q) => questionScore(candidate.hit, q) >= QUESTION_MATCH) ? 1 : 0,
  );
  return { page, site: own ? `own:${page.id}` : '', own, units, lang, candidates, labels };
}

function hostOf(page: AnnotatedPage): string {
  const host = /^https?:\/\/([^/?#]+)/i
    .exec(page.url ?? '')?.[1]
    ?.toLowerCase()
    .replace(/^www\d*\./, '');
  // Pages without an address are grouped by the site part of their id ("fr-traducteursagiles-…").
  return host ?? page.id.split('-').slice(0, 2).join('-');
}

/** Sites for cross-validation: the host of `url`; a host that extends another's (a typo'd URL) joins it. */
export function assignSites(pages: ReadPage[]): void {
  const hosts = [...new Set(pages.filter((p) => !p.own).map((p) => hostOf(p.page)))].sort(
    (a, b) => a.length - b.length,
  );
  for (const read of pages) {
    if (read.own) continue;
    const host = hostOf(read.page);
    read.site = hosts.find((other) => other.includes('.') && host.startsWith(other)) ?? host;
  }
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias): a Gaussian prior around `priors`, else 0. */
  l2: number;
  iterations: number;
  /** Prior means of some weights; the others are drawn to 0. */
  priors: Partial<Record<FeatureName, number>>;
}

/**
 * What the corpus README's definition excludes, as prior knowledge: each of these kinds shows on
 * one or two pages of the corpus, too few for the fit to learn on its own that it is no debate
 * question, so their weights start from a penalty (e^-2: odds seven times lower) that the data
 * may move. Generic comment CTAs, subscription and product pitches, tag questions, footnotes,
 * questions the text then answers, quoted questions, reading-list links, asides in brackets.
 */
export const EXCLUDED_KINDS: Partial<Record<FeatureName, number>> = {
  subscription_cue: -2,
  footnote: -2,
  answered_after: -2,
  reading_list: -2,
};

export const FIT_OPTIONS: FitOptions = { l2: 1, iterations: 30, priors: EXCLUDED_KINDS };

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and symmetric positive). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs((m[r] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number))
        pivot = r;
    }
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const rowCol = m[col] as number[];
    const diagonal = rowCol[col] as number;
    if (Math.abs(diagonal) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] as number[];
      const factor = (row[col] as number) / diagonal;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - factor * (rowCol[c] as number);
    }
  }
  return m.map((row, i) => {
    const d = row[i] as number;
    return Math.abs(d) < 1e-12 ? 0 : (row[n] as number) / d;
  });
}

/** L2-regularised logistic regression by Newton's method: deterministic, from zero weights. */
export function fitLogistic(rows: number[][], labels: number[], options: FitOptions = FIT_OPTIONS): number[] {
  const d = FEATURE_NAMES.length + 1;
  const prior = [0, ...FEATURE_NAMES.map((name) => options.priors[name] ?? 0)];
  let w = new Array<number>(d).fill(0);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    rows.forEach((features, index) => {
      const x = [1, ...features];
      let z = 0;
      for (let i = 0; i < d; i++) z += (w[i] as number) * (x[i] as number);
      const p = 1 / (1 + Math.exp(-z));
      const error = p - (labels[index] as number);
      const curvature = p * (1 - p);
      for (let i = 0; i < d; i++) {
        const xi = x[i] as number;
        if (xi === 0) continue;
        gradient[i] = (gradient[i] as number) + error * xi;
        const row = hessian[i] as number[];
        for (let j = 0; j < d; j++) row[j] = (row[j] as number) + curvature * xi * (x[j] as number);
      }
    });
    for (let i = 1; i < d; i++) {
      gradient[i] = (gradient[i] as number) + options.l2 * ((w[i] as number) - (prior[i] as number));
      (hessian[i] as number[])[i] = ((hessian[i] as number[])[i] as number) + options.l2;
    }
    (hessian[0] as number[])[0] = ((hessian[0] as number[])[0] as number) + 1e-6;
    const step = solve(hessian, gradient);
    w = w.map((value, i) => value - (step[i] as number));
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  return w;
}

/**
 * Fits the model on `pages`. The threshold stays at 0.5, the logistic decision boundary: one picked
 * to maximise F1 on the training pages themselves did worse on the held-out sites.
 */
export function fitModel(pages: ReadPage[], options: FitOptions = FIT_OPTIONS): DebateModel {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const read of pages) {
    read.candidates.forEach((candidate, index) => {
      rows.push(candidate.features);
      labels.push(read.labels[index] as number);
    });
  }
  const w = fitLogistic(rows, labels, options);
  const weights = FEATURE_NAMES.map((_, i) => Math.round((w[i + 1] as number) * 1000) / 1000);
  return { bias: Math.round((w[0] as number) * 1000) / 1000, weights, threshold: 0.5 };
}

export interface Figures {
  pages: number;
  matched: number;
  extracted: number;
  required: number;
  precision: number;
  recall: number;
}

export function figuresOf(scores: QuestionScore[]): Figures {
  let matched = 0;
  let unmatched = 0;
  let required = 0;
  for (const score of scores) {
    matched += score.matched;
    unmatched += score.unmatchedFound.length;
    required += score.required;
  }
  return {
    pages: scores.length,
    matched,
    extracted: matched + unmatched,
    required,
    precision: matched + unmatched === 0 ? 1 : matched / (matched + unmatched),
    recall: required === 0 ? 1 : matched / required,
  };
}

export function scorePageWith(read: ReadPage, model: DebateModel): QuestionScore {
  const found = selectDebateQuestions(read.candidates, model).map(({ label, text }) => ({ label, text }));
  return scoreQuestions(found, read.page.debate_questions);
}

export function evaluate(pages: ReadPage[], model: DebateModel): Figures {
  return figuresOf(pages.map((read) => scorePageWith(read, model)));
}

/**
 * Leave-one-site-out: for each corpus site, fit on every other page (our own included) and score
 * that site's pages.
 */
export function crossValidate(
  pages: ReadPage[],
  options: FitOptions = FIT_OPTIONS,
): Map<ReadPage, QuestionScore> {
  const scores = new Map<ReadPage, QuestionScore>();
  const sites = [...new Set(pages.filter((p) => !p.own).map((p) => p.site))];
  for (const site of sites) {
    const model = fitModel(
      pages.filter((p) => p.site !== site),
      options,
    );
    for (const read of pages.filter((p) => p.site === site)) scores.set(read, scorePageWith(read, model));
  }
  return scores;
}

/** Figures per base language ("fr", "en", …) of the annotated pages. */
export function byLanguage(
  pages: ReadPage[],
  scoreOf: (read: ReadPage) => QuestionScore,
): Map<string, Figures> {
  const groups = new Map<string, QuestionScore[]>();
  for (const read of pages) {
    const lang = baseLanguage(read.page.lang);
    groups.set(lang, [...(groups.get(lang) ?? []), scoreOf(read)]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([lang, s]) => [lang, figuresOf(s)]));
}

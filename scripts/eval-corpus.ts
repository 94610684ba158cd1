// `npm run eval:corpus -- <dir> [--verbose] [--json]`: scores debate-question extraction and titles
// against <dir>/annotations.json, counted exactly as ../shared/corpus/README.md says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFromDocument } from '../utils/extract/index';
import { foldText } from '../utils/extract/text';
import { parseHtmlDocument } from './lib/node-dom';

interface AnnotatedQuestion {
  label: string | null;
  text: string;
  generic?: boolean;
  kind?: string;
}

interface AnnotatedPage {
  id: string;
  file: string;
  url?: string;
  title: string;
  debate_questions: AnnotatedQuestion[];
}

interface Found {
  label: string;
  text: string;
}

const QUESTION_MATCH = 0.8;
const TITLE_MATCH = 0.9;

function tokens(text: string): string[] {
  const folded = foldText(text);
  return folded ? folded.split(' ') : [];
}

/** Shared tokens, counted with repetition, over the longer token count. */
function overlap(a: string, b: string): number {
  const left = tokens(a);
  const right = tokens(b);
  if (left.length === 0 || right.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const token of left) counts.set(token, (counts.get(token) ?? 0) + 1);
  let shared = 0;
  for (const token of right) {
    const count = counts.get(token) ?? 0;
    if (count > 0) {
      shared++;
      counts.set(token, count - 1);
    }
  }
  return shared / Math.max(left.length, right.length);
}

function questionScore(found: Found, annotated: AnnotatedQuestion): number {
  const withLabels = overlap(`${found.label} ${found.text}`, `${annotated.label ?? ''} ${annotated.text}`);
  return Math.max(overlap(found.text, annotated.text), withLabels);
}

const isRequired = (question: AnnotatedQuestion) => !question.generic && question.kind !== 'poll';

interface PageScore {
  matched: number;
  unmatchedFound: Found[];
  missed: AnnotatedQuestion[];
  required: number;
  titleRight: boolean;
  title: string;
  failure?: string;
}

function scorePage(dir: string, page: AnnotatedPage): PageScore {
  const html = readFileSync(join(dir, page.file), 'utf8');
  // A page annotated without its address gets one: the extractor reads no page that lacks an
  // http(s) address, and the score is about questions and titles, not addresses.
  const pageUrl = page.url || `https://corpus.invalid/${encodeURI(page.file)}`;
  const result = extractFromDocument(parseHtmlDocument(html), pageUrl);
  const found: Found[] = result.ok
    ? result.extraction.questions
        .filter((q) => q.kind === 'debate')
        .map(({ label, text }) => ({ label, text }))
    : [];
  const title = result.ok ? (result.extraction.article?.title ?? '') : '';
  const taken = new Set<number>();
  let matched = 0;
  const unmatchedFound: Found[] = [];
  for (const question of found) {
    let best = -1;
    let bestScore = QUESTION_MATCH;
    page.debate_questions.forEach((annotated, index) => {
      const score = questionScore(question, annotated);
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
    if (isRequired(page.debate_questions[best] as AnnotatedQuestion)) matched++;
  }
  const missed = page.debate_questions.filter((q, index) => isRequired(q) && !taken.has(index));
  return {
    matched,
    unmatchedFound,
    missed,
    required: page.debate_questions.filter(isRequired).length,
    titleRight: overlap(title, page.title) >= TITLE_MATCH,
    title,
    failure: result.ok ? undefined : result.reason,
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const dir = args.find((arg) => !arg.startsWith('--'));
  const verbose = args.includes('--verbose');
  if (!dir) {
    process.stderr.write('usage: npm run eval:corpus -- <dir> [--verbose] [--json]\n');
    process.exit(1);
  }
  let pages: AnnotatedPage[];
  try {
    pages = JSON.parse(readFileSync(join(dir, 'annotations.json'), 'utf8')) as AnnotatedPage[];
  } catch (error) {
    process.stderr.write(`eval:corpus: cannot read ${join(dir, 'annotations.json')}: ${String(error)}\n`);
    process.exit(1);
  }
  let matched = 0;
  let unmatched = 0;
  let required = 0;
  let titles = 0;
  for (const page of pages) {
    const score = scorePage(dir, page);
    matched += score.matched;
    unmatched += score.unmatchedFound.length;
    required += score.required;
    if (score.titleRight) titles++;
    const wrong = score.unmatchedFound.length > 0 || score.missed.length > 0 || !score.titleRight;
    if (verbose && wrong) {
      process.stdout.write(`\n${page.id}${score.failure ? ` (${score.failure})` : ''}\n`);
      if (!score.titleRight) process.stdout.write(`  title: ${score.title} ≠ ${page.title}\n`);
      for (const q of score.unmatchedFound) process.stdout.write(`  extra: [${q.label}] ${q.text}\n`);
      for (const q of score.missed) process.stdout.write(`  missed: [${q.label ?? ''}] ${q.text}\n`);
    }
  }
  const figures = {
    pages: pages.length,
    precision: matched + unmatched === 0 ? 1 : matched / (matched + unmatched),
    recall: required === 0 ? 1 : matched / required,
    titleAccuracy: pages.length === 0 ? 1 : titles / pages.length,
    matched,
    unmatchedExtracted: unmatched,
    requiredAnnotated: required,
  };
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `\npages ${figures.pages}  precision ${figures.precision.toFixed(3)} (${matched}/${matched + unmatched})` +
      `  recall ${figures.recall.toFixed(3)} (${matched}/${required})` +
      `  title accuracy ${figures.titleAccuracy.toFixed(3)} (${titles}/${pages.length})\n`,
  );
}

main();

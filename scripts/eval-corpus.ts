// `npm run eval:corpus -- <dir> [--verbose] [--json] [--no-cv]`: scores debate-question extraction
// and titles against <dir>/annotations.json, counted exactly as ../shared/corpus/README.md says:
// first the shipped model (training figures), then leave-one-site-out cross-validation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFromDocument } from '../utils/extract/index';
import {
  type AnnotatedPage,
  byLanguage,
  crossValidate,
  type Figures,
  type Found,
  figuresOf,
  loadAnnotations,
  overlap,
  pageUrlOf,
  type QuestionScore,
  type ReadPage,
  readTrainingPages,
  scoreQuestions,
} from './lib/debate-corpus';
import { parseHtmlDocument } from './lib/node-dom';

const TITLE_MATCH = 0.9;

interface PageScore extends QuestionScore {
  titleRight: boolean;
  title: string;
  failure?: string;
}

function scorePage(dir: string, page: AnnotatedPage): PageScore {
  const html = readFileSync(join(dir, page.file), 'utf8');
  const result = extractFromDocument(parseHtmlDocument(html), pageUrlOf(page));
  const found: Found[] = result.ok
    ? result.extraction.questions
        .filter((q) => q.kind === 'debate')
        .map(({ label, text }) => ({ label, text }))
    : [];
  const title = result.ok ? (result.extraction.article?.title ?? '') : '';
  return {
    ...scoreQuestions(found, page.debate_questions),
    titleRight: overlap(title, page.title) >= TITLE_MATCH,
    title,
    failure: result.ok ? undefined : result.reason,
  };
}

const line = (name: string, f: Figures) =>
  `  ${name.padEnd(8)} precision ${f.precision.toFixed(3)} (${f.matched}/${f.extracted})` +
  `  recall ${f.recall.toFixed(3)} (${f.matched}/${f.required})  pages ${f.pages}\n`;

function printMisses(label: string, page: AnnotatedPage, score: QuestionScore, extra = ''): void {
  if (score.unmatchedFound.length === 0 && score.missed.length === 0 && !extra) return;
  process.stdout.write(`\n${label} ${page.id}${extra}\n`);
  for (const q of score.unmatchedFound) process.stdout.write(`  extra: [${q.label}] ${q.text}\n`);
  for (const q of score.missed) process.stdout.write(`  missed: [${q.label ?? ''}] ${q.text}\n`);
}

function main(): void {
  const args = process.argv.slice(2);
  const dir = args.find((arg) => !arg.startsWith('--'));
  const verbose = args.includes('--verbose');
  if (!dir) {
    process.stderr.write('usage: npm run eval:corpus -- <dir> [--verbose] [--json] [--no-cv]\n');
    process.exit(1);
  }
  let pages: AnnotatedPage[];
  try {
    pages = loadAnnotations(dir);
  } catch (error) {
    process.stderr.write(`eval:corpus: cannot read ${join(dir, 'annotations.json')}: ${String(error)}\n`);
    process.exit(1);
  }
  const training = new Map<string, PageScore>();
  let titles = 0;
  for (const page of pages) {
    const score = scorePage(dir, page);
    training.set(page.id, score);
    if (score.titleRight) titles++;
    if (verbose) {
      const title = score.titleRight ? '' : `\n  title: ${score.title} ≠ ${page.title}`;
      printMisses('train', page, score, `${score.failure ? ` (${score.failure})` : ''}${title}`);
    }
  }
  const all = readTrainingPages(dir);
  const read = all.filter((r) => !r.own);
  const trainingOf = (r: ReadPage) => training.get(r.page.id) as PageScore;
  const trainingFigures = figuresOf([...training.values()]);
  const cv = args.includes('--no-cv') ? null : crossValidate(all);
  const cvOf = (r: ReadPage) => cv?.get(r) as QuestionScore;
  if (verbose && cv) for (const r of read) printMisses(`cv[${r.site}]`, r.page, cvOf(r));
  const figures = {
    pages: pages.length,
    sites: new Set(read.map((r) => r.site)).size,
    titleAccuracy: pages.length === 0 ? 1 : titles / pages.length,
    training: { all: trainingFigures, byLanguage: Object.fromEntries(byLanguage(read, trainingOf)) },
    crossValidated: cv
      ? { all: figuresOf([...cv.values()]), byLanguage: Object.fromEntries(byLanguage(read, cvOf)) }
      : null,
  };
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  let out = `\npages ${figures.pages}, sites ${figures.sites}  title accuracy ${figures.titleAccuracy.toFixed(3)} (${titles}/${pages.length})\n`;
  out += 'training (the shipped model, fitted on all pages):\n';
  out += line('all', trainingFigures);
  for (const [lang, f] of Object.entries(figures.training.byLanguage)) out += line(lang, f);
  if (figures.crossValidated) {
    out += 'leave-one-site-out cross-validation (each site scored by a model fitted without it):\n';
    out += line('all', figures.crossValidated.all);
    for (const [lang, f] of Object.entries(figures.crossValidated.byLanguage)) out += line(lang, f);
  }
  process.stdout.write(out);
}

main();

// `npm run eval:readability -- <dir> [--json]`: runs the extractor over Mozilla Readability's test
// pages (<dir>/<slug>/source.html with expected-metadata.json, e.g. ../shared/peer/readability)
// and counts what goes wrong on pages nobody tuned it on: readerable pages refused ("no article"),
// titles that name something else than the expected one, pages credited with debate questions.
// The pages are third-party: read them here, never copy them into the project.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFromDocument } from '../utils/extract/index';
import { tokenOverlap as overlap } from '../utils/extract/text';
import { parseHtmlDocument } from './lib/node-dom';

interface ExpectedMetadata {
  title?: string | null;
  readerable?: boolean;
}

// A title names the same thing when the tokens it shares with the expected one, counted with
// repetition, are at least half of the longer one's (the sites' own titles vary in their wording).
const TITLE_MATCH = 0.5;

interface Failure {
  slug: string;
  detail: string;
}

function main(): void {
  const args = process.argv.slice(2);
  const dir = args.find((arg) => !arg.startsWith('--'));
  if (!dir) {
    process.stderr.write('usage: npm run eval:readability -- <dir> [--json]\n');
    process.exit(1);
  }
  let slugs: string[];
  try {
    slugs = readdirSync(dir)
      .filter((slug) => existsSync(join(dir, slug, 'source.html')))
      .sort();
  } catch (error) {
    process.stderr.write(`eval:readability: cannot read ${dir}: ${String(error)}\n`);
    process.exit(1);
  }
  let readerable = 0;
  let titled = 0;
  const lost: Failure[] = [];
  const titles: Failure[] = [];
  const debates: Failure[] = [];
  const refusedOthers: string[] = [];
  for (const slug of slugs) {
    const metaPath = join(dir, slug, 'expected-metadata.json');
    const expected: ExpectedMetadata = existsSync(metaPath)
      ? (JSON.parse(readFileSync(metaPath, 'utf8')) as ExpectedMetadata)
      : {};
    const html = readFileSync(join(dir, slug, 'source.html'), 'utf8');
    // The test pages carry no address of their own; the extractor reads only http(s) pages.
    const result = extractFromDocument(parseHtmlDocument(html), `https://readability.invalid/${slug}/`);
    if (expected.readerable) readerable++;
    const article = result.ok ? result.extraction.article : null;
    if (!result.ok || !article) {
      if (expected.readerable) lost.push({ slug, detail: result.ok ? 'no-article' : result.reason });
      else refusedOthers.push(slug);
      continue;
    }
    const { questions } = result.extraction;
    const expectedTitle = collapse(expected.title ?? '');
    if (expectedTitle) {
      titled++;
      if (overlap(article.title, expectedTitle) < TITLE_MATCH)
        titles.push({ slug, detail: `"${article.title}" ≠ "${expectedTitle}"` });
    }
    const debate = questions.filter((q) => q.kind === 'debate');
    if (debate.length > 0)
      debates.push({
        slug,
        detail: debate.map((q) => `${q.label ? `[${q.label}] ` : ''}${q.text}`).join(' | '),
      });
  }
  const figures = {
    pages: slugs.length,
    readerable,
    readerableLost: lost.length,
    titled,
    titlesWrong: titles.length,
    pagesWithDebateQuestions: debates.length,
    notReaderableRefused: refusedOthers.length,
  };
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ ...figures, lost, titles, debates }, null, 2)}\n`);
    return;
  }
  const section = (heading: string, failures: Failure[]) => {
    if (failures.length === 0) return;
    process.stdout.write(`\n${heading}\n`);
    for (const { slug, detail } of failures) process.stdout.write(`  ${slug}: ${detail}\n`);
  };
  section('readerable pages with no article:', lost);
  section('titles naming something else:', titles);
  section('pages credited with debate questions:', debates);
  process.stdout.write(
    `\npages ${figures.pages}  readerable lost ${lost.length}/${readerable}` +
      `  titles wrong ${titles.length}/${titled}  with debate questions ${debates.length}` +
      `  (not readerable, refused ${refusedOthers.length}/${slugs.length - readerable})\n`,
  );
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

main();

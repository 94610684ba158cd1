// CLI: `npm run --silent extract -- <file.html> [--url <original url>]` prints what Stance reads
// from a saved page as JSON, using the extension's own extractor on a Node DOM.
import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { extractFromDocument } from '../utils/extract/index';
import type { ExtractionFailure } from '../utils/extract/types';
import { parseHtmlDocument } from './lib/node-dom';

const FAILURE_MESSAGES: Record<ExtractionFailure, string> = {
  'no-article': 'no article found on this page',
  'too-large': 'the page is too large or too deeply nested to read',
  'restricted-page': 'the page has no http(s) address to keep its article under: pass --url <its address>',
  pdf: 'this is a PDF document, not a web page',
  'error-page': 'the browser shows an error page instead of the page',
  'not-loaded': 'the page has no document to read',
  failed: 'extraction failed',
};

function fail(message: string): never {
  process.stderr.write(`extract: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv: string[]): { file: string; url: string | undefined } {
  let file: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--url') {
      url = argv[++i];
      if (!url) fail('--url needs a value');
    } else if (arg.startsWith('--url=')) {
      url = arg.slice('--url='.length);
    } else if (!file) {
      file = arg;
    } else {
      fail(`unexpected argument: ${arg}`);
    }
  }
  if (!file) fail('usage: npm run --silent extract -- <file.html> [--url <original url>]');
  return { file, url };
}

function readHtml(file: string): string {
  let html: string;
  try {
    if (!statSync(file).isFile()) fail(`not a file: ${file}`);
    html = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  // A binary file or plain text is not a page: ask for markup before handing it to the DOM.
  if (html.includes('\u0000') || !/<(?:!doctype\s+html|html|head|body|p|div|article)[\s>]/i.test(html)) {
    fail(`not an HTML page: ${file}`);
  }
  return html;
}

function main(): void {
  const { file, url } = parseArgs(process.argv.slice(2));
  const html = readHtml(file);
  const pageUrl = url ?? pathToFileURL(file).href;
  try {
    new URL(pageUrl);
  } catch {
    fail(`not a URL: ${pageUrl}`);
  }
  let result: ReturnType<typeof extractFromDocument>;
  try {
    result = extractFromDocument(parseHtmlDocument(html), pageUrl);
  } catch (error) {
    fail(`extraction failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!result.ok) fail(`${FAILURE_MESSAGES[result.reason]}: ${file}`);
  process.stdout.write(`${JSON.stringify(result.extraction, null, 2)}\n`);
}

main();

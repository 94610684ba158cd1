// Loads a fixture page into the same Node DOM (linkedom) the CLI and corpus evaluation use.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHtmlDocument } from '../../../scripts/lib/node-dom';

// vitest runs from the project root; import.meta.url is not a file URL under its happy-dom environment.
const FIXTURES = resolve(process.cwd(), 'tests/fixtures');

export function loadFixture(relativePath: string): Document {
  return parseHtmlDocument(readFileSync(resolve(FIXTURES, relativePath), 'utf8'));
}

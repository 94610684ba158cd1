// Parses HTML into a Document in Node (linkedom), so the CLI, the corpus evaluation and the
// unit tests run the very extractor the extension injects into pages.
import { parseHTML } from 'linkedom';

/** A Document for `html`; linkedom ignores the URL, so callers pass the page URL separately. */
export function parseHtmlDocument(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

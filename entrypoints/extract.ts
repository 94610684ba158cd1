// Injected on demand (scripting.executeScript under activeTab) when the panel asks:
// never listed in the manifest, so pages where Stance is not opened pay nothing.
import { readArticleQuestions } from '@/utils/extract/read';
import type { PageReadingResult } from '@/utils/extract/types';

// An unlisted script, not a content script: WXT wraps a content script in a context that posts a
// message to the page on every run (naming the extension's id to any script listening) and
// watches the page's navigations; a reading needs neither.
export default defineUnlistedScript(
  // Questions without answer forms: the panel gives them (utils/extract/with-forms.ts).
  (): PageReadingResult => {
    try {
      return readArticleQuestions(document, location.href);
    } catch {
      // A hostile or exotic page must not leave an error in the reader's console: the panel says it.
      return { ok: false, reason: 'failed' };
    }
  },
);

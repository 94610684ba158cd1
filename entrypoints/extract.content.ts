// Injected on demand (scripting.executeScript under activeTab) when the panel asks:
// never listed in the manifest, so pages where Stance is not opened pay nothing.
import { readArticleQuestions } from '@/utils/extract/read';
import type { PageReadingResult } from '@/utils/extract/types';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  // Questions without answer forms: the panel gives them (utils/extract/with-forms.ts).
  main(): PageReadingResult {
    try {
      return readArticleQuestions(document, location.href);
    } catch {
      // A hostile or exotic page must not leave an error in the reader's console: the panel says it.
      return { ok: false, reason: 'failed' };
    }
  },
});
